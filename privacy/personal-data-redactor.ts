import { normaliseText, originalSpan } from './normalised-text';
import { PERSONAL_DATA_KINDS, type PersonalDataKind } from './personal-data-kind';
import { candidatesIn, type Candidate } from './personal-data-patterns';

/**
 * Removes personal data from a citizen's message before anything else sees it: the classifier,
 * the logs, the conversation store, a member of staff.
 *
 * The message is first folded (normalised-text.ts: full-width digits, every dash and space), then
 * matched against the shapes in personal-data-patterns.ts, each decided with the words around it
 * (personal-data-context.ts). Where matches overlap the longest wins, so "09 07 91 83 07" is one CPR
 * number, not a phone number and two digits. Findings are replaced in the message as typed; the
 * rest of it stays exactly as the citizen wrote it. Linear in the message length; tested on
 * 100,000-character messages and on the labelled corpus in test/bot/redaction-corpus.ts.
 */
export type { PersonalDataKind } from './personal-data-kind';

export interface RedactedText {
  /** The message with every finding replaced by a marker such as "[CPR-nummer fjernet]". */
  readonly text: string;
  /** The message with the markers blanked out, for the classifier: a marker is not the citizen's topic. */
  readonly textWithoutMarkers: string;
  /** What was found, each kind once, in PERSONAL_DATA_KINDS order. */
  readonly found: readonly PersonalDataKind[];
}

/** One piece of personal data: where it is in the message as typed, and what it is. */
export interface PersonalDataFinding {
  readonly kind: PersonalDataKind;
  readonly start: number;
  readonly end: number;
}

export const REDACTION_MARKERS: Record<PersonalDataKind, string> = {
  cpr: '[CPR-nummer fjernet]',
  email: '[e-mail fjernet]',
  account: '[konto- eller kortnummer fjernet]',
  phone: '[telefonnummer fjernet]',
};

export function redactPersonalData(message: string): RedactedText {
  const findings = findPersonalData(message);
  const text: string[] = [];
  const withoutMarkers: string[] = [];
  let at = 0;
  for (const finding of findings) {
    const kept = message.slice(at, finding.start);
    text.push(kept, REDACTION_MARKERS[finding.kind]);
    withoutMarkers.push(kept, ' ');
    at = finding.end;
  }
  text.push(message.slice(at));
  withoutMarkers.push(message.slice(at));
  // A marker the citizen typed themselves is not their topic either.
  let textWithoutMarkers = withoutMarkers.join('');
  for (const marker of Object.values(REDACTION_MARKERS)) {
    if (textWithoutMarkers.includes(marker)) textWithoutMarkers = textWithoutMarkers.split(marker).join(' ');
  }
  const kinds = new Set(findings.map((finding) => finding.kind));
  return { text: text.join(''), textWithoutMarkers, found: PERSONAL_DATA_KINDS.filter((kind) => kinds.has(kind)) };
}

/** Every piece of personal data in the message, in order, none overlapping, with offsets into the message as typed. */
export function findPersonalData(message: string): PersonalDataFinding[] {
  return decidedFindings(message).map(({ kind, start, end }) => ({ kind, start, end }));
}

/**
 * The first Danish phone number in a message, as digits grouped in pairs ("12 34 56 78", with
 * "+45 " when given), for the one place the assistant needs one: a callback the citizen consented
 * to. CPR, e-mail and account numbers are told apart first, so none of them is taken for a phone number.
 */
export function findPhoneNumber(message: string): string | undefined {
  const phone = decidedFindings(message).find(
    (finding) => finding.kind === 'phone' && finding.pattern !== 'phone-foreign',
  );
  return phone ? formatPhone(message.slice(phone.start, phone.end)) : undefined;
}

interface DecidedFinding extends PersonalDataFinding {
  readonly pattern: string;
}

function decidedFindings(message: string): DecidedFinding[] {
  const folded = normaliseText(message);
  // Longest first, then by rank: the reading that explains the most digits wins. A kept number
  // ("CVR-nummer 12345678") also claims its digits, so no shorter pattern takes part of it.
  const candidates = candidatesIn(folded.text).sort(
    (a: Candidate, b: Candidate) =>
      b.end - b.start - (a.end - a.start) || a.pattern.rank - b.pattern.rank || a.start - b.start,
  );
  const taken = new Uint8Array(folded.text.length);
  const findings: DecidedFinding[] = [];
  for (const candidate of candidates) {
    if (taken.subarray(candidate.start, candidate.end).some((claimed) => claimed === 1)) continue;
    taken.fill(1, candidate.start, candidate.end);
    if (candidate.verdict === 'keep') continue;
    findings.push({
      kind: candidate.verdict,
      pattern: candidate.pattern.name,
      ...originalSpan(folded, candidate.start, candidate.end),
    });
  }
  return findings.sort((a, b) => a.start - b.start);
}

function formatPhone(raw: string): string {
  const digits = normaliseText(raw).text.replace(/\D/g, '');
  const local = digits.slice(-8);
  const grouped = local.replace(/(\d{2})(?=\d)/g, '$1 ');
  return digits.length > 8 ? `+45 ${grouped}` : grouped;
}
