import { DateTime } from 'luxon';
import { DANISH_TIME_ZONE } from '../handoff/staffed-hours';
import { FIELD } from './insight-buckets';
import type { DayAggregate, StoredInsightEvent } from './insight-store';

export interface FiguresInput {
  readonly scope: string;
  /** YYYY-MM-DD, inclusive, Copenhagen days. */
  readonly from: string;
  readonly to: string;
  /** The scope's municipalities' aggregates for the range's days. */
  readonly aggregates: readonly DayAggregate[];
  /** The scope's events from the start of `from` to the end of `to` (whatever retention has left). */
  readonly events: readonly StoredInsightEvent[];
  /** Whether staff answered the chat at this instant (the scope's first municipality's chat hours). */
  readonly isStaffed: (at: Date) => boolean;
  /**
   * Event details exist from this instant on (the retention's cut-off). Days that start before it
   * count conversations outside opening hours from the hourly aggregates (at each hour's start).
   */
  readonly detailsFrom: Date;
  readonly intentTitle: (intentId: string) => string | undefined;
}

export interface Spread {
  readonly count: number;
  readonly medianSeconds: number | null;
  readonly p90Seconds: number | null;
}

export interface Figures {
  readonly scope: string;
  readonly from: string;
  readonly to: string;
  readonly timeZone: typeof DANISH_TIME_ZONE;
  readonly totals: {
    conversations: number;
    messages: number;
    answered: number;
    clarified: number;
    fallbacks: number;
    referrals: number;
    safety: number;
    /** Conversations in which a person was asked for (at least once). */
    handoffRequested: number;
    handoffQueued: number;
    handoffClaimed: number;
    abandonedInQueue: number;
    callbacks: number;
    contained: number;
    feedbackUp: number;
    feedbackDown: number;
    satisfaction: { yes: number; partly: number; no: number };
  };
  readonly rates: {
    containment: number | null;
    handoff: number | null;
    fallback: number | null;
    clarify: number | null;
  };
  readonly perDay: { date: string; conversations: number; messages: number }[];
  readonly perHourOfWeek: { weekday: number; hour: number; conversations: number; messages: number }[];
  readonly outsideOpeningHours: { conversations: number; share: number | null };
  readonly handoffReasons: { reason: string; count: number }[];
  readonly topIntents: { intent: string; title: string; turns: number; feedbackUp: number; feedbackDown: number }[];
  readonly topFacets: { facet: string; turns: number }[];
  readonly weakIntents: {
    intent: string;
    title: string;
    feedbackDown: number;
    fallbacksOrClarified: number;
    studioPath: string;
  }[];
  readonly queueWait: Spread;
  readonly handlingTime: Spread;
  /** Agents' wrap-up codes on ending: topics (intents) and outcomes, most first. */
  readonly wrapUps: {
    readonly topics: { intent: string; title: string; count: number }[];
    readonly outcomes: { outcome: string; count: number }[];
  };
}

const TOP = 15;

/**
 * The insight figures for one scope and date range (README "Insight"): counts from the daily
 * aggregates, which outlive the event details; medians and p90 of waits from the events still
 * kept. Pure: the routes fetch, this computes.
 */
export function computeFigures(input: FiguresInput): Figures {
  const days = daysBetween(input.from, input.to);
  const inRange = new Set(days);
  const aggregates = input.aggregates.filter((a) => inRange.has(a.day));
  const sum = (field: string) => aggregates.reduce((total, a) => total + (a.fields[field] ?? 0), 0);
  const byPrefix = (prefix: string): Map<string, number> => {
    const found = new Map<string, number>();
    for (const a of aggregates)
      for (const [field, value] of Object.entries(a.fields))
        if (field.startsWith(prefix))
          found.set(field.slice(prefix.length), (found.get(field.slice(prefix.length)) ?? 0) + value);
    return found;
  };

  const conversations = sum(FIELD.conversations);
  const messages = sum(FIELD.messages);
  const handoffRequested = sum(FIELD.handoffConversations);
  const totals: Figures['totals'] = {
    conversations,
    messages,
    answered: sum(FIELD.decision('answer')),
    clarified: sum(FIELD.decision('clarify')),
    fallbacks: sum(FIELD.decision('fallback')),
    referrals: sum(FIELD.decision('referral')),
    safety: sum(FIELD.decision('safety')),
    handoffRequested,
    handoffQueued: sum(FIELD.handoffQueued),
    handoffClaimed: sum(FIELD.handoffClaimed),
    abandonedInQueue: sum(FIELD.abandoned),
    callbacks: sum(FIELD.callbacks),
    contained: Math.max(0, conversations - sum(FIELD.escalatedConversations)),
    feedbackUp: sum(FIELD.feedbackUp),
    feedbackDown: sum(FIELD.feedbackDown),
    satisfaction: {
      yes: sum(FIELD.satisfaction('yes')),
      partly: sum(FIELD.satisfaction('partly')),
      no: sum(FIELD.satisfaction('no')),
    },
  };

  const perDay = days.map((date) => {
    const of = aggregates.filter((a) => a.day === date);
    const total = (field: string) => of.reduce((t, a) => t + (a.fields[field] ?? 0), 0);
    return { date, conversations: total(FIELD.conversations), messages: total(FIELD.messages) };
  });

  const perHourOfWeek: Figures['perHourOfWeek'] = [];
  for (let weekday = 1; weekday <= 7; weekday += 1)
    for (let hour = 0; hour < 24; hour += 1) perHourOfWeek.push({ weekday, hour, conversations: 0, messages: 0 });
  for (const a of aggregates) {
    const weekday = DateTime.fromISO(a.day, { zone: DANISH_TIME_ZONE }).weekday;
    for (let hour = 0; hour < 24; hour += 1) {
      const cell = perHourOfWeek[(weekday - 1) * 24 + hour];
      if (!cell) continue;
      const hh = String(hour).padStart(2, '0');
      cell.conversations += a.fields[FIELD.hourly('conversations', hh)] ?? 0;
      cell.messages += a.fields[FIELD.hourly('messages', hh)] ?? 0;
    }
  }

  const outside = outsideOpeningHours(input, days, aggregates);

  const reasons = byPrefix('handoff-reason:');
  const turnsByIntent = byPrefix('intent-turns:');
  const up = byPrefix('intent-up:');
  const down = byPrefix('intent-down:');
  const weak = byPrefix('intent-weak:');
  const title = (id: string) => input.intentTitle(id) ?? id;
  const topIntents = [...turnsByIntent]
    .map(([intent, turns]) => ({
      intent,
      title: title(intent),
      turns,
      feedbackUp: up.get(intent) ?? 0,
      feedbackDown: down.get(intent) ?? 0,
    }))
    .sort((a, b) => b.turns - a.turns || a.intent.localeCompare(b.intent))
    .slice(0, TOP);
  const weakIntents = [...new Set([...down.keys(), ...weak.keys()])]
    .map((intent) => ({
      intent,
      title: title(intent),
      feedbackDown: down.get(intent) ?? 0,
      fallbacksOrClarified: weak.get(intent) ?? 0,
      studioPath: `/studio/#/intents/${intent}`,
    }))
    .sort(
      (a, b) =>
        b.feedbackDown + b.fallbacksOrClarified - (a.feedbackDown + a.fallbacksOrClarified) ||
        a.intent.localeCompare(b.intent),
    )
    .slice(0, TOP);

  const waits: number[] = [];
  const handling: number[] = [];
  for (const { event } of input.events) {
    if (!inRange.has(localDay(event.at))) continue;
    if (event.kind === 'handoff-claimed') waits.push(event.waitSeconds);
    if (event.kind === 'handoff-ended') handling.push(event.handlingSeconds);
  }

  return {
    scope: input.scope,
    from: input.from,
    to: input.to,
    timeZone: DANISH_TIME_ZONE,
    totals,
    rates: {
      containment: ratio(totals.contained, conversations),
      handoff: ratio(handoffRequested, conversations),
      fallback: ratio(totals.fallbacks, messages),
      clarify: ratio(totals.clarified, messages),
    },
    perDay,
    perHourOfWeek,
    outsideOpeningHours: { conversations: outside, share: ratio(outside, conversations) },
    handoffReasons: sortedCounts(reasons).map(([reason, count]) => ({ reason, count })),
    topIntents,
    topFacets: sortedCounts(byPrefix('facet:'))
      .slice(0, TOP)
      .map(([facet, turns]) => ({ facet, turns })),
    weakIntents,
    queueWait: spread(waits),
    handlingTime: spread(handling),
    wrapUps: {
      topics: sortedCounts(byPrefix('wrapup-topic:')).map(([intent, count]) => ({
        intent,
        title: title(intent),
        count,
      })),
      outcomes: sortedCounts(byPrefix('wrapup-outcome:')).map(([outcome, count]) => ({ outcome, count })),
    },
  };
}

/** Conversations started outside staffed chat hours: from the events' exact times where kept, else by hour. */
function outsideOpeningHours(
  input: FiguresInput,
  days: readonly string[],
  aggregates: readonly DayAggregate[],
): number {
  let outside = 0;
  const detailed = new Set(
    days.filter((day) => DateTime.fromISO(day, { zone: DANISH_TIME_ZONE }).toMillis() >= input.detailsFrom.getTime()),
  );
  for (const { event, startsConversation } of input.events) {
    if (!startsConversation || !detailed.has(localDay(event.at))) continue;
    if (!input.isStaffed(new Date(event.at))) outside += 1;
  }
  for (const a of aggregates) {
    if (detailed.has(a.day)) continue;
    const start = DateTime.fromISO(a.day, { zone: DANISH_TIME_ZONE });
    for (let hour = 0; hour < 24; hour += 1) {
      const count = a.fields[FIELD.hourly('conversations', String(hour).padStart(2, '0'))] ?? 0;
      if (count > 0 && !input.isStaffed(start.set({ hour }).toJSDate())) outside += count;
    }
  }
  return outside;
}

/** Every date from `from` to `to` inclusive (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = DateTime.fromISO(to, { zone: DANISH_TIME_ZONE });
  for (let day = DateTime.fromISO(from, { zone: DANISH_TIME_ZONE }); day <= end; day = day.plus({ days: 1 }))
    days.push(day.toFormat('yyyy-MM-dd'));
  return days;
}

function localDay(at: string): string {
  return DateTime.fromISO(at, { zone: DANISH_TIME_ZONE }).toFormat('yyyy-MM-dd');
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function sortedCounts(counts: Map<string, number>): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Median (the mean of the middle two for an even count) and p90 (nearest rank). */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { count: 0, medianSeconds: null, p90Seconds: null };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  const p90 = sorted[Math.ceil(0.9 * sorted.length) - 1] ?? 0;
  return { count: sorted.length, medianSeconds: median, p90Seconds: p90 };
}
