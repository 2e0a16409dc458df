import { z } from 'zod';
import { ANSWER_FACETS } from '../../knowledge/answer-facet';
import { LanguageSchema } from '../../text/language';
import { DepartureReasonSchema } from '../handoff/citizen-presence';

/**
 * One structured, text-free fact about a citizen's conversation, for the insight figures (issue 12).
 * Never message text, never personal data: the conversation is named only by a keyed hash
 * (conversation-hash.ts), so an event cannot be traced back to a conversation, deleted or not.
 */

/** What the assistant did with a citizen's message. */
export const TurnDecisionSchema = z.enum([
  'answer',
  /** "Mente du …?" or "which part of …?". */
  'clarify',
  'fallback',
  /** Referred to a person: asked for one, or offered one (frustration, a worried parent …). */
  'referral',
  /** The emergency numbers. */
  'safety',
  /** Not read: too long, empty, only an attachment or only personal data, an unknown button. */
  'declined',
]);
export type TurnDecision = z.infer<typeof TurnDecisionSchema>;

/** The classifier's top score, banded: exact scores say nothing a manager can use. */
export const ConfidenceBandSchema = z.enum(['high', 'medium', 'low', 'none']);
export type ConfidenceBand = z.infer<typeof ConfidenceBandSchema>;

/** Why a citizen asked for, or was offered, a person. */
export const HandoffReasonSchema = z.enum(['asked', 'low-confidence', 'unhelpful', 'frustration', 'safety']);
export type HandoffReason = z.infer<typeof HandoffReasonSchema>;

/** How an agent's conversation ended, if the agent said (the wrap-up code, with a topic). */
export const WrapUpOutcomeSchema = z.enum(['resolved', 'follow-up', 'referred', 'not-resolved']);
export type WrapUpOutcome = z.infer<typeof WrapUpOutcomeSchema>;

const Seconds = z
  .number()
  .min(0)
  .max(366 * 24 * 3600);
const IdPart = z.string().regex(/^[a-z0-9][a-z0-9._|-]{0,200}$/i, 'must be an id, never text');

const Common = {
  /** Unique per fact: the same fact recorded twice (a retried turn, two instances) counts once. */
  id: z.string().regex(/^[A-Za-z0-9:._|-]{8,300}$/),
  at: z.iso.datetime(),
  municipalityId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  /** HMAC-SHA-256 of the conversation id, hex, shortened: links a conversation's events, nothing more. */
  conversation: z.string().regex(/^[0-9a-f]{32}$/),
};

export const InsightEventSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('turn'),
    ...Common,
    language: LanguageSchema,
    /** The channel the conversation came in on (our own Direct Line "webchat", Teams "msteams" …). */
    channel: IdPart,
    decision: TurnDecisionSchema,
    intent: IdPart.optional(),
    facet: z.enum(ANSWER_FACETS).optional(),
    confidence: ConfidenceBandSchema,
    /** Guides (cards) were offered with a fallback. */
    guideOffered: z.boolean(),
  }),
  z.strictObject({ kind: z.literal('feedback'), ...Common, intent: IdPart, helpful: z.boolean() }),
  z.strictObject({ kind: z.literal('satisfaction'), ...Common, answer: z.enum(['yes', 'partly', 'no']) }),
  z.strictObject({ kind: z.literal('handoff-requested'), ...Common, reason: HandoffReasonSchema }),
  z.strictObject({ kind: z.literal('handoff-queued'), ...Common, queueId: IdPart }),
  z.strictObject({ kind: z.literal('handoff-claimed'), ...Common, queueId: IdPart, waitSeconds: Seconds }),
  z.strictObject({
    kind: z.literal('handoff-ended'),
    ...Common,
    queueId: IdPart,
    /** Ended by the agent, handed back to the assistant, or the citizen left ("Start forfra"). */
    outcome: z.enum(['ended', 'returned', 'citizen-left']),
    waitSeconds: Seconds,
    handlingSeconds: Seconds,
    /** The agent's wrap-up, optional: the topic (an intent id) and how it ended. */
    wrapUpTopic: IdPart.optional(),
    wrapUpOutcome: WrapUpOutcomeSchema.optional(),
  }),
  /** Left the queue without being claimed (the citizen left, or the conversation was deleted). */
  z.strictObject({
    kind: z.literal('handoff-abandoned'),
    ...Common,
    queueId: IdPart,
    waitSeconds: Seconds,
    /** Why (absent in events recorded before it was). */
    reason: DepartureReasonSchema.optional(),
  }),
  z.strictObject({ kind: z.literal('callback-requested'), ...Common }),
]);
export type InsightEvent = z.infer<typeof InsightEventSchema>;
export type InsightEventKind = InsightEvent['kind'];

/** An event as a recorder hands it in: the id and hash are added by the recorder (insight-recorder.ts). */
export type InsightFact = InsightEvent extends infer E
  ? E extends InsightEvent
    ? Omit<E, 'id' | 'conversation' | 'at'>
    : never
  : never;

/** Score → band; the thresholds sit around the decision policy's answer score (0.4). */
export function confidenceBand(score: number | undefined): ConfidenceBand {
  if (score === undefined) return 'none';
  if (score >= 0.75) return 'high';
  if (score >= 0.4) return 'medium';
  return 'low';
}
