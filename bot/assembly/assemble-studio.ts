import { readKnowledgeFiles, writeKnowledgeFiles } from '../../knowledge/knowledge-files';
import { DEFAULT_KNOWLEDGE_DIRECTORY, type KnowledgeBase } from '../../knowledge/load-knowledge-base';
import type { LiveKnowledge } from '../dialogue/live-knowledge';
import type { Config } from '../runtime/config';
import type { Logger } from '../runtime/logger';
import type { StaffDirectory } from '../staff/staff-directory';
import type { StaffSessionStore } from '../staff/staff-session-store';
import type { StudioRouteParts } from '../studio/studio-routes';
import { DraftTrials } from '../studio/draft-trials';
import { StudioWorkspace } from '../studio/studio-workspace';
import { IntentClassifier } from '../../intents/intent-classifier';
import { trainInWorker } from '../../intents/train-in-worker';
import type { UnansweredStore } from '../unanswered/unanswered-store';
import type { StudioStorage } from './assemble-studio-storage';

/**
 * The knowledge studio over the studio's storage. An empty version history is seeded from the
 * knowledge folder as version 1. Without Redis, a publish also writes the folder (the working
 * copy, reviewable in Git) and reloads this instance's knowledge.
 */
export async function assembleStudio(
  config: Pick<Config, 'KNOWLEDGE_DIR' | 'PUBLIC_BASE_URL' | 'REDIS_URL'>,
  parts: {
    readonly storage: StudioStorage;
    readonly directory: StaffDirectory;
    readonly sessions: StaffSessionStore;
    readonly unanswered?: UnansweredStore;
    readonly knowledge: () => KnowledgeBase | undefined;
    readonly live: () => LiveKnowledge | undefined;
    readonly trainingWorker?: string;
    readonly logger: Logger;
  },
): Promise<StudioRouteParts> {
  const knowledgeDirectory = config.KNOWLEDGE_DIR ?? DEFAULT_KNOWLEDGE_DIRECTORY;
  const { versions, drafts, audit } = parts.storage;
  if (!(await versions.latest())) {
    const seeded = await versions.publish(
      {
        files: await readKnowledgeFiles(knowledgeDirectory),
        author: 'system',
        comment: 'Første version fra vidensmappen',
      },
      0,
    );
    parts.logger.info({ version: seeded.number }, 'knowledge studio: first version taken from the knowledge folder');
  }
  return {
    directory: parts.directory,
    sessions: parts.sessions,
    workspace: new StudioWorkspace(versions, drafts),
    audit,
    ...(parts.unanswered ? { unanswered: parts.unanswered } : {}),
    knowledge: parts.knowledge,
    live: parts.live,
    trials: new DraftTrials(async (corpus) => new IntentClassifier(await trainInWorker(corpus, parts.trainingWorker))),
    logger: parts.logger,
    secureCookies: config.PUBLIC_BASE_URL?.startsWith('https:') ?? false,
    publish: async (publication, basedOn) => {
      const version = await versions.publish(publication, basedOn);
      if (!config.REDIS_URL) await writeKnowledgeFiles(knowledgeDirectory, version.files);
      await parts.live()?.reload(parts.trainingWorker);
      return version;
    },
  };
}
