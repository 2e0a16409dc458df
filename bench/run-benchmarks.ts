/**
 * `npm run bench`: how fast the assistant understands and learns.
 *  - training time for the whole knowledge base (NLP.js network + softmax regression + n-gram model), in
 *    process and in a worker, and the softmax regression's share of it;
 *  - classification latency per message (median, p99; target ≤ 1 ms and ≤ 5 ms) over the training sentences
 *    and some unknown text, and over the evaluation messages (../shared/eval/dev.jsonl, timing only);
 *  - the longest main-thread stall while a retraining runs in a worker (the event loop must keep serving).
 *  - the Direct Line load test (bench/directline-load.ts; skip it with --no-load).
 *  - click → greeting in Chromium, precompressed and not (bench/webchat-greeting.ts; skip it with --no-browser).
 *  - a published version going live on two instances under load (bench/knowledge-switch.ts; skip it with
 *    --no-switch, run only it with --only-switch [--rate 60] [--seconds 24]).
 *  - what recording insight events adds to a turn, in memory and in Redis (bench/insight-recording.ts;
 *    target < 0.2 ms median; run only it with --only-insight).
 *  - only with --only-insight-traffic [--seed 12] [--traffic-conversations 40] [--dialogues FILE]: the
 *    seeded insight traffic (bench/insight-traffic.ts), printed as a JSON summary of what it sent.
 * Numbers are printed, not asserted: they depend on the machine.
 */
import { performance } from 'node:perf_hooks';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readLabelledMessages } from '../intents/evaluation/labelled-message';
import { IntentClassifier } from '../intents/intent-classifier';
import { LogisticRegressionIntentModel } from '../intents/logistic-regression-intent-model';
import { trainExportInWorker } from '../intents/train-in-worker';
import { importClassifier } from '../intents/trained-classifier-export';
import { trainingCorpusFrom } from '../intents/training-corpus';
import { loadKnowledgeBase } from '../knowledge/load-knowledge-base';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { directLineLoad } from './directline-load';
import { insightRecording } from './insight-recording';
import { DEFAULT_TRAFFIC, insightTraffic } from './insight-traffic';
import { knowledgeSwitch } from './knowledge-switch';
import { longestEventLoopStall } from './longest-event-loop-stall';
import { webchatGreeting } from './webchat-greeting';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      load: { type: 'boolean', default: true },
      'no-load': { type: 'boolean', default: false },
      conversations: { type: 'string', default: '200' },
      messages: { type: 'string', default: '5' },
      browser: { type: 'boolean', default: true },
      'no-browser': { type: 'boolean', default: false },
      'greeting-runs': { type: 'string', default: '7' },
      'only-browser': { type: 'boolean', default: false },
      'no-switch': { type: 'boolean', default: false },
      'only-switch': { type: 'boolean', default: false },
      'only-insight': { type: 'boolean', default: false },
      rate: { type: 'string', default: '60' },
      seconds: { type: 'string', default: '24' },
      'only-insight-traffic': { type: 'boolean', default: false },
      seed: { type: 'string', default: String(DEFAULT_TRAFFIC.seed) },
      'traffic-conversations': { type: 'string', default: String(DEFAULT_TRAFFIC.conversations) },
      dialogues: { type: 'string', default: DEFAULT_TRAFFIC.dialoguesFile },
    },
  });
  if (values['only-insight-traffic']) {
    const { summary } = await insightTraffic({
      ...DEFAULT_TRAFFIC,
      seed: z.coerce.number().int().min(0).parse(values.seed),
      conversations: z.coerce.number().int().min(1).max(10_000).parse(values['traffic-conversations']),
      dialoguesFile: values.dialogues,
    });
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  const knowledgeSwitchBench = async () =>
    process.stdout.write(`${(await knowledgeSwitch(Number(values.rate), Number(values.seconds))).join('\n')}\n`);
  if (values['only-switch']) {
    await knowledgeSwitchBench();
    return;
  }
  const insightBench = async () => process.stdout.write(`${(await insightRecording()).join('\n')}\n`);
  if (values['only-insight']) {
    await insightBench();
    return;
  }
  if (values['only-browser']) {
    process.stdout.write(`${(await webchatGreeting(Number(values['greeting-runs']))).join('\n')}\n`);
    return;
  }
  await classifierBenchmarks();
  await insightBench();
  if (values.browser && !values['no-browser']) {
    process.stdout.write(`${(await webchatGreeting(Number(values['greeting-runs']))).join('\n')}\n`);
  }
  if (values.load && !values['no-load']) {
    const lines = await directLineLoad(Number(values.conversations), Number(values.messages));
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  if (!values['no-switch']) await knowledgeSwitchBench();
}

async function classifierBenchmarks(): Promise<void> {
  const knowledge = await loadKnowledgeBase();
  const corpus = trainingCorpusFrom(knowledge);
  const sentences = corpus.da.length + corpus.en.length;

  let started = performance.now();
  const classifier = await IntentClassifier.train(corpus);
  const inProcess = performance.now() - started;

  started = performance.now();
  const { result: exported, longestStallMs: trainingStall } = await longestEventLoopStall(() =>
    trainExportInWorker(corpus),
  );
  const inWorker = performance.now() - started;
  // The switch: importing the worker's model and swapping it in, the timer turn after it included.
  let importing = 0;
  const { longestStallMs: switchStall } = await longestEventLoopStall(async () => {
    const importStarted = performance.now();
    classifier.swap(await importClassifier(exported));
    importing = performance.now() - importStarted;
  });

  started = performance.now();
  LogisticRegressionIntentModel.train(corpus);
  const logisticTraining = performance.now() - started;

  const messages = [
    ...corpus.da.map((e) => ({ text: e.text, language: 'da' as const })),
    ...corpus.en.map((e) => ({ text: e.text, language: 'en' as const })),
    ...Array.from({ length: 200 }, (_, i) => ({
      text: `ukendt tekst nummer ${i} om ${'ord'.repeat((i % 7) + 1)}`,
      language: 'da' as const,
    })),
  ];
  for (const m of messages.slice(0, 100)) await classifier.classify(m.text, m.language); // warm-up
  const latency = async (batch: readonly { text: string; language: 'da' | 'en' }[]) => {
    const latencies: number[] = [];
    for (const m of batch) {
      const t = performance.now();
      await classifier.classify(m.text, m.language);
      latencies.push(performance.now() - t);
    }
    latencies.sort((a, b) => a - b);
    const verdict = percentile(latencies, 50) <= 1 && percentile(latencies, 99) <= 5 ? 'within' : 'OUTSIDE';
    return `median ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies[latencies.length - 1] ?? 0)} (${verdict} the 1 ms / 5 ms target)`;
  };
  const overTraining = await latency(messages);
  const evaluationFile = path.join(__dirname, '..', '..', '..', 'shared', 'eval', 'dev.jsonl');
  const evaluation = existsSync(evaluationFile)
    ? (await readLabelledMessages(evaluationFile)).map((m) => ({ text: m.text, language: m.lang }))
    : [];
  const overEvaluation = evaluation.length > 0 ? await latency(evaluation) : 'no ../shared/eval/dev.jsonl';

  const lines = [
    `Knowledge base: ${knowledge.intents.size} intents, ${sentences} training sentences, ${knowledge.guides.length} guides`,
    `Training (in process, blocks the event loop): ${ms(inProcess)}`,
    `Training (worker thread, indexes included):   ${ms(inWorker)}`,
    `  of which the softmax regression alone:       ${ms(logisticTraining)} (trained on its own, in process)`,
    `Longest event-loop stall during worker training: ${ms(trainingStall)}`,
    `Importing the trained model and swapping it in: ${ms(importing)}; longest event-loop stall ${ms(switchStall)}`,
    `Classification over ${messages.length} training and unknown messages: ${overTraining}`,
    `Classification over ${evaluation.length} evaluation messages: ${overEvaluation}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
