import { z } from 'zod';
import { LanguageSchema } from '../../text/language';
import { MAX_CALLBACK_MESSAGE } from './callback-details';
import { ConversationTopicSchema } from './conversation-topic';
import { MAX_UNANSWERED_TEXT } from '../unanswered/unanswered-question';

/**
 * A callback request under way: the consent question is open, or the citizen consented and the
 * assistant collects the phone number and what it is about, from one message or several. The
 * number is held here only until the request is stored or cancelled (then the step is dropped);
 * the dialogue state is erased with the conversation (conversation-eraser.ts) and never logged.
 */
export const CallbackStepSchema = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('consent') }),
  z.strictObject({
    step: z.literal('details'),
    phone: z
      .string()
      .regex(/^\+?[0-9 ]{8,16}$/)
      .optional(),
    /** Redacted, without the phone number. */
    topic: z.string().max(MAX_CALLBACK_MESSAGE).optional(),
  }),
]);
export type CallbackStep = z.infer<typeof CallbackStepSchema>;

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
  /** The topic follow-ups are read against ("hvad koster det?"); see conversation-topic.ts. */
  topic: ConversationTopicSchema.optional(),
  /** What the classifier made of the last few messages (intent ids and scores, never text): context for staff. */
  recentIntents: z
    .array(z.strictObject({ id: z.string(), score: z.number() }))
    .max(5)
    .default([]),
  /** Guides offered lately (titles and addresses): context for staff. */
  guidesOffered: z
    .array(z.strictObject({ title: z.string(), url: z.string() }))
    .max(5)
    .default([]),
  /** Where a callback request stands (see CallbackStepSchema); absent when none is under way. */
  callback: CallbackStepSchema.optional(),
  /**
   * The last typed question that got an answer, redacted, and the intent answered: so that a 👎 on
   * that answer can put the question in the unanswered inbox. Kept with the rest of the state
   * (erased with the conversation); the transcript holds the same redacted text anyway.
   */
  lastQuestion: z.strictObject({ intent: z.string(), text: z.string().max(MAX_UNANSWERED_TEXT) }).optional(),
  /** The last message was frustration answered with the offer of a person: a request now is counted as such (insight). */
  frustrated: z.boolean().default(false),
  /** Whether the citizen has been told, since joining the queue, that staff read what they write. */
  toldWhileWaiting: z.boolean().default(false),
});
export type DialogueState = z.infer<typeof DialogueStateSchema>;

export function initialDialogueState(): DialogueState {
  return DialogueStateSchema.parse({});
}
