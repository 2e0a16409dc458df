import { contextCue, type ContextCue } from './personal-data-context';
import type { PersonalDataKind } from './personal-data-kind';

/**
 * The shapes personal data takes in a folded message (see normalised-text.ts: ASCII digits, "-" for
 * every dash, one " " for any white space), each with the rule that decides a match from its digits
 * and the words around it (personal-data-context.ts).
 *
 * Linear time: every repetition is bounded, alternatives start with different characters, and
 * look-behinds keep a match from starting inside a longer run of digits or address characters, so
 * each position of the message costs at most a fixed number of steps. Tested on 100,000 characters.
 */

/** What to do with a match: remove it as a kind, keep it (and let nothing else take its digits), or ignore it. */
export type Verdict = PersonalDataKind | 'keep' | 'none';

export interface PersonalDataPattern {
  readonly name: string;
  readonly pattern: RegExp;
  /** Lower wins when two equally long matches cover the same characters. */
  readonly rank: number;
  readonly decide: (match: Match) => Verdict;
}

export interface Match {
  readonly value: string;
  readonly digits: string;
  /** The label around the number, if any. */
  readonly cue: ContextCue | undefined;
  /** The folded text just before and after the match. */
  readonly before: string;
  readonly after: string;
}

/** One separator between digit groups: a dash, dot, slash or underscore (spaces allowed around it), or a space. */
const S = String.raw`(?: ?[-./_] ?| )`;
/** Not inside a longer number: no digit (or "+") right before, nor a digit and a separator ("12.05.2026" holds no "05.2026"). */
const START = String.raw`(?<![\d+]|\d ?[-./_] ?)`;
const END = String.raw`(?!\d| ?[-./_] ?\d)`;
const DAY = String.raw`(?:0[1-9]|[12]\d|3[01])`;
const MONTH = String.raw`(?:0[1-9]|1[0-2])`;

const LOCAL_CHAR = String.raw`[\p{L}\p{M}\p{N}._%+-]`;
const LABEL = String.raw`[\p{L}\p{M}\p{N}-]{1,63}`;
/** "@", "(at)", "[at]", "{at}", "<at>", "(snabel-a)", with or without spaces around. */
const AT = String.raw`(?: ?@ ?| ?[(\[{<] ?(?:at|@|snabel-?a) ?[)\]}>] ?| (?:at|snabel-a) )`;
/** ".", "(dot)", "[punktum]", " dot ", with or without spaces around. */
const DOT = String.raw`(?: ?\. ?| ?[(\[{<] ?(?:dot|punktum|prik) ?[)\]}>] ?| (?:dot|punktum|prik) )`;
/** Top-level domains accepted after a written-out or spaced "at" or "dot", where a typo would otherwise run into the next word. */
const KNOWN_TLD = String.raw`(?:dk|com|net|org|info|eu|se|no|de|fi|is|gl|fo|nl|uk|fr|es|it|pl|io|me|nu|biz|online|email|gov|edu)`;

const PHONE_EIGHT = String.raw`(?:\d{8}|\d\d(${S})\d\d\1\d\d\1\d\d|\d{4}${S}\d{4}|\d{3}(${S})\d{3}\2\d\d|\d\d ?\d\d ?\d\d ?\d\d)`;

const UNIT_AFTER =
  /^ ?(?:kr\b|kroner|dkk|,-|€|eur\b|euro|%|m2|kvm|km\b|kg\b|stk|timer|dage|år|uger|mdr|måneder|minutter|personer|borgere|indbyggere)/iu;
const CURRENCY_BEFORE = /(?:kr\.?|dkk|€|\$|eur) ?$/iu;

const isYear = (digits: string) => /^(?:19|20)\d\d$/.test(digits);
/** Two years ("skoleåret 2026 2027", "2026-2027"), a round range ("1000-2000"), a date ("12 05 2026"), an amount. */
function isOrdinaryEightDigits(match: Match): boolean {
  const groups = match.value.split(/\D+/);
  if (groups.length === 2 && groups[0]?.length === 4) {
    if (isYear(groups[0]) && isYear(groups[1] ?? '')) return true;
    if (/-/.test(match.value) && groups[0].endsWith('00') && (groups[1] ?? '').endsWith('00')) return true;
  }
  if (new RegExp(String.raw`^${DAY}\D+${MONTH}\D+(?:19|20)\d\d$`).test(match.value)) return true;
  return isAmount(match);
}
function isAmount(match: Match): boolean {
  return UNIT_AFTER.test(match.after) || CURRENCY_BEFORE.test(match.before);
}

/** CPR-shaped: a label decides, otherwise it is a CPR number. */
const cprVerdict = (match: Match): Verdict => (match.cue === 'keep' ? 'keep' : 'cpr');

function phoneVerdict(match: Match): Verdict {
  switch (match.cue) {
    case 'keep':
      return 'keep';
    case 'phone':
    case 'cpr':
      return 'phone';
    case 'account':
      return 'account';
    case undefined:
      return isOrdinaryEightDigits(match) ? 'keep' : 'phone';
  }
}

function accountVerdict(match: Match): Verdict {
  switch (match.cue) {
    case 'keep':
      return 'keep';
    case 'cpr':
      return match.digits.length === 10 ? 'cpr' : 'account';
    case 'phone':
    case 'account':
      return 'account';
    case undefined: {
      // "2024-012345" is how case and journal numbers look; a bank account next to a year needs its label.
      const groups = match.value.split(/\D+/);
      if (groups.length === 2 && isYear(groups[0] ?? '') && (groups[1] ?? '').length <= 7) return 'keep';
      return isAmount(match) ? 'keep' : 'account';
    }
  }
}

const pattern = (source: string, flags = '') => new RegExp(source, `g${flags}`);

export const PERSONAL_DATA_PATTERNS: readonly PersonalDataPattern[] = [
  // --- e-mail: a label around it changes nothing
  {
    name: 'email',
    pattern: pattern(
      String.raw`(?<!${LOCAL_CHAR})${LOCAL_CHAR}{1,64}@(?:${LABEL}\.){1,8}\p{L}{2,24}(?![\p{L}\p{M}\p{N}-])`,
      'u',
    ),
    rank: 1,
    decide: () => 'email',
  },
  {
    name: 'email-written-out',
    pattern: pattern(
      String.raw`(?<!${LOCAL_CHAR})${LOCAL_CHAR}{1,64}${AT}(?:${LABEL}${DOT}){1,8}${KNOWN_TLD}(?![\p{L}\p{M}\p{N}-])`,
      'iu',
    ),
    rank: 1,
    decide: () => 'email',
  },
  // --- CPR: DDMMYY-SSSS with any separator, or none, or one between every pair. No modulus-11
  // check: numbers failing it have been issued since 2007.
  {
    name: 'cpr',
    pattern: pattern(String.raw`${START}${DAY}${MONTH}\d\d${S}?\d\d${S}?\d\d${END}`),
    rank: 2,
    decide: cprVerdict,
  },
  {
    name: 'cpr-separated-date',
    pattern: pattern(String.raw`${START}${DAY}${S}${MONTH}${S}\d\d${S}\d\d${S}?\d\d${END}`),
    rank: 2,
    decide: cprVerdict,
  },
  // The birth year written in full ("09.07.1991-8307"): with the CPR dash, or after a CPR label.
  {
    name: 'cpr-four-digit-year',
    pattern: pattern(String.raw`${START}${DAY}${S}?${MONTH}${S}?(?:19|20)\d\d${S}?\d{4}${END}`),
    rank: 2,
    decide: (m) => (m.cue === 'keep' ? 'keep' : m.cue === 'cpr' || /\d{4} ?- ?\d{4}$/.test(m.value) ? 'cpr' : 'none'),
  },
  // Ten digits after "cpr"/"personnummer" are a CPR number even when the date is impossible (a typo is still personal data).
  {
    name: 'cpr-labelled',
    pattern: pattern(String.raw`${START}\d(?:${S}?\d){9}${END}`),
    rank: 3,
    decide: (m) => (m.cue === 'cpr' ? 'cpr' : 'none'),
  },
  // --- bank accounts, IBAN, cards
  {
    name: 'iban',
    pattern: pattern(
      String.raw`(?<![\p{L}\p{N}])[a-z]{2}\d\d(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,3})?(?![\p{L}\p{N}])`,
      'iu',
    ),
    rank: 4,
    decide: (m) => (m.digits.length >= 10 ? 'account' : 'none'),
  },
  {
    name: 'account-with-labels',
    pattern: pattern(
      String.raw`(?<!\d)\d{4}(?: ?[,.;:/-]? ?)(?:(?:og|and) )?(?:konto\p{L}*|kto|account(?: number| no)?)\.?(?: ?(?:nr|nummer|no)\.?)?:? ?(?:(?:er|is) )?\d(?:[ .-]?\d){5,9}(?!\d)`,
      'iu',
    ),
    rank: 4,
    decide: () => 'account',
  },
  { name: 'account', pattern: pattern(String.raw`${START}\d{4}${S}?\d{6,10}${END}`), rank: 6, decide: accountVerdict },
  {
    name: 'account-number-after-label',
    pattern: pattern(String.raw`${START}\d(?:[ .-]?\d){5,9}${END}`),
    rank: 7,
    decide: (m) => (m.cue === 'account' ? 'account' : 'none'),
  },
  {
    name: 'card',
    pattern: pattern(String.raw`(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)`),
    rank: 5,
    // Dates in a row ("01-01-2026 31-12-2026") are not a card.
    decide: (m) =>
      m.cue === 'keep'
        ? 'keep'
        : new RegExp(String.raw`${DAY}-${MONTH}-(?:19|20)\d\d`).test(m.value)
          ? 'none'
          : 'account',
  },
  {
    name: 'card-in-groups',
    pattern: pattern(String.raw`${START}\d{4}(${S})\d{4}\1\d{4}\1\d{1,4}(?:\1\d{1,3})?${END}`),
    rank: 5,
    decide: (m) => (m.cue === 'keep' ? 'keep' : 'account'),
  },
  {
    name: 'card-amex',
    pattern: pattern(String.raw`${START}\d{4}(${S})\d{6}\1\d{5}${END}`),
    rank: 5,
    decide: (m) => (m.cue === 'keep' ? 'keep' : 'account'),
  },
  // --- phone numbers: Danish ones are eight digits, as pairs, fours, 3-3-2 or any mix with spaces
  {
    name: 'phone-danish-prefix',
    pattern: pattern(String.raw`(?<![\d+])(?:\(\+ ?45\)|\+ ?45|\(00 ?45\)|00 ?45)${S}?${PHONE_EIGHT}${END}`),
    rank: 3,
    decide: () => 'phone',
  },
  {
    name: 'phone-foreign',
    pattern: pattern(String.raw`(?<![\d+])\+(?!45)[1-9]\d{0,2}${S}?\d(?:${S}?\d){5,11}${END}`),
    rank: 8,
    decide: () => 'phone',
  },
  { name: 'phone', pattern: pattern(String.raw`(?<![\d+])\d{8}(?!\d)`), rank: 9, decide: phoneVerdict },
  {
    name: 'phone-pairs',
    pattern: pattern(String.raw`${START}\d\d(${S})\d\d\1\d\d\1\d\d${END}`),
    rank: 9,
    decide: phoneVerdict,
  },
  { name: 'phone-fours', pattern: pattern(String.raw`${START}\d{4}${S}\d{4}${END}`), rank: 9, decide: phoneVerdict },
  {
    name: 'phone-three-three-two',
    pattern: pattern(String.raw`${START}\d{3}(${S})\d{3}\1\d\d${END}`),
    rank: 9,
    decide: phoneVerdict,
  },
  {
    name: 'phone-spaced',
    pattern: pattern(String.raw`${START}\d\d ?\d\d ?\d\d ?\d\d${END}`),
    rank: 9,
    decide: phoneVerdict,
  },
];

/** A match in the folded text, decided. */
export interface Candidate {
  readonly pattern: PersonalDataPattern;
  readonly start: number;
  readonly end: number;
  readonly verdict: Exclude<Verdict, 'none'>;
}

const SIDE = 12;

/** Every match of every pattern in the folded text, with its verdict; overlapping ones included. */
export function candidatesIn(text: string): Candidate[] {
  const candidates: Candidate[] = [];
  for (const spec of PERSONAL_DATA_PATTERNS) {
    spec.pattern.lastIndex = 0;
    for (const found of text.matchAll(spec.pattern)) {
      const start = found.index;
      const end = start + found[0].length;
      let cue: ContextCue | undefined | null = null;
      const verdict = spec.decide({
        value: found[0],
        digits: found[0].replace(/\D/g, ''),
        // Read only when a rule asks: most matches are decided by their shape.
        get cue() {
          if (cue === null) cue = contextCue(text, start, end);
          return cue;
        },
        before: text.slice(Math.max(0, start - SIDE), start),
        after: text.slice(end, end + SIDE),
      });
      if (verdict !== 'none') candidates.push({ pattern: spec, start, end, verdict });
    }
  }
  return candidates;
}
