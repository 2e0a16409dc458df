/**
 * The words around a number that say what it is. "CVR-nummer 12345678" and "ring på 12345678" hold
 * the same digits; only the label tells a company number (kept: answers depend on it) from a phone
 * number (removed). People put the label before the number ("mit cpr er …") or after it ("… er mit
 * ordrenummer"); the one before wins when there are both.
 *
 * - `cpr`: the number is a CPR number, whatever its date looks like: always removed.
 * - `phone`, `account`: removed as that kind even where the shape alone would keep it (two years, a case number).
 * - `keep`: an identifier that is not personal data (CVR, EAN, P-nummer, case, journal, order, invoice, customer numbers).
 *
 * Every window is a bounded slice of the text, so reading context costs the same for every number.
 */
export type ContextCue = 'cpr' | 'phone' | 'account' | 'keep';

/** "-nummer", " nr.", "-number", " no." after a label word. */
const NUMBER_SUFFIX = String.raw`(?:[- ]?(?:numre\p{L}*|nummer\p{L}*|nr|no|number|id)\.?)?`;

const CUE_WORDS: Record<ContextCue, readonly string[]> = {
  cpr: [
    String.raw`c\.?p\.?r\.?${NUMBER_SUFFIX}`,
    String.raw`cprnr\.?`,
    String.raw`person-?n(?:ummer\p{L}*|r\.?)`,
    String.raw`personal (?:id(?:entification)? )?number`,
    String.raw`civil registration(?: number)?`,
    String.raw`social security(?: number)?`,
  ],
  phone: [
    String.raw`tlf\.?${NUMBER_SUFFIX}`,
    String.raw`tel\.?(?![\p{L}])${NUMBER_SUFFIX}`,
    String.raw`telefon\p{L}*`,
    String.raw`mobil\p{L}*`,
    String.raw`phone\p{L}*`,
    String.raw`cell(?: ?phone)?`,
    String.raw`ring(?:e|er|es|)(?: (?:på|til|mig|me|os))*`,
    String.raw`sms\p{L}*`,
    String.raw`call(?: (?:me|us))?(?: (?:on|at))?`,
  ],
  account: [
    String.raw`konto\p{L}*\.?`,
    String.raw`kto\.?(?:-?nr\.?)?`,
    String.raw`registrerings-?n(?:ummer|r)\p{L}*\.?`,
    String.raw`reg\.? ?-?n(?:r|ummer)\.?`,
    String.raw`regnr\.?`,
    String.raw`reg\.?(?![\p{L}])`,
    String.raw`bank\p{L}*`,
    String.raw`account\p{L}*${NUMBER_SUFFIX}`,
    String.raw`acct\.?`,
    String.raw`iban`,
    String.raw`sort code`,
  ],
  keep: [
    String.raw`cvr${NUMBER_SUFFIX}`,
    String.raw`se-n(?:ummer|r)\.?`,
    String.raw`ean${NUMBER_SUFFIX}`,
    String.raw`gln${NUMBER_SUFFIX}`,
    String.raw`p-n(?:ummer\p{L}*|r\.?)`,
    String.raw`pnr\.?`,
    String.raw`p-enhed\p{L}*`,
    String.raw`sags?-?n(?:ummer\p{L}*|r\.?)`,
    String.raw`sag(?:en|s)?(?: nr\.?)?`,
    String.raw`sagsid`,
    String.raw`journal\p{L}*${NUMBER_SUFFIX}`,
    String.raw`j\. ?nr\.?`,
    String.raw`jnr\.?`,
    String.raw`ordre\p{L}*${NUMBER_SUFFIX}`,
    String.raw`order ?(?:no|number|nr|id)\.?`,
    String.raw`faktura\p{L}*${NUMBER_SUFFIX}`,
    String.raw`invoice\p{L}*${NUMBER_SUFFIX}`,
    String.raw`kunde-?n(?:ummer\p{L}*|r\.?)`,
    String.raw`customer ?(?:no|number|nr|id)\.?`,
    String.raw`reference(?:n|nummer\p{L}*)?${NUMBER_SUFFIX}`,
    String.raw`ref\.?(?:-?nr\.?)?`,
    String.raw`bilag\p{L}*${NUMBER_SUFFIX}`,
    String.raw`vare-?n(?:ummer\p{L}*|r\.?)`,
    String.raw`bfe${NUMBER_SUFFIX}`,
    String.raw`ejendoms-?n(?:ummer\p{L}*|r\.?)`,
    String.raw`matr(?:ikel)?\.? ?-?n(?:ummer|r)\.?`,
    String.raw`case ?(?:no|number|nr|id)\.?`,
    String.raw`kvitterings?-?n(?:ummer\p{L}*|r\.?)`,
    String.raw`pakke-?n(?:ummer\p{L}*|r\.?)`,
    String.raw`tracking ?(?:no|number|nr|id)\.?`,
    String.raw`isbn`,
  ],
};
/** Words that label a number only right next to it ("ordre 1234…", "order #1234…", "case 2024-…"). */
const TIGHT_KEEP_WORDS: readonly string[] = [
  String.raw`order`,
  String.raw`case`,
  String.raw`ticket`,
  String.raw`booking`,
];

const CUE_ORDER: readonly ContextCue[] = ['cpr', 'phone', 'account', 'keep'];
const group = (words: readonly string[]) => `(?:${words.join('|')})`;
const CUES =
  String.raw`(?<![\p{L}\p{N}])(?:` +
  [...CUE_ORDER.map((cue) => `(?<${cue}>${group(CUE_WORDS[cue])})`), `(?<tight>${group(TIGHT_KEEP_WORDS)})`].join('|') +
  String.raw`)(?![\p{L}])`;

const CUE_PATTERN = new RegExp(CUES, 'giu');
/** Label-less words that may stand between a number and the label after it: "… er mit cpr-nummer". */
const AFTER_PATTERN = new RegExp(
  String.raw`^[ ,:;()\[\]"'#=-]*(?:(?:er|var|is|was|som|as)\s)?(?:(?:mit|min|mine|vores|jeres|dit|din|hans|hendes|my|our|your|his|her|the|et|en|a|an)\s)?` +
    CUES,
  'iu',
);

const WINDOW = 48;
/** How far a label may stand before its number, and the tight labels. */
const MAX_GAP = 28;
const MAX_TIGHT_GAP = 3;

/** The cue for the number at [start, end) of the folded text, or undefined when its neighbours say nothing. */
export function contextCue(text: string, start: number, end: number): ContextCue | undefined {
  return cueBefore(text, start) ?? cueAfter(text, end);
}

function cueBefore(text: string, start: number): ContextCue | undefined {
  let window = text.slice(Math.max(0, start - WINDOW), start);
  // Only the words since the previous number: a label belongs to the number right after it.
  const lastDigit = lastIndexOfDigit(window);
  if (lastDigit >= 0) window = window.slice(lastDigit + 1);
  let last: RegExpExecArray | undefined;
  CUE_PATTERN.lastIndex = 0;
  for (let match = CUE_PATTERN.exec(window); match; match = CUE_PATTERN.exec(window)) last = match;
  if (!last) return undefined;
  const gap = window.slice(last.index + last[0].length);
  const cue = cueOf(last);
  if (gap.length > (cue === undefined ? MAX_TIGHT_GAP : MAX_GAP)) return undefined;
  // A new sentence in between: "Jeg har en faktura. Mit nummer er …" is not about the invoice.
  if (/[!?]|\.\s\p{Lu}/u.test(gap)) return undefined;
  return cue ?? 'keep';
}

function cueAfter(text: string, end: number): ContextCue | undefined {
  let window = text.slice(end, end + WINDOW);
  const firstDigit = window.search(/\d/);
  if (firstDigit >= 0) window = window.slice(0, firstDigit);
  const match = AFTER_PATTERN.exec(window);
  if (!match) return undefined;
  // "29405162 (ordrenummer 20251234)": the label introduces the next number, not this one.
  if (firstDigit >= 0 && /^[\s:#.=-]*$/.test(window.slice(match[0].length))) return undefined;
  return cueOf(match) ?? 'keep';
}

/** The cue a match names; undefined for a tight keep word (the caller decides with the gap). */
function cueOf(match: RegExpExecArray): ContextCue | undefined {
  return CUE_ORDER.find((cue) => match.groups?.[cue] !== undefined);
}

function lastIndexOfDigit(window: string): number {
  for (let index = window.length - 1; index >= 0; index -= 1) {
    const code = window.charCodeAt(index);
    if (code >= 0x30 && code <= 0x39) return index;
  }
  return -1;
}
