import type { Redis } from 'ioredis';
import { RedisAuditLog } from '../studio/redis-audit-log';
import { RedisDraftStore } from '../studio/redis-draft-store';
import { RedisKnowledgeVersionStore } from '../studio/redis-knowledge-version-store';
import { RedisPresenceStore } from '../studio/redis-presence-store';
import type { StudioStorage } from './assemble-studio-storage';

/** The studio's data in Redis, on the given command connection (not owned: its creator closes it). */
export function createRedisStudioStorage(client: Redis, prefix?: string): StudioStorage {
  const options = { client, ...(prefix !== undefined ? { prefix } : {}) };
  return {
    versions: new RedisKnowledgeVersionStore(options),
    drafts: new RedisDraftStore(options),
    audit: new RedisAuditLog(options),
    presence: new RedisPresenceStore(options),
  };
}
