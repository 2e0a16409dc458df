import { z } from 'zod';
import { AnswerFacetSchema } from '../../knowledge/answer-facet';

/**
 * What a button sends back when clicked. Buttons carry structured values, not text, so a click
 * never goes through the classifier and cannot be misunderstood.
 */
export const ButtonValueSchema = z.discriminatedUnion('action', [
  /** A topic's answer, or one facet of it. */
  z.strictObject({ action: z.literal('answer'), intent: z.string().max(100), facet: AnswerFacetSchema.optional() }),
  z.strictObject({ action: z.literal('feedback'), intent: z.string().max(100), helpful: z.boolean() }),
  z.strictObject({ action: z.literal('handoff') }),
  z.strictObject({ action: z.literal('leave-queue') }),
  z.strictObject({ action: z.literal('keep-waiting') }),
  z.strictObject({ action: z.literal('callback') }),
  z.strictObject({ action: z.literal('callback-consent'), given: z.boolean() }),
  z.strictObject({ action: z.literal('satisfaction'), answer: z.enum(['yes', 'partly', 'no']) }),
]);
export type ButtonValue = z.infer<typeof ButtonValueSchema>;

export interface ReplyButton {
  readonly title: string;
  readonly value: ButtonValue;
}

export interface GuideCard {
  readonly title: string;
  readonly summary: string;
  readonly url: string;
  readonly linkTitle: string;
}

/** One message from the assistant, independent of Bot Framework; `to-activity.ts` turns it into an Activity. */
export interface Reply {
  /** Markdown. */
  readonly text: string;
  readonly buttons?: readonly ReplyButton[];
  readonly cards?: readonly GuideCard[];
  /** Related topics: kept in the transcript as a card, unlike `buttons`, which vanish after the next message. */
  readonly topics?: { readonly heading: string; readonly buttons: readonly ReplyButton[] };
  /** BCP 47 tag of the text, so screen readers pronounce it right. */
  readonly locale: 'da-DK' | 'en-GB';
}

/**
 * Bot Framework's handoff events, the record of what happened with a request for a person
 * (https://learn.microsoft.com/azure/bot-service/bot-service-design-pattern-handoff-human):
 * `handoff.initiate` carries the context for the agent; `handoff.status` has the protocol's states
 * `accepted`, `failed` and `completed`, and these the protocol lacks: `queued` (position, estimated
 * wait), `outOfHours` (next opening), `callbackRequested`, `cancelled` (the citizen left the queue)
 * `returned` (the agent handed the citizen back to the assistant), and for the agent's transcript
 * `citizenAway` (the citizen's chat has been gone a while) and `citizenLeft` (they started over).
 */
export type HandoffEvent =
  | { readonly name: 'handoff.initiate'; readonly value: HandoffContext }
  | { readonly name: 'handoff.status'; readonly value: HandoffStatus };

export interface HandoffContext {
  /** Why: the citizen asked, the assistant failed to understand twice, or two answers were rated unhelpful. */
  readonly reason: 'asked' | 'fallbacks' | 'unhelpful';
  readonly municipalityId: string;
  readonly language: 'da' | 'en';
  readonly topic?: string;
  /** What the assistant made of the citizen's recent messages, newest last. */
  readonly intents: readonly { readonly id: string; readonly score: number }[];
  /** Guides the assistant offered. */
  readonly guides: readonly { readonly title: string; readonly url: string }[];
}

/** The value of a `handoff.status` event: written by the dialogue, read back by the staff views. */
export const HandoffStatusSchema = z.union([
  z
    .object({
      state: z.literal('queued'),
      position: z.number(),
      estimatedWaitMinutes: z.number().nullable(),
      reason: z.literal('agent-dropped').optional(),
    })
    .readonly(),
  z.object({ state: z.literal('accepted'), agentName: z.string() }).readonly(),
  z.object({ state: z.enum(['completed', 'returned', 'cancelled', 'callbackRequested']) }).readonly(),
  /** For staff: the citizen's chat is gone (closed page), or they started a new conversation. The widget ignores these. */
  z.object({ state: z.enum(['citizenAway', 'citizenLeft']) }).readonly(),
  z.object({ state: z.literal('outOfHours'), nextOpening: z.string().nullable() }).readonly(),
  z.object({ state: z.literal('failed'), reason: z.string() }).readonly(),
]);
export type HandoffStatus = z.infer<typeof HandoffStatusSchema>;

/** What a turn sends: messages, and the handoff events recorded in the conversation. */
export type Outgoing = Reply | { readonly event: HandoffEvent };

export function isEvent(outgoing: Outgoing): outgoing is { readonly event: HandoffEvent } {
  return 'event' in outgoing;
}
