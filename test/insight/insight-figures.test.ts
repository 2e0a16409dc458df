import { StaffedHours } from '../../bot/handoff/staffed-hours';
import { computeFigures, spread, type Figures } from '../../bot/insight/insight-figures';
import { InMemoryInsightStore } from '../../bot/insight/in-memory-insight-store';
import type { InsightEvent } from '../../bot/insight/insight-event';
import type { MunicipalityProfile } from '../../knowledge/municipality-profile';
import { shippedKnowledge } from '../support/stub-knowledge-source';
import { answeredTurn, conversationNamed, insightEvent } from './insight-event-fixtures';

let boegely: MunicipalityProfile;
const staffedHours = new StaffedHours();
const LONG_AGO = new Date('2000-01-01T00:00:00Z');

beforeAll(async () => {
  const profile = (await shippedKnowledge()).municipalities.get('boegely');
  if (!profile) throw new Error('the shipped knowledge has no Bøgely');
  boegely = profile;
});

/** Records the events in a fresh store and computes the figures for Bøgely over the range. */
async function figuresOf(events: InsightEvent[], from: string, to: string, detailsFrom = LONG_AGO): Promise<Figures> {
  const store = new InMemoryInsightStore();
  for (const event of events) await store.record(event);
  const days: string[] = [];
  for (
    let day = new Date(`${from}T12:00:00Z`);
    day <= new Date(`${to}T12:00:00Z`);
    day.setUTCDate(day.getUTCDate() + 1)
  )
    days.push(day.toISOString().slice(0, 10));
  return computeFigures({
    scope: 'municipality:boegely',
    from,
    to,
    aggregates: await store.aggregates(['boegely'], days),
    events: await store.events(['boegely'], new Date(`${from}T00:00:00+01:00`), new Date(`${to}T24:00:00+01:00`)),
    isStaffed: (at) => staffedHours.isStaffed(boegely, at),
    detailsFrom,
    intentTitle: (id) => (id === 'pas.bestil' ? 'Bestil pas' : undefined),
  });
}

describe('computeFigures', () => {
  // Bøgely's chat is staffed Monday-Wednesday 08-16, Thursday 08-18, Friday 08-14.
  const anna = conversationNamed('anna');
  const bo = conversationNamed('bo');
  const carl = conversationNamed('carl');
  const week: InsightEvent[] = [
    // Anna, Monday 30 November 10:15 and 10:20 local (staffed): an answer with its price, a 👍, then a fallback.
    insightEvent({ ...answeredTurn('2026-11-30T09:15:00.000Z'), facet: 'cost' }, { conversation: anna }),
    insightEvent(
      { kind: 'feedback', at: '2026-11-30T09:16:00.000Z', intent: 'pas.bestil', helpful: true },
      { conversation: anna },
    ),
    insightEvent(
      { ...answeredTurn('2026-11-30T09:20:00.000Z', 'flytning.anmeld'), decision: 'fallback', confidence: 'low' },
      { conversation: anna },
    ),
    // Bo, Saturday 5 December 22:00 local (closed): "Mente du …?", then a person, waited 60 s, helped for 300 s.
    insightEvent(
      { ...answeredTurn('2026-12-05T21:00:00.000Z'), decision: 'clarify', confidence: 'medium' },
      { conversation: bo },
    ),
    insightEvent({ kind: 'handoff-requested', at: '2026-12-05T21:01:00.000Z', reason: 'asked' }, { conversation: bo }),
    insightEvent({ kind: 'handoff-queued', at: '2026-12-05T21:01:00.000Z', queueId: 'faelles' }, { conversation: bo }),
    insightEvent(
      { kind: 'handoff-claimed', at: '2026-12-05T21:02:00.000Z', queueId: 'faelles', waitSeconds: 60 },
      { conversation: bo },
    ),
    insightEvent(
      {
        kind: 'handoff-ended',
        at: '2026-12-05T21:07:00.000Z',
        queueId: 'faelles',
        outcome: 'ended',
        waitSeconds: 60,
        handlingSeconds: 300,
        wrapUpTopic: 'pas.bestil',
        wrapUpOutcome: 'resolved',
      },
      { conversation: bo },
    ),
    insightEvent({ kind: 'satisfaction', at: '2026-12-05T21:08:00.000Z', answer: 'yes' }, { conversation: bo }),
    // Carl, Thursday 3 December 17:30 local (staffed until 18): an answer, a 👎, a callback.
    insightEvent(answeredTurn('2026-12-03T16:30:00.000Z'), { conversation: carl }),
    insightEvent(
      { kind: 'feedback', at: '2026-12-03T16:31:00.000Z', intent: 'pas.bestil', helpful: false },
      { conversation: carl },
    ),
    insightEvent({ kind: 'callback-requested', at: '2026-12-03T16:35:00.000Z' }, { conversation: carl }),
  ];

  it('counts a week by hand: totals, rates, days, hours of the week, opening hours, intents and waits', async () => {
    const figures = await figuresOf(week, '2026-11-30', '2026-12-06');
    expect(figures.totals).toEqual({
      conversations: 3,
      messages: 4,
      answered: 2,
      clarified: 1,
      fallbacks: 1,
      referrals: 0,
      safety: 0,
      handoffRequested: 1,
      handoffQueued: 1,
      handoffClaimed: 1,
      abandonedInQueue: 0,
      callbacks: 1,
      // Bo asked for a person and Carl for a call: only Anna's conversation ended without staff.
      contained: 1,
      feedbackUp: 1,
      feedbackDown: 1,
      satisfaction: { yes: 1, partly: 0, no: 0 },
    });
    expect(figures.rates).toEqual({ containment: 1 / 3, handoff: 1 / 3, fallback: 1 / 4, clarify: 1 / 4 });
    expect(figures.perDay).toEqual([
      { date: '2026-11-30', conversations: 1, messages: 2 },
      { date: '2026-12-01', conversations: 0, messages: 0 },
      { date: '2026-12-02', conversations: 0, messages: 0 },
      { date: '2026-12-03', conversations: 1, messages: 1 },
      { date: '2026-12-04', conversations: 0, messages: 0 },
      { date: '2026-12-05', conversations: 1, messages: 1 },
      { date: '2026-12-06', conversations: 0, messages: 0 },
    ]);
    expect(figures.perHourOfWeek).toHaveLength(168);
    expect(figures.perHourOfWeek.filter((cell) => cell.messages > 0)).toEqual([
      { weekday: 1, hour: 10, conversations: 1, messages: 2 },
      { weekday: 4, hour: 17, conversations: 1, messages: 1 },
      { weekday: 6, hour: 22, conversations: 1, messages: 1 },
    ]);
    expect(figures.outsideOpeningHours).toEqual({ conversations: 1, share: 1 / 3 });
    expect(figures.handoffReasons).toEqual([{ reason: 'asked', count: 1 }]);
    expect(figures.topIntents).toEqual([
      { intent: 'pas.bestil', title: 'Bestil pas', turns: 2, feedbackUp: 1, feedbackDown: 1 },
    ]);
    expect(figures.topFacets).toEqual([{ facet: 'cost', turns: 1 }]);
    expect(figures.weakIntents).toEqual([
      {
        intent: 'pas.bestil',
        title: 'Bestil pas',
        feedbackDown: 1,
        fallbacksOrClarified: 1,
        studioPath: '/studio/#/intents/pas.bestil',
      },
      {
        intent: 'flytning.anmeld',
        title: 'flytning.anmeld',
        feedbackDown: 0,
        fallbacksOrClarified: 1,
        studioPath: '/studio/#/intents/flytning.anmeld',
      },
    ]);
    expect(figures.queueWait).toEqual({ count: 1, medianSeconds: 60, p90Seconds: 60 });
    expect(figures.handlingTime).toEqual({ count: 1, medianSeconds: 300, p90Seconds: 300 });
    // Bo's agent gave a wrap-up code on ending.
    expect(figures.wrapUps).toEqual({
      topics: [{ intent: 'pas.bestil', title: 'Bestil pas', count: 1 }],
      outcomes: [{ outcome: 'resolved', count: 1 }],
    });
  });

  it('leaves out what falls outside the range, and gives null rates for an empty range', async () => {
    const figures = await figuresOf(week, '2026-12-01', '2026-12-02');
    expect(figures.totals.conversations).toBe(0);
    expect(figures.rates).toEqual({ containment: null, handoff: null, fallback: null, clarify: null });
    expect(figures.outsideOpeningHours).toEqual({ conversations: 0, share: null });
    expect(figures.queueWait).toEqual({ count: 0, medianSeconds: null, p90Seconds: null });
  });

  it('puts a conversation at 00:30 Copenhagen time on that day, not on the UTC day before', async () => {
    // 23:30 UTC on Saturday 28 March is 00:30 on Sunday 29 March (still winter time), outside opening hours.
    const events = [insightEvent(answeredTurn('2026-03-28T23:30:00.000Z'))];
    expect((await figuresOf(events, '2026-03-28', '2026-03-28')).totals.conversations).toBe(0);
    const sunday = await figuresOf(events, '2026-03-29', '2026-03-29');
    expect(sunday.perDay).toEqual([{ date: '2026-03-29', conversations: 1, messages: 1 }]);
    expect(sunday.perHourOfWeek.find((cell) => cell.conversations > 0)).toMatchObject({ weekday: 7, hour: 0 });
    expect(sunday.outsideOpeningHours.conversations).toBe(1);
  });

  it('counts both 02:30s of the night summer time ends in hour 2 of that Sunday', async () => {
    // 25 October 2026: 00:30 UTC is 02:30 summer time, 01:30 UTC is 02:30 winter time.
    const events = [
      insightEvent(answeredTurn('2026-10-25T00:30:00.000Z'), { conversation: conversationNamed('first') }),
      insightEvent(answeredTurn('2026-10-25T01:30:00.000Z'), { conversation: conversationNamed('second') }),
    ];
    const figures = await figuresOf(events, '2026-10-25', '2026-10-25');
    expect(figures.perHourOfWeek.filter((cell) => cell.conversations > 0)).toEqual([
      { weekday: 7, hour: 2, conversations: 2, messages: 2 },
    ]);
  });

  it('counts a weekday that is a closed date (24 December) as outside opening hours', async () => {
    // Thursday 24 December 10:00 local: a weekday, within Thursday's hours, but Bøgely is closed.
    const events = [
      insightEvent(answeredTurn('2026-12-24T09:00:00.000Z'), { conversation: conversationNamed('xmas') }),
      insightEvent(answeredTurn('2026-12-23T09:00:00.000Z'), { conversation: conversationNamed('before') }),
    ];
    const figures = await figuresOf(events, '2026-12-23', '2026-12-24');
    expect(figures.outsideOpeningHours).toEqual({ conversations: 1, share: 0.5 });
  });

  it('beyond the event retention, reads opening hours from the hourly counters', async () => {
    // Monday 30 November, 07:xx (before 08:00) twice and 10:xx once; event details already purged.
    const events = [
      insightEvent(answeredTurn('2026-11-30T06:10:00.000Z'), { conversation: conversationNamed('early-1') }),
      insightEvent(answeredTurn('2026-11-30T06:50:00.000Z'), { conversation: conversationNamed('early-2') }),
      insightEvent(answeredTurn('2026-11-30T09:00:00.000Z'), { conversation: conversationNamed('open') }),
    ];
    const figures = await figuresOf(events, '2026-11-30', '2026-11-30', new Date('2026-12-01T00:00:00Z'));
    expect(figures.outsideOpeningHours).toEqual({ conversations: 2, share: 2 / 3 });
  });
});

describe('spread', () => {
  it('takes the median (mean of the middle two) and the nearest-rank p90', () => {
    expect(spread([40, 10, 30, 20])).toEqual({ count: 4, medianSeconds: 25, p90Seconds: 40 });
    expect(spread([5])).toEqual({ count: 1, medianSeconds: 5, p90Seconds: 5 });
    expect(spread([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({ count: 10, medianSeconds: 5.5, p90Seconds: 9 });
    expect(spread([])).toEqual({ count: 0, medianSeconds: null, p90Seconds: null });
  });
});
