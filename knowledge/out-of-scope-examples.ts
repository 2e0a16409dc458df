import { z } from 'zod';

const sentence = z.string().trim().min(1).max(600);

/**
 * Messages the assistant must not answer from an intent (`knowledge/out-of-scope.yaml`).
 * They train the classifier's None class.
 */
export const OutOfScopeExamplesSchema = z.strictObject({
  training: z.strictObject({
    da: z.array(sentence).min(20, 'needs at least 20 Danish examples'),
    en: z.array(sentence).min(5, 'needs at least 5 English examples'),
  }),
});
export type OutOfScopeExamples = z.infer<typeof OutOfScopeExamplesSchema>;
