import { z } from 'zod';
import { LanguageSchema } from '../../text/language';

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
  /** What the classifier made of the last few messages (intent ids and scores, never text): context for staff. */
  recentIntents: z.array(z.strictObject({ id: z.string(), score: z.number() })).max(5).default([]),
  /** Guides offered lately (titles and addresses): context for staff. */
  guidesOffered: z.array(z.strictObject({ title: z.string(), url: z.string() })).max(5).default([]),
  /** Set after the citizen consented to a callback: the next message holds the phone number. */
  collectingCallback: z.boolean().default(false),
  /** Whether the citizen has been told, since joining the queue, that staff read what they write. */
  toldWhileWaiting: z.boolean().default(false),
});
export type DialogueState = z.infer<typeof DialogueStateSchema>;

export function initialDialogueState(): DialogueState {
  return DialogueStateSchema.parse({});
}
