/**
 * Removes personal data from a citizen's message before anything else sees it: the classifier,
 * the logs, the conversation store, a member of staff.
 *
 * Every pattern is linear in the message length: each repetition consumes a digit or a character
 * of one fixed class, and a look-behind stops a match from starting inside a longer run (which is
 * what makes e-mail patterns quadratic on long strings). Tested on 100,000-character messages.
 */
export type PersonalDataKind = 'cpr' | 'email' | 'account' | 'phone';

export interface RedactedText {
  /** The message with every finding replaced by a marker such as "[CPR-nummer fjernet]". */
  readonly text: string;
  /** The message with the markers blanked out, for the classifier: a marker is not the citizen's topic. */
  readonly textWithoutMarkers: string;
  /** What was found, each kind once, in KIND_ORDER. */
  readonly found: readonly PersonalDataKind[];
}

const KIND_ORDER: readonly PersonalDataKind[] = ['cpr', 'email', 'account', 'phone'];

export const REDACTION_MARKERS: Record<PersonalDataKind, string> = {
  cpr: '[CPR-nummer fjernet]',
  email: '[e-mail fjernet]',
  account: '[konto- eller kortnummer fjernet]',
  phone: '[telefonnummer fjernet]',
};

// Order matters: a CPR number (10 digits) must go before the account and phone patterns see it, and a
// phone number with +45/0045 before the account pattern, which would otherwise take its digits.
// Pairs take one separator throughout (the backreference), so "12-34-56-78" is a phone number but a
// date such as "12-05-2026" is not; 4+4 groups only with a space, as "2026-2027" is a school year.
const PHONE_GROUPS = String.raw`(?:\d{2}([ -]?)\d{2}\1\d{2}\1\d{2}|\d{4} \d{4})(?!\d)`;
const PATTERNS: readonly { kind: PersonalDataKind; pattern: RegExp }[] = [
  // DDMMYY-SSSS with a dash, a space or nothing. Deliberately no modulus-11 check: numbers that fail
  // it have been issued since 2007.
  { kind: 'cpr', pattern: /(?<!\d)(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[ \-–]?\d{4}(?!\d)/g },
  { kind: 'email', pattern: /(?<![\w.%+-])[\w.%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![\w-])/g },
  { kind: 'phone', pattern: new RegExp(String.raw`(?<![\d+])(?:\+|00)45[ -]?` + PHONE_GROUPS, 'g') },
  // Card numbers (13–19 digits) and Danish bank accounts (4-digit reg. no. + 6–10 digits), grouped or not.
  { kind: 'account', pattern: /(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)|(?<!\d)\d{4}[ -]?\d{6,10}(?!\d)/g },
  // Danish phone numbers without country code: 8 digits as people write them.
  { kind: 'phone', pattern: new RegExp(String.raw`(?<![\d+\-.])` + PHONE_GROUPS + String.raw`(?![\-.]\d)`, 'g') },
];

export function redactPersonalData(message: string): RedactedText {
  let text = message;
  const found: PersonalDataKind[] = [];
  for (const { kind, pattern } of PATTERNS) {
    const replaced = text.replace(pattern, REDACTION_MARKERS[kind]);
    if (replaced !== text && !found.includes(kind)) found.push(kind);
    text = replaced;
  }
  found.sort((a, b) => KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b));
  let textWithoutMarkers = text;
  for (const marker of Object.values(REDACTION_MARKERS)) textWithoutMarkers = textWithoutMarkers.split(marker).join(' ');
  return { text, textWithoutMarkers, found };
}

/**
 * The first Danish phone number in a message, as digits grouped in pairs ("12 34 56 78", with
 * "+45 " when given), for the one place the assistant needs one: a callback the citizen consented
 * to. CPR, e-mail and account numbers are removed first, so none of them is taken for a phone number.
 */
export function findPhoneNumber(message: string): string | undefined {
  let text = message;
  for (const { kind, pattern } of PATTERNS) {
    if (kind === 'phone') {
      const match = new RegExp(pattern.source).exec(text);
      if (match) return formatPhone(match[0]);
    } else {
      text = text.replace(pattern, REDACTION_MARKERS[kind]);
    }
  }
  return undefined;
}

function formatPhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  const local = digits.slice(-8);
  const grouped = local.replace(/(\d{2})(?=\d)/g, '$1 ');
  return digits.length > 8 ? `+45 ${grouped}` : grouped;
}
