import { recogniseYesNo } from '../../bot/dialogue/yes-no-answer';

describe('a typed yes or no', () => {
  const yes = [
    'ja', 'Ja', 'JA', 'ja.', 'Ja!', 'ja!!', 'jaaa', 'jaaaa!', 'jo', 'jep', 'Jeps', 'ok', 'OK.', 'okay', 'Oki', 'gerne', 'Ja tak', 'ja, tak',
    'ja tak!', 'Ja takk', 'ja gerne', 'Ja, gerne 🙂', 'ja tak 👍', '👍', '👍🏽', 'det er fint', 'Ja, det er i orden', 'ja det er i ordne',
    'i orden', 'selvfølgelig', 'selvfolgelig', 'Ja selvfølgelig!', 'klart', 'yes', 'Yes!', 'yes please', 'yep', 'Yup', 'yeah', 'sure',
    'Sure!', 'of course', "that's fine", 'thats fine', 'alright', 'all right', 'ok sure', '  ja  ',
  ];
  const no = [
    'nej', 'Nej', 'NEJ!', 'nej.', 'neej', 'nej tak', 'Nej tak.', 'nej, tak', 'Nej tsk', 'nej ellers tak', 'nope', 'nah', 'ikke nu',
    'Ikke nu, tak', 'ikke lige nu', 'nej ikke nu', 'nej, det er ikke i orden', 'annuller', 'Annullér', 'annuler', 'stop', 'Stop!', 'fortryd',
    'glem det', 'lad være', 'lad vaere', '👎', '❌', 'no', 'No.', 'no thanks', 'No, thank you', 'not now', 'cancel', 'never mind', 'nevermind',
    "I'd rather not", 'no way',
  ];
  // A new question, or anything that is more than an answer, must not count: the caller answers it as a message.
  const neither = [
    'ja men hvad koster et pas?',
    'Ja, men hvornår har I åbent?',
    'nej, jeg vil hellere skrive med en medarbejder',
    'hvad koster et pas?',
    'hvornår har I åbent',
    'måske',
    'ved ikke',
    'jeg ved det ikke',
    'ja og nej',
    'hvad betyder det?',
    'pas',
    'na',
    'nå',
    'ha',
    'jaja hvad så nu',
    '12 34 56 78',
    'Ring på 12 34 56 78',
    'yes but what does it cost?',
    'no idea',
    'what do you mean?',
    '',
    '   ',
    '?',
    '🙂',
    'ja '.repeat(20),
  ];

  it.each(yes)('"%s" is yes', (text) => {
    expect(recogniseYesNo(text)).toBe('yes');
  });

  it.each(no)('"%s" is no', (text) => {
    expect(recogniseYesNo(text)).toBe('no');
  });

  it.each(neither)('"%s" is neither', (text) => {
    expect(recogniseYesNo(text)).toBeUndefined();
  });
});
