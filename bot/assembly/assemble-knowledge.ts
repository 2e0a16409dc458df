import type { Config } from '../runtime/config';
import { studioDataDirectory } from './assemble-studio-storage';
import type { Logger } from '../runtime/logger';
import { LiveKnowledge } from '../dialogue/live-knowledge';
import { fingerprintOf, readKnowledgeFiles, writeKnowledgeFiles } from '../../knowledge/knowledge-files';
import { DEFAULT_KNOWLEDGE_DIRECTORY } from '../../knowledge/load-knowledge-base';
import { DiskKnowledgeVersionStore } from '../studio/disk-knowledge-version-store';
import { DiskModelExportStore } from '../studio/disk-model-export-store';
import { InProcessKnowledgeAnnouncer, type KnowledgeAnnouncer } from '../studio/knowledge-announcer';
import { KnowledgeFollower } from '../studio/knowledge-follower';
import { KnowledgePublisher } from '../studio/knowledge-publisher';
import { KnowledgeTrainer } from '../studio/knowledge-trainer';
import type { KnowledgeVersion } from '../studio/knowledge-version';
import { VersionConflictError, type KnowledgeVersionStore } from '../studio/knowledge-version-store';
import type { ModelExport } from '../studio/model-export';
import type { ModelExportStore } from '../studio/model-export-store';

/** What the studio routes need, and what the dialogue answers from. */
export interface AssembledKnowledge {
  readonly live: LiveKnowledge;
  readonly versions: KnowledgeVersionStore;
  readonly models: ModelExportStore;
  readonly publisher: KnowledgePublisher;
  readonly follower: KnowledgeFollower;
  close(): Promise<void>;
}

interface Stores {
  readonly versions: KnowledgeVersionStore;
  readonly models: ModelExportStore;
  readonly announcer: KnowledgeAnnouncer;
  /** Disk mode: the knowledge folder is the working copy, kept equal to the newest version. */
  readonly workingCopy: boolean;
  readonly close: () => Promise<void>;
}

/**
 * The knowledge base from the version store. With REDIS_URL the versions live in Redis, shared by
 * every instance, and the knowledge folder only seeds an empty store. Without, they live on disk
 * in STUDIO_DATA_DIR and the folder is the working copy: edited outside the studio, it is
 * published as a new version at start, and each publish is written back to it. The newest
 * version's stored model is used when there is one, so only the first instance trains.
 */
export async function assembleKnowledge(
  config: Pick<Config, 'KNOWLEDGE_DIR' | 'STUDIO_DATA_DIR' | 'REDIS_URL'>,
  logger: Logger,
  options: { trainingWorker?: string } = {},
): Promise<AssembledKnowledge> {
  const folder = config.KNOWLEDGE_DIR ?? DEFAULT_KNOWLEDGE_DIRECTORY;
  const stores = await createStores(config, logger);
  const { versions, models, announcer } = stores;
  const trainer = new KnowledgeTrainer(options.trainingWorker);
  const publisher = new KnowledgePublisher({ versions, models, announcer, trainer });
  const started = Date.now();

  let latest = await versions.latest();
  if (!latest || (stores.workingCopy && fingerprintOf(await readKnowledgeFiles(folder)) !== latest.fingerprint)) {
    const files = await readKnowledgeFiles(folder);
    const comment = latest ? 'edited in the knowledge folder outside the studio' : 'seeded from the knowledge folder';
    try {
      latest = await publisher.publish(files, { author: 'system', comment }, latest?.number ?? 0);
      logger.info({ version: latest.number, comment }, 'knowledge: published the knowledge folder');
    } catch (error) {
      // Another instance seeded (or published) at the same moment: start from theirs.
      if (!(error instanceof VersionConflictError)) throw error;
      latest = await versions.latest();
    }
  }
  if (!latest) throw new Error('knowledge history: no version after seeding');
  const storedModel = await models.get(latest.fingerprint);
  const model = storedModel ?? (await trainAndStore(trainer, models, latest));
  const live = await LiveKnowledge.fromVersion(latest, model, { directory: folder });
  logger.info(
    { version: latest.number, trained: !storedModel, ms: Date.now() - started },
    storedModel ? 'knowledge: version loaded with its stored model' : 'knowledge: version loaded and trained',
  );

  const follower = new KnowledgeFollower({
    live,
    versions,
    models,
    announcer,
    trainer,
    logger,
    ...(stores.workingCopy
      ? { onSwitched: (version: KnowledgeVersion) => writeKnowledgeFiles(folder, version.files) }
      : {}),
  });
  follower.start();
  return {
    live,
    versions,
    models,
    publisher,
    follower,
    close: async () => {
      await follower.stop();
      await announcer.close();
      await stores.close();
    },
  };
}

async function trainAndStore(
  trainer: KnowledgeTrainer,
  models: ModelExportStore,
  version: KnowledgeVersion,
): Promise<ModelExport> {
  const { model } = await trainer.train(version.files);
  await models.put(model);
  return model;
}

async function createStores(config: Pick<Config, 'STUDIO_DATA_DIR' | 'REDIS_URL'>, logger: Logger): Promise<Stores> {
  const onUnusable = (fingerprint: string, reason: string) =>
    logger.warn({ fingerprint, reason }, 'knowledge: stored model not usable; training instead');
  if (!config.REDIS_URL) {
    const directory = studioDataDirectory(config);
    return {
      versions: new DiskKnowledgeVersionStore(directory),
      models: new DiskModelExportStore(directory, onUnusable),
      announcer: new InProcessKnowledgeAnnouncer(),
      workingCopy: true,
      close: async () => undefined,
    };
  }
  // Loaded only when configured, so a single in-memory instance never touches ioredis.
  const { createRedisKnowledgeStores } = await import('./assemble-redis-knowledge');
  return { ...(await createRedisKnowledgeStores(config.REDIS_URL, logger, onUnusable)), workingCopy: false };
}
