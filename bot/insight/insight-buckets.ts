import { DateTime } from 'luxon';
import { DANISH_TIME_ZONE } from '../handoff/staffed-hours';
import type { InsightEvent } from './insight-event';

/**
 * How one event changes the time-bucketed aggregates: one bucket per municipality per local
 * (Europe/Copenhagen) day, with per-hour fields inside it. Shared by the in-memory and the Redis
 * store (whose Lua script applies the same lists), so both count alike.
 */
export interface BucketChange {
  /** The municipality's local day the event happened on, YYYY-MM-DD. */
  readonly day: string;
  /** Its local hour, "00".."23". */
  readonly hour: string;
  /** Counters to add to in the event's own bucket. */
  readonly increments: readonly (readonly [field: string, by: number])[];
  /**
   * Once per conversation: [flag, field] adds 1 to `field` in the bucket of the day the
   * conversation started, the first time the flag is raised for it (handoff rate, containment).
   */
  readonly once: readonly (readonly [flag: string, field: string])[];
  /** A citizen message: the conversation starts here unless it already has. */
  readonly mayStartConversation: boolean;
}

/** Field names of a bucket. */
export const FIELD = {
  messages: 'messages',
  conversations: 'conversations',
  /** Conversations with a handoff requested (in their start bucket). */
  handoffConversations: 'conversations-handoff',
  /** Conversations with a handoff or a callback requested: not contained. */
  escalatedConversations: 'conversations-escalated',
  hourly: (field: 'messages' | 'conversations', hour: string) => `${field}@${hour}`,
  decision: (decision: string) => `decision:${decision}`,
  intentTurns: (intent: string) => `intent-turns:${intent}`,
  intentUp: (intent: string) => `intent-up:${intent}`,
  intentDown: (intent: string) => `intent-down:${intent}`,
  /** Fallbacks and "Mente du …?" turns whose best guess was this intent. */
  intentWeak: (intent: string) => `intent-weak:${intent}`,
  /** Fallbacks with no intent to blame: an unmet need nobody has written an answer for. */
  fallbackWithoutIntent: 'fallback-without-intent',
  facet: (facet: string) => `facet:${facet}`,
  handoffReason: (reason: string) => `handoff-reason:${reason}`,
  handoffRequested: 'handoff-requested',
  handoffQueued: 'handoff-queued',
  handoffClaimed: 'handoff-claimed',
  handoffEnded: 'handoff-ended',
  abandoned: 'handoff-abandoned',
  abandonedReason: (reason: string) => `handoff-abandoned:${reason}`,
  callbacks: 'callbacks',
  feedbackUp: 'feedback-up',
  feedbackDown: 'feedback-down',
  satisfaction: (answer: string) => `satisfaction:${answer}`,
  wrapUpTopic: (intent: string) => `wrapup-topic:${intent}`,
  wrapUpOutcome: (outcome: string) => `wrapup-outcome:${outcome}`,
} as const;

/** The local day and hour of an instant, in Danish time (summer time included). */
export function localDayAndHour(at: Date | string): { day: string; hour: string } {
  const local =
    typeof at === 'string'
      ? DateTime.fromISO(at, { zone: DANISH_TIME_ZONE })
      : DateTime.fromJSDate(at, { zone: DANISH_TIME_ZONE });
  return { day: local.toFormat('yyyy-MM-dd'), hour: local.toFormat('HH') };
}

export function bucketChange(event: InsightEvent): BucketChange {
  const { day, hour } = localDayAndHour(event.at);
  const increments: [string, number][] = [];
  const once: [string, string][] = [];
  switch (event.kind) {
    case 'turn':
      increments.push([FIELD.messages, 1], [FIELD.hourly('messages', hour), 1], [FIELD.decision(event.decision), 1]);
      if (event.intent !== undefined) {
        const weak = event.decision === 'fallback' || event.decision === 'clarify';
        increments.push([weak ? FIELD.intentWeak(event.intent) : FIELD.intentTurns(event.intent), 1]);
      } else if (event.decision === 'fallback') increments.push([FIELD.fallbackWithoutIntent, 1]);
      if (event.facet !== undefined) increments.push([FIELD.facet(event.facet), 1]);
      break;
    case 'feedback':
      increments.push([event.helpful ? FIELD.feedbackUp : FIELD.feedbackDown, 1]);
      increments.push([event.helpful ? FIELD.intentUp(event.intent) : FIELD.intentDown(event.intent), 1]);
      break;
    case 'satisfaction':
      increments.push([FIELD.satisfaction(event.answer), 1]);
      break;
    case 'handoff-requested':
      increments.push([FIELD.handoffRequested, 1], [FIELD.handoffReason(event.reason), 1]);
      once.push(['handoff', FIELD.handoffConversations], ['escalated', FIELD.escalatedConversations]);
      break;
    case 'handoff-queued':
      increments.push([FIELD.handoffQueued, 1]);
      break;
    case 'handoff-claimed':
      increments.push([FIELD.handoffClaimed, 1]);
      break;
    case 'handoff-ended':
      increments.push([FIELD.handoffEnded, 1]);
      if (event.wrapUpTopic !== undefined) increments.push([FIELD.wrapUpTopic(event.wrapUpTopic), 1]);
      if (event.wrapUpOutcome !== undefined) increments.push([FIELD.wrapUpOutcome(event.wrapUpOutcome), 1]);
      break;
    case 'handoff-abandoned':
      increments.push([FIELD.abandoned, 1]);
      if (event.reason !== undefined) increments.push([FIELD.abandonedReason(event.reason), 1]);
      break;
    case 'callback-requested':
      increments.push([FIELD.callbacks, 1]);
      once.push(['escalated', FIELD.escalatedConversations]);
      break;
  }
  return { day, hour, increments, once, mayStartConversation: event.kind === 'turn' };
}
