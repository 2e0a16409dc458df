import { parseDocument } from 'yaml';
import { ANSWER_FACETS } from '../../knowledge/answer-facet';
import { IntentDefinitionSchema } from '../../knowledge/intent-definition';
import { linkAdvice } from '../../knowledge/link-advice';
import { readability, SENTENCE_MAX, type LixBand } from '../../knowledge/plain-language';
import { LANGUAGES } from '../../text/language';

/** The klarsprog meter for one answer field of a file, as the studio shows it beside the field. */
export interface FieldReadability {
  readonly file: string;
  readonly field: readonly (string | number)[];
  readonly lix: number;
  readonly band: LixBand;
  readonly longestSentenceWords: number;
  readonly advice: readonly string[];
}

/**
 * LIX, longest sentence and advice for every answer and facet of an intent file and advice on its
 * links; for every local answer in a municipality profile; for a guide's summary and text. Nothing
 * for other files. Worked out from the file as it is, even when another part of it is invalid, so
 * the meter keeps working while the editor types.
 */
export function plainLanguageOfFile(file: string, text: string | null): FieldReadability[] {
  if (text === null) return [];
  if (file.startsWith('municipalities/')) return localAnswersReadability(file, text);
  if (file.startsWith('guides/')) return guideReadability(file, text);
  if (!file.startsWith('intents/')) return [];
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return [];
  const parsed = IntentDefinitionSchema.safeParse(doc.toJS());
  const data: unknown = doc.toJS();
  const intent = parsed.success ? parsed.data : undefined;
  const results: FieldReadability[] = [];
  const measure = meterInto(results, file);
  for (const language of LANGUAGES) {
    measure(['answer', language], field(data, ['answer', language]));
    for (const facet of ANSWER_FACETS) measure(['facets', facet, language], field(data, ['facets', facet, language]));
    intent?.links.forEach((link, index) => {
      const advice = linkAdvice(link[language]);
      if (advice.length > 0)
        results.push({ file, field: ['links', index, language], lix: 0, band: 'let', longestSentenceWords: 0, advice });
    });
  }
  return results;
}

/** The meter of each text a municipality writes in its own words (`answers:` in its profile). */
function localAnswersReadability(file: string, text: string): FieldReadability[] {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return [];
  const answers = field(doc.toJS(), ['answers']);
  if (typeof answers !== 'object' || answers === null) return [];
  const results: FieldReadability[] = [];
  const measure = meterInto(results, file);
  for (const intentId of Object.keys(answers)) {
    for (const language of LANGUAGES) {
      measure(['answers', intentId, 'answer', language], field(answers, [intentId, 'answer', language]));
      for (const facet of ANSWER_FACETS)
        measure(
          ['answers', intentId, 'facets', facet, language],
          field(answers, [intentId, 'facets', facet, language]),
        );
    }
  }
  return results;
}

/** A guide's summary (shown on its card) and its text. */
function guideReadability(file: string, text: string): FieldReadability[] {
  const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return [];
  const doc = parseDocument(match[1] ?? '');
  const results: FieldReadability[] = [];
  const measure = meterInto(results, file);
  if (doc.errors.length === 0) measure(['summary'], field(doc.toJS(), ['summary']));
  measure(['body'], text.slice(match[0].length));
  return results;
}

/** Measures a text field into `results`; nothing for an empty one. */
function meterInto(results: FieldReadability[], file: string) {
  return (field: readonly (string | number)[], value: unknown) => {
    if (typeof value !== 'string' || value.trim() === '') return;
    const result = readability(value);
    results.push({
      file,
      field,
      lix: result.lix,
      band: result.band,
      longestSentenceWords: result.longestSentence.words,
      advice: result.tooLong.map((sentence) => `Sætningen har over ${SENTENCE_MAX} ord: "${sentence}"`),
    });
  };
}

function field(data: unknown, path: readonly string[]): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !(key in value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
