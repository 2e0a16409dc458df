import { recogniseFrustration } from '../../bot/dialogue/frustration';

describe('recogniseFrustration', () => {
  // Written for this test: how annoyed citizens write, with and without æ, ø and å.
  const abuse = [
    'du er dum',
    'DU ER SÅ DUM',
    'dumme robot',
    'idiot',
    'din idiot',
    'sikke noget lort',
    'lortesystem',
    'fuck dig',
    'fucking bot',
    'pis og lort',
    'hvad fanden',
    'for helvede',
    'røvhul',
    'rovhul',
    'møgbot',
    'you are stupid',
    'stupid bot',
    'this is shit',
  ];
  const frustration = [
    'du forstår ingenting',
    'du forstar ikke noget',
    'du forstår jo ingenting',
    'forstår du ikke hvad jeg skriver',
    'ubrugelig',
    'hvor er du elendig',
    'det her er håbløst',
    'det er spild af tid',
    'det hjælper ikke',
    'du hjaelper slet ikke',
    'jeg gider ikke mere',
    'jeg er træt af dig',
    'svar nu',
    'tak for ingenting',
    'jeg har allerede spurgt om det',
    'argh',
    "you don't understand",
    'this is useless',
    'this bot is useless',
    'not helpful',
    'what a waste of time',
    'i give up',
  ];
  // Ordinary questions that share letters or words with the lists above.
  const neither = [
    'hvad koster et pas',
    'når har I åbent',
    'nar har i abent',
    'min MitID virker ikke',
    'jeg har mistet mit kørekort',
    'jeg er blevet udsat for røveri',
    'jeg dumpede køreprøven, hvad nu',
    'tak for hjælpen',
    'kan du hjælpe mig',
    'jeg har brug for hjælp til boligstøtte',
    'hvad gør jeg hvis min ansøgning ikke bliver behandlet',
    'how do I get a passport',
    'thanks, that helps',
    'I need help with my tax card',
  ];

  it.each(abuse)('"%s" is abuse', (text) => {
    expect(recogniseFrustration(text)).toBe('abuse');
  });
  it.each(frustration)('"%s" is frustration', (text) => {
    expect(recogniseFrustration(text)).toBe('frustration');
  });
  it.each(neither)('"%s" is neither', (text) => {
    expect(recogniseFrustration(text)).toBeUndefined();
  });
});
