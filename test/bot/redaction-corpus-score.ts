import { PERSONAL_DATA_KINDS, type PersonalDataKind } from '../../privacy/personal-data-kind';
import { findPersonalData, redactPersonalData, type PersonalDataFinding } from '../../privacy/personal-data-redactor';
import type { RedactionCase } from './redaction-corpus';

/** How the redactor does on a labelled corpus: the figures README quotes. */
export interface CorpusFigures {
  readonly cases: number;
  readonly mustGo: { readonly total: number; readonly removed: number; readonly rightKind: number };
  readonly mustGoByKind: Record<PersonalDataKind, { readonly total: number; readonly removed: number }>;
  readonly mustStay: { readonly total: number; readonly kept: number };
  /** One line per value that was not handled as labelled, for a readable failure. */
  readonly misses: readonly string[];
}

/**
 * Removed: every character of the value is inside a finding (so no digit of it survives).
 * Right kind: the findings covering it are all of the labelled kind. Kept: no finding touches the
 * value and the redacted text still holds it exactly as typed.
 */
export function scoreCorpus(cases: readonly RedactionCase[]): CorpusFigures {
  const byKind = Object.fromEntries(PERSONAL_DATA_KINDS.map((kind) => [kind, { total: 0, removed: 0 }])) as Record<
    PersonalDataKind,
    { total: number; removed: number }
  >;
  const misses: string[] = [];
  let goTotal = 0;
  let removed = 0;
  let rightKind = 0;
  let stayTotal = 0;
  let kept = 0;
  for (const testCase of cases) {
    const findings = findPersonalData(testCase.text);
    const redacted = redactPersonalData(testCase.text).text;
    for (const [value, kind] of testCase.remove) {
      for (const start of occurrences(testCase.text, value)) {
        goTotal += 1;
        byKind[kind].total += 1;
        const covering = findings.filter((f) => f.start < start + value.length && f.end > start);
        if (!covers(covering, start, start + value.length)) {
          misses.push(
            `not removed (${kind}): ${JSON.stringify(value)} in ${JSON.stringify(testCase.text)} → ${JSON.stringify(redacted)}`,
          );
          continue;
        }
        removed += 1;
        byKind[kind].removed += 1;
        if (covering.every((f) => f.kind === kind)) rightKind += 1;
        else
          misses.push(
            `removed as ${covering.map((f) => f.kind).join('+')}, labelled ${kind}: ${JSON.stringify(value)} in ${JSON.stringify(testCase.text)}`,
          );
      }
    }
    for (const value of testCase.keep) {
      for (const start of occurrences(testCase.text, value)) {
        stayTotal += 1;
        const touched = findings.some((f) => f.start < start + value.length && f.end > start);
        if (!touched && redacted.includes(value)) kept += 1;
        else
          misses.push(
            `not kept: ${JSON.stringify(value)} in ${JSON.stringify(testCase.text)} → ${JSON.stringify(redacted)}`,
          );
      }
    }
  }
  return {
    cases: cases.length,
    mustGo: { total: goTotal, removed, rightKind },
    mustGoByKind: byKind,
    mustStay: { total: stayTotal, kept },
    misses,
  };
}

/** The figures as one line each, for README. */
export function describeFigures(figures: CorpusFigures): string {
  const kinds = PERSONAL_DATA_KINDS.map(
    (kind) => `${kind} ${figures.mustGoByKind[kind].removed}/${figures.mustGoByKind[kind].total}`,
  ).join(', ');
  return [
    `${figures.cases} cases`,
    `must go: ${figures.mustGo.removed}/${figures.mustGo.total} removed (${kinds}), ${figures.mustGo.rightKind}/${figures.mustGo.total} reported as the right kind`,
    `must stay: ${figures.mustStay.kept}/${figures.mustStay.total} kept`,
  ].join('\n');
}

function occurrences(text: string, value: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(value); at >= 0 && value.length > 0; at = text.indexOf(value, at + value.length))
    found.push(at);
  if (found.length === 0) throw new Error(`corpus error: ${JSON.stringify(value)} is not in ${JSON.stringify(text)}`);
  return found;
}

function covers(findings: readonly PersonalDataFinding[], start: number, end: number): boolean {
  let reached = start;
  for (const finding of [...findings].sort((a, b) => a.start - b.start)) {
    if (finding.start > reached) return false;
    reached = Math.max(reached, finding.end);
  }
  return reached >= end;
}
