import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { Redis } from 'ioredis';
import { z } from 'zod';
import {
  DEFAULT_TRAFFIC,
  insightTraffic,
  planTraffic,
  type TrafficFigures,
  type TrafficSummary,
} from '../../bench/insight-traffic';
import type { TrafficServer } from '../../bench/traffic-servers';
import { rangeInstants } from '../../bot/insight/insight-query';
import { RedisInsightStore } from '../../bot/insight/redis-insight-store';
import {
  copenhagenDay,
  TOTALS_CSV_LABELS,
  totalsFromEvents,
  type TotalsFromEvents,
} from '../support/insight-figures-from-events';
import { StaffClient } from '../support/staff-client';

/**
 * Dialogues written for this test (the eval files are not read here): the generator's input format,
 * `{"id","lang","turns":[{"text"}]}` a line.
 */
const DIALOGUES = [
  { id: 't1', lang: 'da', turns: [{ text: 'jeg har mistet mit pas' }, { text: 'hvad koster det' }] },
  { id: 't2', lang: 'da', turns: [{ text: 'hvornår bliver skraldespanden tømt' }] },
  { id: 't3', lang: 'da', turns: [{ text: 'hvordan melder jeg flytning' }, { text: 'tak for hjælpen' }] },
  { id: 't4', lang: 'en', turns: [{ text: 'I lost my passport' }, { text: 'what does it cost' }] },
  { id: 't5', lang: 'da', turns: [{ text: 'skifte læge' }] },
] as const;

/** The demo profiles' shared staff pool (knowledge/municipalities/*.yaml, handoffQueue: faelles). */
const POOLS: Record<string, string[]> = { 'queue:faelles': ['boegely', 'havbakke'] };

const SUMMED: readonly (keyof Omit<TrafficFigures, 'satisfaction'>)[] = [
  'conversations',
  'messages',
  'buttons',
  'handoffsRequested',
  'handoffsClaimed',
  'handoffsAbandoned',
  'callbacks',
  'handoffsNotQueued',
  'feedbackUp',
  'feedbackDown',
];

describe('the seeded insight traffic generator', () => {
  let directory: string;
  let dialoguesFile: string;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'insight-traffic-'));
    dialoguesFile = path.join(directory, 'dialogues.jsonl');
    await writeFile(dialoguesFile, DIALOGUES.map((d) => JSON.stringify(d)).join('\n'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('plans the same traffic from the same seed, and other traffic from another', () => {
    const options = { ...DEFAULT_TRAFFIC, conversations: 30, dialoguesFile: '' };
    const plan = (seed: number) =>
      planTraffic(
        DIALOGUES.map((d) => ({ ...d, turns: [...d.turns] })),
        ['boegely', 'havbakke'],
        { ...options, seed },
      ).map((p) => [p.dialogue.id, p.municipality, p.handoff, p.satisfaction, p.feedback.join(',')]);
    expect(plan(7)).toEqual(plan(7));
    expect(plan(7)).not.toEqual(plan(8));
    const municipalities = new Set(plan(7).map((p) => p[1]));
    expect(municipalities).toEqual(new Set(['boegely', 'havbakke']));
  });

  it('plays 20 seeded conversations on two instances; the figures API, its CSV, the effect report and its CSV agree with the events kept, and the events with what was sent', async () => {
    const options = {
      ...DEFAULT_TRAFFIC,
      seed: 20261203,
      conversations: 20,
      dialoguesFile,
      handoffShare: 0.5,
      feedbackShare: 0.6,
    };
    const { summary, inspected } = await insightTraffic(options, figuresAgree);
    expectConsistent(summary, options.conversations);
    if (!inspected) throw new Error('the figures were not inspected');
    // What the servers counted is what was sent: per municipality, from the events and the API alike.
    for (const [municipality, sent] of Object.entries(summary.byMunicipality)) {
      const counted = inspected.get(municipality);
      expect({ municipality, ...pick(counted) }).toEqual({
        municipality,
        conversations: sent.conversations,
        // A message is a turn the assistant read: typed text, and the topic and "talk to a person"
        // buttons (a question asked by click); 👍/👎, queue and callback buttons are not messages,
        // nor is the phone number and topic typed for a callback (that is the callback).
        messages: sent.messages - sent.callbacks + sent.handoffsRequested + sent.handoffsNotQueued,
        handoffQueued: sent.handoffsRequested,
        handoffClaimed: sent.handoffsClaimed,
        abandonedInQueue: sent.handoffsAbandoned,
        callbacks: sent.callbacks,
        feedbackUp: sent.feedbackUp,
        feedbackDown: sent.feedbackDown,
        satisfaction: sent.satisfaction,
        queueWaitCount: sent.handoffsClaimed,
      });
    }
    // The seed decides what was sent, not the timing: the plan's handoffs are all there.
    const planned = planTraffic(
      DIALOGUES.map((d) => ({ ...d, turns: [...d.turns] })),
      ['boegely', 'havbakke'],
      options,
    );
    // These dialogues never ask for a person themselves, so every scripted handoff is queued.
    expect(summary.totals.handoffsNotQueued).toBe(0);
    expect(summary.totals.handoffsRequested).toBe(planned.filter((p) => p.handoff).length);
    expect(summary.totals.handoffsClaimed).toBe(planned.filter((p) => p.handoff === 'claimed').length);
    expect(summary.totals.callbacks).toBe(planned.filter((p) => p.handoff === 'callback').length);
    expect(summary.totals.handoffsAbandoned).toBe(planned.filter((p) => p.handoff === 'abandoned').length);
    expect(summary.totals.feedbackUp + summary.totals.feedbackDown).toBeGreaterThan(0);
    expect(summary.totals.handoffsRequested).toBeGreaterThan(0);
  }, 600_000);
});

function expectConsistent(summary: TrafficSummary, conversations: number): void {
  const { totals, byMunicipality, conversationIds } = summary;
  expect(summary.instances).toBe(2);
  expect(totals.conversations).toBe(conversations);
  for (const key of SUMMED) {
    expect(Object.values(byMunicipality).reduce((sum, f) => sum + f[key], 0)).toBe(totals[key]);
  }
  for (const answer of ['yes', 'partly', 'no'] as const) {
    expect(Object.values(byMunicipality).reduce((sum, f) => sum + f.satisfaction[answer], 0)).toBe(
      totals.satisfaction[answer],
    );
  }
  // Every conversation is one id in one municipality.
  const ids = Object.values(conversationIds).flat();
  expect(new Set(ids).size).toBe(conversations);
  for (const [municipality, figures] of Object.entries(byMunicipality)) {
    expect(conversationIds[municipality]).toHaveLength(figures.conversations);
    // A handoff ends one way only; satisfaction is asked only after a claimed one.
    expect(figures.handoffsClaimed + figures.handoffsAbandoned + figures.callbacks).toBe(figures.handoffsRequested);
    const answered = figures.satisfaction.yes + figures.satisfaction.partly + figures.satisfaction.no;
    expect(answered).toBeLessThanOrEqual(figures.handoffsClaimed);
    expect(figures.messages).toBeGreaterThanOrEqual(figures.conversations);
  }
  expect(Date.parse(summary.endedAt)).toBeGreaterThanOrEqual(Date.parse(summary.startedAt));
}

/** What is compared with the traffic sent (the rest is compared between events, API, CSV and report). */
function pick(totals: TotalsFromEvents | undefined) {
  if (!totals) return undefined;
  const { conversations, messages, handoffQueued, handoffClaimed, abandonedInQueue, callbacks } = totals;
  const { feedbackUp, feedbackDown, satisfaction, queueWaitCount } = totals;
  return {
    conversations,
    messages,
    handoffQueued,
    handoffClaimed,
    abandonedInQueue,
    callbacks,
    feedbackUp,
    feedbackDown,
    satisfaction,
    queueWaitCount,
  };
}

const FiguresBody = z.object({
  totals: z.object({
    conversations: z.number(),
    messages: z.number(),
    answered: z.number(),
    clarified: z.number(),
    fallbacks: z.number(),
    referrals: z.number(),
    safety: z.number(),
    handoffRequested: z.number(),
    handoffQueued: z.number(),
    handoffClaimed: z.number(),
    abandonedInQueue: z.number(),
    callbacks: z.number(),
    contained: z.number(),
    feedbackUp: z.number(),
    feedbackDown: z.number(),
    satisfaction: z.object({ yes: z.number(), partly: z.number(), no: z.number() }),
  }),
  queueWait: z.object({ count: z.number(), medianSeconds: z.number().nullable(), p90Seconds: z.number().nullable() }),
});
const ReportBody = z.object({
  figures: FiguresBody,
  minutesPerInquiry: z.number(),
  staffHoursSaved: z.number(),
});

/**
 * Issue 12's "done when": for every municipality and pool, the totals recomputed from the events
 * kept in Redis equal the dashboard's figures, its CSV, the effect report and the report's CSV.
 * Returns the per-municipality totals from the events, to compare with the traffic sent.
 */
async function figuresAgree(
  servers: readonly TrafficServer[],
  summary: TrafficSummary,
  redisUrl: string,
): Promise<Map<string, TotalsFromEvents>> {
  const [first, second] = servers;
  if (!first || !second) throw new Error('two instances are needed');
  const redis = new Redis(redisUrl);
  const store = new RedisInsightStore({ client: redis, aggregateRetentionDays: 800 });
  try {
    const manager = new StaffClient(second.url);
    await manager.signIn('lene', 'demo-lene');
    const insight = async (server: TrafficServer, query: string): Promise<Response> => {
      const response = await fetch(`${server.url}/api/insight/${query}`, {
        headers: { cookie: manager.cookieHeader },
      });
      if (response.status !== 200) throw new Error(`${query}: ${response.status} ${await response.text()}`);
      return response;
    };
    const from = copenhagenDay(summary.startedAt);
    const to = copenhagenDay(new Date().toISOString());
    const { start, end } = rangeInstants(from, to);
    const month = from.slice(0, 7);
    const scopes = z
      .object({ scopes: z.array(z.object({ id: z.string(), kind: z.string() })) })
      .parse(await (await insight(first, 'scopes')).json()).scopes;

    const perMunicipality = new Map<string, TotalsFromEvents>();
    for (const scope of scopes) {
      const ids = scope.id.startsWith('municipality:') ? [scope.id.slice('municipality:'.length)] : POOLS[scope.id];
      if (!ids) throw new Error(`scope ${scope.id}: not a demo municipality or pool`);
      // Events are recorded a moment after each turn: read until two reads agree.
      let events = totalsFromEvents(await store.events(ids, start, end));
      for (let settled = false; !settled;) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const again = totalsFromEvents(await store.events(ids, start, end));
        settled = JSON.stringify(again) === JSON.stringify(events);
        events = again;
      }
      if (scope.id.startsWith('municipality:')) perMunicipality.set(ids[0] ?? '', events);
      const range = `scope=${encodeURIComponent(scope.id)}&from=${from}&to=${to}`;

      // The dashboard's figures, from either instance.
      for (const server of servers) {
        const figures = FiguresBody.parse(await (await insight(server, `figures?${range}`)).json());
        expect({ scope: scope.id, ...figures.totals }).toEqual({ scope: scope.id, ...totalsOnly(events) });
        expect(figures.queueWait).toEqual({
          count: events.queueWaitCount,
          medianSeconds: events.queueWaitMedianSeconds,
          p90Seconds: events.queueWaitP90Seconds,
        });
      }
      // Its CSV.
      const csv = await (await insight(first, `figures.csv?${range}&table=totals`)).text();
      expect({ scope: scope.id, ...csvValues(csv) }).toEqual({ scope: scope.id, ...csvExpected(events) });

      if (!scope.id.startsWith('municipality:')) continue;
      // The effect report for the month (the traffic's days are in it) and its CSV.
      const reportQuery = `scope=${encodeURIComponent(scope.id)}&month=${month}`;
      const report = ReportBody.parse(await (await insight(second, `report?${reportQuery}`)).json());
      if (to.startsWith(month)) {
        expect({ scope: scope.id, ...report.figures.totals }).toEqual({ scope: scope.id, ...totalsOnly(events) });
      }
      expect(report.staffHoursSaved).toBe(
        Math.round(((report.figures.totals.contained * report.minutesPerInquiry) / 60) * 10) / 10,
      );
      const reportCsv = await (await insight(first, `report.csv?${reportQuery}`)).text();
      expect(csvValues(reportCsv)).toEqual(csvExpectedFromTotals(report.figures.totals));
    }
    return perMunicipality;
  } finally {
    redis.disconnect();
  }
}

type Totals = Omit<TotalsFromEvents, 'queueWaitCount' | 'queueWaitMedianSeconds' | 'queueWaitP90Seconds'>;

function totalsOnly(t: TotalsFromEvents): Totals {
  const totals: Partial<TotalsFromEvents> = { ...t };
  delete totals.queueWaitCount;
  delete totals.queueWaitMedianSeconds;
  delete totals.queueWaitP90Seconds;
  return totals as Totals;
}

/** `måling,værdi` rows → label → number, for the labels compared. */
function csvValues(csv: string): Record<string, number> {
  const rows = z.array(z.tuple([z.string(), z.string()])).parse(parse(csv));
  const values: Record<string, number> = {};
  for (const [label, value] of rows.slice(1)) if (label in TOTALS_CSV_LABELS) values[label] = Number(value);
  return values;
}

function csvExpected(t: TotalsFromEvents): Record<string, number> {
  return Object.fromEntries(Object.entries(TOTALS_CSV_LABELS).map(([label, read]) => [label, read(t)]));
}

function csvExpectedFromTotals(totals: z.infer<typeof FiguresBody>['totals']): Record<string, number> {
  return csvExpected({ ...totals, queueWaitCount: 0, queueWaitMedianSeconds: null, queueWaitP90Seconds: null });
}
