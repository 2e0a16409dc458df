import { HANDOFF_INTENT } from '../../knowledge/intent-definition';
import type { TurnEvent } from '../dialogue/assistant-dialogue';
import { isSafetyIntent } from '../dialogue/safety-intents';
import { confidenceBand, type InsightFact, type TurnDecision } from './insight-event';

/** What the dialogue and the handoff desk need of the recorder (insight-recorder.ts). */
export interface InsightSink {
  record(conversationId: string, fact: InsightFact, key?: string): void;
}

/** Reasons a turn event carries that are not a citizen's message of their own (a second event for the same turn). */
const FOLLOW_UP_REASONS = new Set(['repeated-fallback', 'unhelpful-answers']);

/**
 * The insight event for a turn the dialogue reported (TurnEvent, which the log also gets): one per
 * citizen message; undefined for events that are not a message (feedback is recorded on its own).
 */
export function turnFact(turn: TurnEvent, channel: string): InsightFact | undefined {
  const decision = decisionOf(turn);
  if (!decision) return undefined;
  const intent = turn.intent?.split('|')[0];
  return {
    kind: 'turn',
    municipalityId: turn.municipalityId,
    language: turn.language,
    channel: /^[a-z0-9][a-z0-9._-]{0,40}$/i.test(channel) ? channel : 'unknown',
    decision,
    ...(intent ? { intent } : {}),
    ...(turn.facet ? { facet: turn.facet } : {}),
    confidence: confidenceBand(turn.score),
    guideOffered: turn.guideOffered ?? false,
  };
}

function decisionOf(turn: TurnEvent): TurnDecision | undefined {
  switch (turn.event) {
    case 'answered':
      if (turn.intent !== undefined && isSafetyIntent(turn.intent)) return 'safety';
      return turn.intent === HANDOFF_INTENT ? 'referral' : 'answer';
    case 'clarified':
      // "Det kan en medarbejder svare bedst på" about a worried parent's follow-up: a person, not a guess.
      return turn.reason === 'safety-follow-up' ? 'referral' : 'clarify';
    case 'fallback':
      return 'fallback';
    case 'handoff-offered':
      return FOLLOW_UP_REASONS.has(turn.reason ?? '') ? undefined : 'referral';
    case 'declined':
      return 'declined';
    case 'feedback':
      return undefined;
  }
}
