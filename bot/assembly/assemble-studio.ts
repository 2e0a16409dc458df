import path from 'node:path';
import { readKnowledgeFiles, writeKnowledgeFiles } from '../../knowledge/knowledge-files';
import { DEFAULT_KNOWLEDGE_DIRECTORY, projectRoot, type KnowledgeBase } from '../../knowledge/load-knowledge-base';
import type { LiveKnowledge } from '../dialogue/live-knowledge';
import type { Config } from '../runtime/config';
import type { Logger } from '../runtime/logger';
import type { StaffDirectory } from '../staff/staff-directory';
import type { StaffSessionStore } from '../staff/staff-session-store';
import { DiskKnowledgeVersionStore } from '../studio/disk-knowledge-version-store';
import { InMemoryAuditLog } from '../studio/in-memory-audit-log';
import { InMemoryDraftStore } from '../studio/in-memory-draft-store';
import type { StudioRouteParts } from '../studio/studio-routes';
import { StudioWorkspace } from '../studio/studio-workspace';
import type { UnansweredStore } from '../unanswered/unanswered-store';

/** Where the studio keeps its data without Redis. */
export function studioDataDirectory(config: Pick<Config, 'STUDIO_DATA_DIR'>): string {
  return config.STUDIO_DATA_DIR ?? path.join(projectRoot(__dirname), 'studio-data');
}

/**
 * The knowledge studio on one server without Redis: versions on disk under STUDIO_DATA_DIR, seeded
 * from the knowledge folder as version 1; a publish writes the folder (the working copy) and
 * reloads this instance's knowledge.
 */
export async function assembleStudio(
  config: Pick<Config, 'STUDIO_DATA_DIR' | 'KNOWLEDGE_DIR' | 'PUBLIC_BASE_URL'>,
  parts: {
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
  const versions = new DiskKnowledgeVersionStore(path.join(studioDataDirectory(config), 'knowledge'));
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
  const workspace = new StudioWorkspace(versions, new InMemoryDraftStore());
  return {
    directory: parts.directory,
    sessions: parts.sessions,
    workspace,
    audit: new InMemoryAuditLog(),
    ...(parts.unanswered ? { unanswered: parts.unanswered } : {}),
    knowledge: parts.knowledge,
    logger: parts.logger,
    secureCookies: config.PUBLIC_BASE_URL?.startsWith('https:') ?? false,
    publish: async (publication, basedOn) => {
      const version = await versions.publish(publication, basedOn);
      await writeKnowledgeFiles(knowledgeDirectory, version.files);
      await parts.live()?.reload(parts.trainingWorker);
      return version;
    },
  };
}
