import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { loadKnowledgeBase } from '../../knowledge/load-knowledge-base';
import { DIST } from '../support/project-paths';
import { runNode } from '../support/run-node';

const CLI = path.join(DIST, 'bot', 'evaluate-cli.js');
// Each run trains the classifier from the knowledge base: about 10 s on an idle 2-core machine, several
// times that when other suites train beside it. The limits are for a hang, not for speed (npm run bench).
const TRAINING_RUN = { timeoutMs: 240_000 };
const TEST_TIMEOUT = 600_000;

// A small labelled file written for this test (never lines from the evaluation set).
const LINES = [
  { text: 'jeg har mistet mit pas', intent: 'pas.mistet', lang: 'da', style: 'plain' },
  { text: 'hvornaar bliver skraldespanden toemt', intent: 'affald.toemning', lang: 'da', style: 'no-diacritics' },
  { text: 'how do I renew my passport', intent: 'pas.bestil', lang: 'en' },
  { text: 'hvad bliver vejret i weekenden', intent: 'None', lang: 'da', style: 'plain' },
];

const ReportSchema = z.object({
  inScopeAccuracy: z.number().min(0).max(1),
  noneRefusal: z.number().min(0).max(1),
  englishAccuracy: z.number().min(0).max(1),
  total: z.literal(LINES.length),
  predictions: z
    .array(z.object({ text: z.string(), expected: z.string(), predicted: z.string(), score: z.number() }))
    .length(LINES.length),
});

describe('npm run eval', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'eval-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'prints one JSON object with the documented fields',
    async () => {
      const file = path.join(dir, 'small.jsonl');
      await writeFile(file, `${LINES.map((l) => JSON.stringify(l)).join('\n')}\n`);
      const result = await runNode(CLI, [file, '--json'], TRAINING_RUN);
      expect(result.code).toBe(0);
      const report = ReportSchema.parse(JSON.parse(result.stdout));
      expect(report.predictions.find((p) => p.expected === 'None')?.predicted).toBe('None');
      expect(report.noneRefusal).toBe(1);
    },
    TEST_TIMEOUT,
  );

  it(
    'measures the two untuned baselines beside ours with --baselines',
    async () => {
      const file = path.join(dir, 'baselines.jsonl');
      await writeFile(file, `${LINES.map((l) => JSON.stringify(l)).join('\n')}\n`);
      const result = await runNode(CLI, [file, '--json', '--baselines'], TRAINING_RUN);
      expect(result.code).toBe(0);
      const Row = z.strictObject({
        name: z.string(),
        inScopeAccuracy: z.number().min(0).max(1),
        outOfScopeNotAnswered: z.number().min(0).max(1),
        englishAccuracy: z.number().min(0).max(1),
      });
      const { baselines } = z.object({ baselines: z.array(Row).length(3) }).parse(JSON.parse(result.stdout));
      expect(baselines.map((row) => row.name)).toEqual([
        'Borgerservice-assistenten',
        'TF-IDF + logistic regression (untuned)',
        'NLP.js, default settings (untuned)',
      ]);
    },
    TEST_TIMEOUT,
  );

  it(
    'prints a readable report with per-style accuracy',
    async () => {
      const file = path.join(dir, 'readable.jsonl');
      await writeFile(file, `${LINES.map((l) => JSON.stringify(l)).join('\n')}\n`);
      const result = await runNode(CLI, [file], TRAINING_RUN);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/In-scope top-1 accuracy/);
      expect(result.stdout).toMatch(/no-diacritics/);
    },
    TEST_TIMEOUT,
  );

  it(
    "measures the knowledge base's held-out check sentences with --checks",
    async () => {
      const knowledge = await loadKnowledgeBase();
      const checks = [...knowledge.intents.values(), knowledge.outOfScope].flatMap((part) => [
        ...(part.checks?.da ?? []),
        ...(part.checks?.en ?? []),
      ]);
      const result = await runNode(CLI, ['--checks', '--json'], TRAINING_RUN);
      expect(result.code).toBe(0);
      const report = ReportSchema.omit({ total: true, predictions: true })
        .extend({
          total: z.literal(checks.length),
          predictions: z.array(z.object({ expected: z.string(), lang: z.string() })),
        })
        .parse(JSON.parse(result.stdout));
      expect(report.predictions.some((p) => p.expected === 'None' && p.lang === 'en')).toBe(true);
      expect(report.inScopeAccuracy).toBeGreaterThan(0.5);

      const readable = await runNode(CLI, ['--checks'], TRAINING_RUN);
      expect(readable.stdout).toMatch(new RegExp(`^Check sentences: ${checks.length}$`, 'm'));
      expect(readable.stdout).toMatch(/Check sentences handled wrongly/);
    },
    TEST_TIMEOUT,
  );

  it(
    'measures a candidate policy and weights with --settings, and refuses a malformed one with code 2',
    async () => {
      const file = path.join(dir, 'settings.jsonl');
      await writeFile(file, `${LINES.map((l) => JSON.stringify(l)).join('\n')}\n`);
      const bad = path.join(dir, 'bad-settings.json');
      await writeFile(bad, JSON.stringify({ weights: { noneWieght: 2 } }));
      const refused = await runNode(CLI, [file, '--settings', bad], TRAINING_RUN);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/bad-settings\.json/);

      const candidate = path.join(dir, 'candidate.json');
      await writeFile(candidate, JSON.stringify({ weights: { voices: { network: 0 } }, policy: { minMargin: 0.05 } }));
      const result = await runNode(CLI, [file, '--json', '--settings', candidate], TRAINING_RUN);
      expect(result.code).toBe(0);
      expect(ReportSchema.parse(JSON.parse(result.stdout)).total).toBe(LINES.length);
    },
    TEST_TIMEOUT,
  );

  it(
    'names the line of a malformed file and exits with code 2',
    async () => {
      const file = path.join(dir, 'broken.jsonl');
      await writeFile(file, `${JSON.stringify(LINES[0])}\n{"text": "x", "intent": "pas.bestil", "lang": "de"}\n`);
      const result = await runNode(CLI, [file], TRAINING_RUN);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/broken\.jsonl:2: lang/);

      await writeFile(file, 'not json\n');
      expect((await runNode(CLI, [file], TRAINING_RUN)).stderr).toMatch(/broken\.jsonl:1: not valid JSON/);
      const missing = await runNode(CLI, [path.join(dir, 'nope.jsonl')], TRAINING_RUN);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/cannot read/);
      const usage = await runNode(CLI, ['--frobnicate'], TRAINING_RUN);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/usage: npm run eval/);
    },
    TEST_TIMEOUT,
  );

  it(
    'plays a file of dialogues through the dialogue and reports turns, follow-ups and facets',
    async () => {
      // Written for this test (never lines from the evaluation set).
      const dialogues = [
        {
          id: 't1',
          lang: 'da',
          turns: [
            { text: 'jeg skal have nyt pas', intent: 'pas.bestil' },
            { text: 'hvad koster det', intent: 'pas.bestil', facet: 'cost' },
            { text: 'kan du anbefale en pizza', intent: 'None' },
          ],
        },
        { id: 't2', lang: 'en', turns: [{ text: 'how do I renew my passport', intent: 'pas.bestil' }] },
      ];
      const file = path.join(dir, 'dialogues.jsonl');
      await writeFile(file, `${dialogues.map((d) => JSON.stringify(d)).join('\n')}\n`);
      const result = await runNode(CLI, [file, '--json'], TRAINING_RUN);
      expect(result.code).toBe(0);
      const Turn = z.strictObject({
        text: z.string(),
        expected: z.string(),
        predicted: z.string(),
        expectedFacet: z.string().nullable(),
        predictedFacet: z.string().nullable(),
      });
      const report = z
        .object({
          dialogues: z.array(z.object({ id: z.string(), turns: z.array(Turn) })).length(2),
          turnAccuracy: z.number().min(0).max(1),
          followUpAccuracy: z.number().min(0).max(1),
          facetAccuracy: z.number().min(0).max(1),
        })
        .parse(JSON.parse(result.stdout));
      expect(report.dialogues[0]?.turns[1]).toEqual({
        text: 'hvad koster det',
        expected: 'pas.bestil',
        predicted: 'pas.bestil',
        expectedFacet: 'cost',
        predictedFacet: 'cost',
      });
      expect(report.dialogues[0]?.turns[2]?.predicted).toBe('None');
      expect(report.facetAccuracy).toBe(1);

      const readable = await runNode(CLI, [file], TRAINING_RUN);
      expect(readable.stdout).toMatch(/Follow-up accuracy/);
      const mixed = await runNode(CLI, [file, '--baselines'], TRAINING_RUN);
      expect(mixed.code).toBe(2);
      expect(mixed.stderr).toMatch(/single messages/);
      await writeFile(file, '{"id":"x","lang":"da","turns":[{"text":"hej","intent":"hilsen","facet":"price"}]}\n');
      const bad = await runNode(CLI, [file], TRAINING_RUN);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/dialogues\.jsonl:1: turns\.0\.facet/);
    },
    TEST_TIMEOUT,
  );
});
