import { localDayAndHour } from '../../bot/insight/insight-buckets';
import type { InsightEvent } from '../../bot/insight/insight-event';
import type { Figures } from '../../bot/insight/insight-figures';
import type { StoredInsightEvent } from '../../bot/insight/insight-store';

/**
 * The insight totals recomputed straight from the kept events, independently of the aggregates
 * the figures API counts from (bot/insight/insight-buckets.ts): what the dashboard, its CSV and the
 * effect report must agree with.
 */
export type TotalsFromEvents = Figures['totals'] & {
  queueWaitCount: number;
  queueWaitMedianSeconds: number | null;
  /** Nearest rank. */
  queueWaitP90Seconds: number | null;
};

type Of<K extends InsightEvent['kind']> = Extract<InsightEvent, { kind: K }>;

export function totalsFromEvents(stored: readonly StoredInsightEvent[]): TotalsFromEvents {
  const events = stored.map((s) => s.event);
  const of = <K extends InsightEvent['kind']>(kind: K): Of<K>[] => events.filter((e): e is Of<K> => e.kind === kind);
  const turns = of('turn');
  const decided = (decision: Of<'turn'>['decision']) => turns.filter((t) => t.decision === decision).length;
  const conversationsWith = (kinds: readonly InsightEvent['kind'][]) =>
    new Set(events.filter((e) => kinds.includes(e.kind)).map((e) => e.conversation));
  const started = new Set(stored.filter((s) => s.startsConversation).map((s) => s.event.conversation));
  const escalated = conversationsWith(['handoff-requested', 'callback-requested']);
  const feedback = of('feedback');
  const satisfaction = of('satisfaction');
  const waits = of('handoff-claimed')
    .map((e) => e.waitSeconds)
    .sort((a, b) => a - b);
  const middle = Math.floor(waits.length / 2);
  return {
    conversations: started.size,
    messages: turns.length,
    answered: decided('answer'),
    clarified: decided('clarify'),
    fallbacks: decided('fallback'),
    referrals: decided('referral'),
    safety: decided('safety'),
    handoffRequested: conversationsWith(['handoff-requested']).size,
    handoffQueued: of('handoff-queued').length,
    handoffClaimed: of('handoff-claimed').length,
    abandonedInQueue: of('handoff-abandoned').length,
    callbacks: of('callback-requested').length,
    contained: [...started].filter((c) => !escalated.has(c)).length,
    feedbackUp: feedback.filter((f) => f.helpful).length,
    feedbackDown: feedback.filter((f) => !f.helpful).length,
    satisfaction: {
      yes: satisfaction.filter((s) => s.answer === 'yes').length,
      partly: satisfaction.filter((s) => s.answer === 'partly').length,
      no: satisfaction.filter((s) => s.answer === 'no').length,
    },
    queueWaitCount: waits.length,
    queueWaitMedianSeconds:
      waits.length === 0
        ? null
        : waits.length % 2 === 1
          ? (waits[middle] ?? 0)
          : ((waits[middle - 1] ?? 0) + (waits[middle] ?? 0)) / 2,
    queueWaitP90Seconds: waits.length === 0 ? null : (waits[Math.ceil(0.9 * waits.length) - 1] ?? 0),
  };
}

/** The Copenhagen day of an instant, as the insight API's `from`/`to` take it. */
export function copenhagenDay(at: string): string {
  return localDayAndHour(at).day;
}

/** The CSV "totals" labels (bot/insight/insight-csv.ts) of the figures compared here. */
export const TOTALS_CSV_LABELS: Record<string, (t: TotalsFromEvents) => number> = {
  samtaler: (t) => t.conversations,
  beskeder: (t) => t.messages,
  besvaret: (t) => t.answered,
  '"Mente du"': (t) => t.clarified,
  'ikke forstået': (t) => t.fallbacks,
  'henvist til en medarbejder': (t) => t.referrals,
  nødsvar: (t) => t.safety,
  'samtaler med ønske om medarbejder': (t) => t.handoffRequested,
  'sat i kø': (t) => t.handoffQueued,
  'taget af en medarbejder': (t) => t.handoffClaimed,
  'forladt køen': (t) => t.abandonedInQueue,
  'ring op': (t) => t.callbacks,
  'klaret uden medarbejder': (t) => t.contained,
  'tommel op': (t) => t.feedbackUp,
  'tommel ned': (t) => t.feedbackDown,
  'tilfreds: ja': (t) => t.satisfaction.yes,
  'tilfreds: delvist': (t) => t.satisfaction.partly,
  'tilfreds: nej': (t) => t.satisfaction.no,
};
