/**
 * The shipped knowledge base's classifier, trained once and shared by the suites that need the real
 * model: the NLP.js network's export is kept in the temp folder under a hash of the training corpus,
 * the understanding code and the lock file, so a suite that finds it loads in about a second instead
 * of training for most of a minute (the quick softmax regression is trained each time). Suites running at the same time wait for the one that trains.
 */
import { createHash } from 'node:crypto';
import { open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { assembleClassifier, IntentClassifier } from '../../intents/intent-classifier';
import { LogisticRegressionIntentModel } from '../../intents/logistic-regression-intent-model';
import { NlpJsIntentModel } from '../../intents/nlpjs-intent-model';
import { trainingCorpusFrom, type TrainingCorpus } from '../../intents/training-corpus';
import { shippedKnowledge } from './stub-knowledge-source';

const ROOT = path.join(__dirname, '..', '..');
/** A lock older than this belongs to a run that died while training. */
const STALE_LOCK_MS = 5 * 60_000;

export interface SharedClassifier {
  readonly classifier: IntentClassifier;
  readonly corpus: TrainingCorpus;
}

export async function sharedTrainedClassifier(): Promise<SharedClassifier> {
  const corpus = trainingCorpusFrom(await shippedKnowledge());
  const file = path.join(os.tmpdir(), `bsa-test-classifier-${await versionOf(corpus)}.json`);
  const exported = await readOrTrain(file, async () => (await NlpJsIntentModel.train(corpus)).export());
  // The regression trains in a few seconds; only the network, which takes most of a minute, is kept.
  const network = NlpJsIntentModel.fromExport(exported);
  return {
    classifier: new IntentClassifier(assembleClassifier(network, LogisticRegressionIntentModel.train(corpus), corpus)),
    corpus,
  };
}

/** What the trained network depends on: the corpus, the code that trains it, the installed packages. */
async function versionOf(corpus: TrainingCorpus): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(corpus));
  for (const folder of ['intents', 'text']) {
    const names = (await readdir(path.join(ROOT, folder), { recursive: true }))
      .filter((name) => name.endsWith('.ts'))
      .sort();
    for (const name of names) hash.update(name).update(await readFile(path.join(ROOT, folder, name)));
  }
  hash.update(await readFile(path.join(ROOT, 'package-lock.json')));
  return hash.digest('hex').slice(0, 16);
}

async function readOrTrain(file: string, train: () => Promise<string>): Promise<string> {
  const lock = `${file}.lock`;
  for (;;) {
    const cached = await readIfThere(file);
    if (cached !== undefined) return cached;
    const held = await open(lock, 'wx').catch((error: unknown) => {
      if (isCode(error, 'EEXIST')) return undefined;
      throw error;
    });
    if (held) {
      try {
        const exported = await train();
        const partial = `${file}.${process.pid}.partial`;
        await writeFile(partial, exported, 'utf8');
        await rename(partial, file); // whole or not at all, for the suites reading it
        return exported;
      } finally {
        await held.close();
        await rm(lock, { force: true });
      }
    }
    // Another suite is training: wait for its file, or take over if it died.
    const age = await stat(lock).then(
      (info) => Date.now() - info.mtimeMs,
      () => 0,
    );
    if (age > STALE_LOCK_MS) await rm(lock, { force: true });
    else await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function readIfThere(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined;
    throw error;
  }
}

/** Not `instanceof Error`: Node's errors come from another realm than jest's test context. */
function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}
