import type { Redis } from 'ioredis';
import path from 'node:path';
import { projectRoot } from '../../knowledge/load-knowledge-base';
import type { Config } from '../runtime/config';
import type { Logger } from '../runtime/logger';
import type { AuditLog } from '../studio/audit-log';
import { DiskAuditLog } from '../studio/disk-audit-log';
import { DiskDraftStore } from '../studio/disk-draft-store';
import { DiskKnowledgeVersionStore } from '../studio/disk-knowledge-version-store';
import type { DraftStore } from '../studio/draft-store';
import type { KnowledgeVersionStore } from '../studio/knowledge-version-store';
import { InMemoryPresenceStore } from '../studio/in-memory-presence-store';
import type { PresenceStore } from '../studio/presence-store';

/**
 * What the knowledge studio keeps: the shared draft, the audit log and every published version;
 * and, only for the moment, which editors have which file open.
 */
export interface StudioStorage {
  readonly drafts: DraftStore;
  readonly audit: AuditLog;
  readonly versions: KnowledgeVersionStore;
  readonly presence: PresenceStore;
}

/** STUDIO_DATA_DIR, or `studio-data/` in the project folder (git-ignored). */
export function studioDataDirectory(config: Pick<Config, 'STUDIO_DATA_DIR'>): string {
  return path.resolve(config.STUDIO_DATA_DIR ?? path.join(projectRoot(__dirname), 'studio-data'));
}

/**
 * The studio's data on disk, for a deployment without Redis: `<dir>/versions` and `<dir>/blobs`
 * (the published versions), `<dir>/drafts` (one file per changed knowledge file) and
 * `<dir>/audit.jsonl`. Nothing is written until something is saved.
 */
export function createDiskStudioStorage(directory: string, logger?: Logger): StudioStorage {
  return {
    versions: new DiskKnowledgeVersionStore(directory),
    drafts: new DiskDraftStore(path.join(directory, 'drafts')),
    audit: new DiskAuditLog(directory, logger ? { onWarning: (message) => logger.warn(message) } : {}),
    // Ephemeral: without Redis there is one instance, and who has a file open need not survive it.
    presence: new InMemoryPresenceStore(),
  };
}

/**
 * In Redis when a command connection is given (REDIS_URL: shared by every instance, survives a
 * restart with appendonly yes), otherwise on disk under STUDIO_DATA_DIR. The Redis stores are
 * loaded only then, so a deployment without Redis never loads ioredis.
 */
export async function createStudioStorage(
  config: Pick<Config, 'STUDIO_DATA_DIR'>,
  redisClient?: Redis,
  logger?: Logger,
): Promise<StudioStorage> {
  if (!redisClient) return createDiskStudioStorage(studioDataDirectory(config), logger);
  const { createRedisStudioStorage } = await import('./assemble-redis-studio-storage');
  return createRedisStudioStorage(redisClient);
}
