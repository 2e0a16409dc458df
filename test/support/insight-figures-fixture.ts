/**
 * Figures in the shape of GET /api/insight/figures (issue 12's contract), made up but consistent,
 * for testing the dashboard's page against the contract without the events behind it.
 */
export interface FixtureFigures {
  scope: string;
  from: string;
  to: string;
  timeZone: string;
  totals: Record<string, number | { yes: number; partly: number; no: number }>;
  rates: Record<string, number | null>;
  perDay: { date: string; conversations: number; messages: number }[];
  perHourOfWeek: { weekday: number; hour: number; conversations: number; messages: number }[];
  outsideOpeningHours: { conversations: number; share: number | null };
  handoffReasons: { reason: string; count: number }[];
  topIntents: { intent: string; title: string; turns: number; feedbackUp: number; feedbackDown: number }[];
  topFacets: { facet: string; turns: number }[];
  weakIntents: {
    intent: string;
    title: string;
    feedbackDown: number;
    fallbacksOrClarified: number;
    studioPath: string;
  }[];
  queueWait: { count: number; medianSeconds: number | null; p90Seconds: number | null };
  handlingTime: { count: number; medianSeconds: number | null; p90Seconds: number | null };
  wrapUps: {
    topics: { intent: string; title: string; count: number }[];
    outcomes: { outcome: string; count: number }[];
  };
}

/** Every day from `from` to `to` (YYYY-MM-DD, both included). */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (
    let day = new Date(`${from}T00:00:00Z`);
    day <= new Date(`${to}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + 1)
  )
    out.push(day.toISOString().slice(0, 10));
  return out;
}

export function fixtureFigures(scope: string, from: string, to: string): FixtureFigures {
  const perDay = days(from, to).map((date, index) => ({
    date,
    conversations: 1000 + ((index * 7) % 13),
    messages: 3000 + ((index * 11) % 17),
  }));
  const conversations = perDay.reduce((sum, day) => sum + day.conversations, 0);
  const messages = perDay.reduce((sum, day) => sum + day.messages, 0);
  const perHourOfWeek = [];
  for (let weekday = 1; weekday <= 7; weekday += 1)
    for (let hour = 0; hour < 24; hour += 1)
      perHourOfWeek.push({
        weekday,
        hour,
        conversations: (weekday * 31 + hour * 7) % 50,
        messages: (weekday + hour) % 90,
      });
  return {
    scope,
    from,
    to,
    timeZone: 'Europe/Copenhagen',
    totals: {
      conversations,
      messages,
      answered: messages - 600,
      clarified: 300,
      fallbacks: 200,
      referrals: 80,
      safety: 20,
      handoffRequested: 150,
      handoffQueued: 140,
      handoffClaimed: 120,
      abandonedInQueue: 20,
      callbacks: 12,
      contained: conversations - 162,
      feedbackUp: 420,
      feedbackDown: 60,
      satisfaction: { yes: 70, partly: 20, no: 10 },
    },
    rates: {
      containment: (conversations - 162) / conversations,
      handoff: 150 / conversations,
      fallback: 200 / messages,
      clarify: 300 / messages,
    },
    perDay,
    perHourOfWeek,
    outsideOpeningHours: { conversations: 1234, share: 1234 / conversations },
    handoffReasons: [
      { reason: 'asked', count: 100 },
      { reason: 'low-confidence', count: 40 },
      { reason: 'frustration', count: 10 },
    ],
    topIntents: [
      { intent: 'pas.bestil', title: 'Bestil pas', turns: 2100, feedbackUp: 200, feedbackDown: 10 },
      {
        intent: 'affald.storskrald',
        title: 'Storskrald og haveaffald',
        turns: 1500,
        feedbackUp: 120,
        feedbackDown: 30,
      },
    ],
    topFacets: [
      { facet: 'cost', turns: 800 },
      { facet: 'documents', turns: 450 },
    ],
    weakIntents: [
      {
        intent: 'affald.storskrald',
        title: 'Storskrald og haveaffald',
        feedbackDown: 30,
        fallbacksOrClarified: 44,
        studioPath: '/studio/#/intents/affald.storskrald',
      },
    ],
    queueWait: { count: 120, medianSeconds: 95, p90Seconds: 410 },
    handlingTime: { count: 118, medianSeconds: 300, p90Seconds: 900 },
    wrapUps: {
      topics: [{ intent: 'pas.bestil', title: 'Bestil pas', count: 41 }],
      outcomes: [
        { outcome: 'resolved', count: 90 },
        { outcome: 'follow-up', count: 12 },
      ],
    },
  };
}
