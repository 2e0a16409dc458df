import { createHash } from 'node:crypto';
import { setImmediate as nextTick } from 'node:timers/promises';
import { IntentClassifier, type ClassifierSettings } from '../../intents/intent-classifier';
import { importClassifier, type TrainedClassifierExport } from '../../intents/trained-classifier-export';
import { trainingCorpusFrom } from '../../intents/training-corpus';
import { fingerprintOf, type KnowledgeFiles } from '../../knowledge/knowledge-files';
import { GuideSearch } from '../../knowledge/guide-search';
import { loadKnowledgeFromFiles, type KnowledgeBase } from '../../knowledge/load-knowledge-base';

/** One version of everything a turn reads: replaced whole, so a turn never mixes two versions. */
export interface KnowledgeSnapshot {
  readonly knowledge: KnowledgeBase;
  readonly guides: GuideSearch;
  readonly classifier: IntentClassifier;
  /** The published version's number; undefined when loaded from a folder outside the version store. */
  readonly version: number | undefined;
  /** Of the files it was built from (knowledge-files.ts); undefined when loaded from a folder. */
  readonly fingerprint: string | undefined;
  /** Of the training sentences the classifier learnt from: equal keys, interchangeable classifiers. */
  readonly corpusKey: string;
  /** Of the guides the guide search indexes: equal keys, interchangeable indexes. */
  readonly guidesKey: string;
}

/** The model trained for a version's files (bot/studio/model-export.ts). */
export interface TrainedModel {
  readonly fingerprint: string;
  readonly classifier: TrainedClassifierExport;
}

export function corpusKeyOf(knowledge: KnowledgeBase): string {
  return createHash('sha256')
    .update(JSON.stringify(trainingCorpusFrom(knowledge)))
    .digest('hex');
}

export function guidesKeyOf(knowledge: KnowledgeBase): string {
  return createHash('sha256').update(JSON.stringify(knowledge.guides)).digest('hex');
}

/**
 * A snapshot from a version's files, without training. When the training sentences are those of
 * `current` (an answer, a guide or a municipality changed, the common case), its classifier is
 * kept and no model is fetched or imported; else `model()` is imported. Likewise the guide index. Parsing yields between
 * files and the import between its parts, so the event loop goes on answering meanwhile.
 */
export async function snapshotFromFiles(
  files: KnowledgeFiles,
  model: () => Promise<TrainedModel>,
  {
    version,
    settings,
    current,
  }: { version: number | undefined; settings?: ClassifierSettings; current?: KnowledgeSnapshot },
): Promise<KnowledgeSnapshot & { readonly modelImported: boolean }> {
  const fingerprint = fingerprintOf(files);
  const knowledge = await loadKnowledgeFromFiles(files);
  const corpusKey = corpusKeyOf(knowledge);
  const guidesKey = guidesKeyOf(knowledge);
  await nextTick();
  // The guide index takes a few hundred milliseconds to build, in one piece: kept when the guides are.
  const guides = current && current.guidesKey === guidesKey ? current.guides : new GuideSearch(knowledge.guides);
  await nextTick();
  const keys = { version, fingerprint, corpusKey, guidesKey };
  if (current && current.corpusKey === corpusKey)
    return { knowledge, guides, classifier: current.classifier, ...keys, modelImported: false };
  const trained = await model();
  if (trained.fingerprint !== fingerprint)
    throw new Error(`the model for ${trained.fingerprint} does not belong to the files ${fingerprint}`);
  const classifier = new IntentClassifier(await importClassifier(trained.classifier), settings);
  return { knowledge, guides, classifier, ...keys, modelImported: true };
}
