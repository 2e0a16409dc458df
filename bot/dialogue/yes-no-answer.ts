import { withinOneEdit } from '../../text/one-edit';
/**
 * A typed yes or no to a yes/no question (the callback consent), so that writing "ja" works like
 * pressing "Ja". Danish and English, with the usual slips: no æøå ("nej tak", "selvfolgelig"),
 * letters held down ("jaaa", "neej"), one typo in longer answers ("ja takk", "nej tsk"), and
 * trailing punctuation or emoji.
 *
 * Only a message that is nothing but an answer counts. "ja men hvad koster et pas?" is a new
 * question, not a yes: the citizen moved on, and saying yes for them would store a callback they
 * may not want. Such messages give undefined, and the caller treats them as an ordinary message.
 * "Annuller", "stop" and "fortryd" count as no: they end the question as plainly.
 */
export type YesNo = 'yes' | 'no';

const YES = [
  // Danish
  'ja',
  'jo',
  'jep',
  'jeps',
  'jap',
  'japper',
  'jada',
  'ja da',
  'javel',
  'jamen ja',
  'ja tak',
  'ja gerne',
  'gerne',
  'ja meget gerne',
  'meget gerne',
  'ja tak gerne',
  'ok',
  'okay',
  'oki',
  'okey',
  'okej',
  'ok tak',
  'ja tak det er fint',
  'ja det er okay',
  'det er okay',
  'ja ok',
  'ja okay',
  'fint',
  'det er fint',
  'ja det er fint',
  'i orden',
  'det er i orden',
  'ja det er i orden',
  'det er ok',
  'ja det er ok',
  'helt i orden',
  'klart',
  'ja klart',
  'selvfolgelig',
  'ja selvfolgelig',
  'naturligvis',
  'ja naturligvis',
  'sikkert',
  'sagtens',
  'godt',
  'fedt',
  'super',
  'ja please',
  'ja bare ring',
  'ring mig op',
  'ja ring mig op',
  'accepter',
  'jeg accepterer',
  'jeg giver samtykke',
  'ja jeg giver samtykke',
  // English
  'yes',
  'yes please',
  'yeah',
  'yea',
  'yep',
  'yup',
  'ya',
  'sure',
  'ok sure',
  'yes sure',
  'of course',
  'yes of course',
  'fine',
  "that's fine",
  'thats fine',
  'that is fine',
  'alright',
  'all right',
  "that's ok",
  'thats ok',
  'that is ok',
  'agreed',
  'i agree',
  'yes i agree',
  'go ahead',
  'please do',
  'call me',
  'yes call me',
  'please call me',
  'absolutely',
  'definitely',
  'okay thanks',
];

const NO = [
  // Danish
  'nej',
  'nej tak',
  'nej ellers tak',
  'ellers tak',
  'nah',
  'naeh',
  'nope',
  'ikke nu',
  'ikke nu tak',
  'nej ikke nu tak',
  'nej tak ikke nu',
  'nej ikke nu',
  'ikke lige nu',
  'nej ikke lige nu',
  'nej det er ikke i orden',
  'det er ikke i orden',
  'det vil jeg ikke',
  'nej det vil jeg ikke',
  'helst ikke',
  'nej helst ikke',
  'nej ikke alligevel',
  'ikke alligevel',
  'glem det',
  'nej glem det',
  'annuller',
  'annullere',
  'annullér',
  'afbryd',
  'fortryd',
  'fortryder',
  'stop',
  'nej stop',
  'nej lad vaere',
  'lad vaere',
  'ingen tak',
  'nix',
  'nej nej',
  // English
  'no',
  'no thanks',
  'no thank you',
  'nope',
  'nah',
  'not now',
  'no not now',
  'not right now',
  'no way',
  "i don't want to",
  'i dont want to',
  'rather not',
  "i'd rather not",
  'id rather not',
  'cancel',
  'never mind',
  'nevermind',
  'no cancel',
  'forget it',
];

/** Emoji that are an answer by themselves; others are dropped like punctuation. */
const EMOJI_ANSWERS: readonly [RegExp, YesNo][] = [
  [/^(?:\u{1F44D}|\u{1F44C}|\u2705|\u2714\uFE0F?)(?:\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF})?$/u, 'yes'],
  [/^(?:\u{1F44E}|\u274C|\u2716\uFE0F?)(?:\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF})?$/u, 'no'],
];

/** Longer answers, in letters, tolerate one slip; "ja" with a slip is "jo" or "na", so short ones must be exact. */
const MIN_LENGTH_FOR_A_TYPO = 5;
/** An answer is short; a long message is about something else. */
const MAX_ANSWER_LENGTH = 40;

const yesPhrases = new Set(YES.map(fold));
const noPhrases = new Set(NO.map(fold));

export function recogniseYesNo(message: string): YesNo | undefined {
  const trimmed = message.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_ANSWER_LENGTH) return undefined;
  for (const [pattern, answer] of EMOJI_ANSWERS) if (pattern.test(trimmed)) return answer;
  const folded = fold(trimmed);
  if (folded === '') return undefined;
  if (yesPhrases.has(folded)) return 'yes';
  if (noPhrases.has(folded)) return 'no';
  if (folded.length < MIN_LENGTH_FOR_A_TYPO) return undefined;
  const nearYes = [...yesPhrases].some(
    (phrase) => phrase.length >= MIN_LENGTH_FOR_A_TYPO && withinOneEdit(folded, phrase),
  );
  const nearNo = [...noPhrases].some(
    (phrase) => phrase.length >= MIN_LENGTH_FOR_A_TYPO && withinOneEdit(folded, phrase),
  );
  // Close to both ("ja tak"/"nej tak" are not, but be safe): no guess.
  if (nearYes === nearNo) return undefined;
  return nearYes ? 'yes' : 'no';
}

/**
 * Lower case; æ, ø, å as typed without them (ae, o, aa→a); accents dropped; anything but letters,
 * digits and apostrophes is a space; letters held down count once ("jaaa" → "ja", "ok" stays "ok").
 */
function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/aa/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/[’`´]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .replace(/(\p{L})\1+/gu, '$1')
    .trim();
}
