import { z } from 'zod';
import { LanguageSchema } from '../../knowledge/language';

/** What the assistant remembers about one conversation between turns. Validated when read back. */
export const DialogueStateSchema = z.object({
  language: LanguageSchema.default('da'),
  municipalityId: z.string().optional(),
  welcomed: z.boolean().default(false),
  /** Fallbacks in a row; the second one offers a member of staff proactively. */
  consecutiveFallbacks: z.number().int().min(0).default(0),
  /** 👎 answers in this conversation (the handoff issue offers a person after the second). */
  unhelpfulAnswers: z.number().int().min(0).default(0),
  lastAnsweredIntent: z.string().optional(),
});
export type DialogueState = z.infer<typeof DialogueStateSchema>;

export function initialDialogueState(): DialogueState {
  return DialogueStateSchema.parse({});
}
