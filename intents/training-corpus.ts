import { z } from 'zod';
import type { KnowledgeBase } from '../knowledge/load-knowledge-base';
import { LANGUAGES, type Language } from '../text/language';

/** The label NLP.js uses for "no intent"; out-of-scope examples train it. */
export const NONE_INTENT = 'None';

export const TrainingExampleSchema = z.strictObject({ text: z.string(), intent: z.string() });
export type TrainingExample = z.infer<typeof TrainingExampleSchema>;

/** Labelled sentences per language. Plain data, so it can cross into a worker thread. */
export const TrainingCorpusSchema = z.strictObject({
  da: z.array(TrainingExampleSchema),
  en: z.array(TrainingExampleSchema),
});
export type TrainingCorpus = z.infer<typeof TrainingCorpusSchema>;

export function trainingCorpusFrom(knowledge: KnowledgeBase): TrainingCorpus {
  const corpus: TrainingCorpus = { da: [], en: [] };
  for (const language of LANGUAGES) {
    for (const intent of knowledge.intents.values()) {
      for (const text of intent.training[language]) corpus[language].push({ text, intent: intent.id });
    }
    for (const text of knowledge.outOfScope.training[language]) corpus[language].push({ text, intent: NONE_INTENT });
  }
  return corpus;
}

export function intentsIn(corpus: TrainingCorpus, language: Language): string[] {
  return [...new Set(corpus[language].map((e) => e.intent))].filter((i) => i !== NONE_INTENT);
}
