import { REDACTION_MARKERS, redactPersonalData } from '../../privacy/personal-data-redactor';
import {
  ACCOUNT_CASES,
  CPR_CASES,
  DECIDED_CASES,
  EMAIL_CASES,
  MIXED_CASES,
  ORDINARY_CASES,
  PHONE_CASES,
  REDACTION_CORPUS,
  type RedactionCase,
} from './redaction-corpus';
import { describeFigures, scoreCorpus } from './redaction-corpus-score';

const figures = scoreCorpus(REDACTION_CORPUS);

describe('the labelled redaction corpus', () => {
  // The title carries the figures README quotes: `npx jest test/bot/redaction-corpus.test.ts --verbose`.
  it(`is large and covers both sides (${describeFigures(figures).replace(/\n/g, '; ')})`, () => {
    expect(figures.cases).toBeGreaterThanOrEqual(300);
    expect(figures.mustGo.total).toBeGreaterThanOrEqual(150);
    expect(figures.mustStay.total).toBeGreaterThanOrEqual(150);
    for (const kind of Object.keys(REDACTION_MARKERS) as (keyof typeof REDACTION_MARKERS)[]) {
      expect(figures.mustGoByKind[kind].total).toBeGreaterThanOrEqual(30);
    }
  });

  it('removes 100 % of the must-go values, each as its kind, and keeps 100 % of the must-stay values', () => {
    expect(figures.misses).toEqual([]);
    expect(figures.mustGo.removed).toBe(figures.mustGo.total);
    expect(figures.mustGo.rightKind).toBe(figures.mustGo.total);
    expect(figures.mustStay.kept).toBe(figures.mustStay.total);
  });

  it.each([
    ['CPR numbers', CPR_CASES],
    ['phone numbers', PHONE_CASES],
    ['e-mail addresses', EMAIL_CASES],
    ['bank accounts, IBAN and cards', ACCOUNT_CASES],
    ['ordinary numbers', ORDINARY_CASES],
    ['messages with both', MIXED_CASES],
    ['ambiguous messages, as decided', DECIDED_CASES],
  ] as [string, readonly RedactionCase[]][])('%s: every value as labelled', (_name, cases) => {
    expect(scoreCorpus(cases).misses).toEqual([]);
  });

  it('changes nothing but the findings: the text around them stays as typed', () => {
    for (const testCase of REDACTION_CORPUS) {
      const result = redactPersonalData(testCase.text);
      let rest = result.text;
      for (const marker of Object.values(REDACTION_MARKERS)) rest = rest.split(marker).join('\u0000');
      const pieces = rest.split('\u0000');
      // Every piece between markers is a slice of the original, in order.
      let at = 0;
      for (const piece of pieces) {
        const found = testCase.text.indexOf(piece, at);
        expect({ text: testCase.text, piece, found: found >= 0 }).toEqual({ text: testCase.text, piece, found: true });
        at = found + piece.length;
      }
      expect(result.found.length === 0).toBe(testCase.remove.length === 0);
    }
  });
});
