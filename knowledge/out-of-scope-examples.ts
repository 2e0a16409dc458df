import { z } from 'zod';
import { thereAre, withDanish } from './danish-schema-messages';
import { CheckSentencesSchema } from './intent-definition';

const sentence = z.string().trim().min(1).max(600);

/**
 * Messages the assistant must not answer from an intent (`knowledge/out-of-scope.yaml`).
 * They train the classifier's None class.
 */
export const OutOfScopeExamplesSchema = z.strictObject({
  training: z.strictObject({
    da: z.array(sentence).min(
      20,
      withDanish(
        'needs at least 20 Danish examples',
        (issue) => `Skriv mindst 20 danske eksempler på spørgsmål, assistenten ikke skal svare på${thereAre(issue)}.`,
      ),
    ),
    en: z.array(sentence).min(
      5,
      withDanish(
        'needs at least 5 English examples',
        (issue) => `Skriv mindst 5 engelske eksempler på spørgsmål, assistenten ikke skal svare på${thereAre(issue)}.`,
      ),
    ),
  }),
  /** Held-out messages the assistant must not answer; never trained on (intent-definition.ts). */
  checks: CheckSentencesSchema.optional(),
});
export type OutOfScopeExamples = z.infer<typeof OutOfScopeExamplesSchema>;
