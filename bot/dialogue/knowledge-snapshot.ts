import { setImmediate as nextTick } from 'node:timers/promises';
import { IntentClassifier, type ClassifierSettings } from '../../intents/intent-classifier';
import { importClassifier, type TrainedClassifierExport } from '../../intents/trained-classifier-export';
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
}

/**
 * A snapshot from a version's files and its trained model, without training: parsing yields between
 * files and the import between its parts, so the event loop goes on answering meanwhile.
 */
export async function snapshotFromExport(
  files: KnowledgeFiles,
  exported: TrainedClassifierExport,
  { version, settings }: { version: number | undefined; settings?: ClassifierSettings },
): Promise<KnowledgeSnapshot> {
  const knowledge = await loadKnowledgeFromFiles(files);
  await nextTick();
  const guides = new GuideSearch(knowledge.guides);
  await nextTick();
  const classifier = new IntentClassifier(await importClassifier(exported), settings);
  return { knowledge, guides, classifier, version, fingerprint: fingerprintOf(files) };
}
