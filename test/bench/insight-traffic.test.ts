import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  DEFAULT_TRAFFIC,
  insightTraffic,
  planTraffic,
  type TrafficFigures,
  type TrafficSummary,
} from '../../bench/insight-traffic';

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

  it('plays 20 seeded conversations on two instances and reports a consistent summary of what it sent', async () => {
    const options = {
      ...DEFAULT_TRAFFIC,
      seed: 20261203,
      conversations: 20,
      dialoguesFile,
      handoffShare: 0.5,
      feedbackShare: 0.6,
    };
    const { summary } = await insightTraffic(options);
    expectConsistent(summary, options.conversations);
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
