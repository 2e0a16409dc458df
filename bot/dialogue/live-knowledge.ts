import { IntentClassifier, type ClassifierSettings } from '../../intents/intent-classifier';
import { trainInWorker } from '../../intents/train-in-worker';
import { trainingCorpusFrom } from '../../intents/training-corpus';
import { GuideSearch } from '../../knowledge/guide-search';
import { loadKnowledgeBase, type KnowledgeBase } from '../../knowledge/load-knowledge-base';

/** What the dialogue needs from the knowledge base at the moment of a turn. */
export interface KnowledgeSource {
  readonly knowledge: KnowledgeBase;
  readonly guides: GuideSearch;
  readonly classifier: Pick<IntentClassifier, 'classify'>;
}

interface Snapshot {
  readonly knowledge: KnowledgeBase;
  readonly guides: GuideSearch;
}

/**
 * The knowledge base as the running assistant sees it. `reload` validates and trains a new
 * version off the main thread and swaps it in whole; until then, and if it fails, the old
 * version keeps answering. This is the function the editor calls after publishing.
 */
export class LiveKnowledge implements KnowledgeSource {
  private constructor(
    private snapshot: Snapshot,
    readonly classifier: IntentClassifier,
    private readonly directory: string | undefined,
  ) {}

  /** With `trainingWorker`, training runs in that worker thread, so the event loop stays free meanwhile. */
  static async load(
    directory?: string,
    options: { settings?: ClassifierSettings; trainingWorker?: string } = {},
  ): Promise<LiveKnowledge> {
    const knowledge = await loadKnowledgeBase(directory);
    const corpus = trainingCorpusFrom(knowledge);
    const classifier = options.trainingWorker
      ? new IntentClassifier(await trainInWorker(corpus, options.trainingWorker), options.settings)
      : await IntentClassifier.train(corpus, options.settings);
    return new LiveKnowledge({ knowledge, guides: new GuideSearch(knowledge.guides) }, classifier, directory);
  }

  get knowledge(): KnowledgeBase {
    return this.snapshot.knowledge;
  }

  get guides(): GuideSearch {
    return this.snapshot.guides;
  }

  /** Throws KnowledgeBaseError (and keeps the current version) if the files on disk are invalid. */
  async reload(workerFile?: string): Promise<void> {
    const knowledge = await loadKnowledgeBase(this.directory);
    const corpus = trainingCorpusFrom(knowledge);
    const trained = await trainInWorker(corpus, workerFile);
    const guides = new GuideSearch(knowledge.guides);
    this.snapshot = { knowledge, guides };
    this.classifier.swap(trained);
  }
}
