import type { Logger } from '../runtime/logger';
import { createRedisClients } from '../storage/redis-connection';
import { RedisKnowledgeAnnouncer } from '../studio/redis-knowledge-announcer';
import { RedisKnowledgeVersionStore } from '../studio/redis-knowledge-version-store';
import { RedisModelExportStore } from '../studio/redis-model-export-store';

/**
 * A model is 15–35 MB: on a busy machine reading it took longer than the citizens' 2-second command
 * timeout, and start-up failed (a browser test with four instances starting at once saw it).
 */
const KNOWLEDGE_COMMAND_TIMEOUT_MS = 60_000;

/**
 * Versions, models and announcements in Redis, on connections of their own: a 15 MB model read
 * must not queue behind (or ahead of) citizens' conversation commands.
 */
export async function createRedisKnowledgeStores(
  url: string,
  logger: Logger,
  onUnusable: (fingerprint: string, reason: string) => void,
) {
  const { client, subscriber } = await createRedisClients(url, {
    commandTimeoutMs: KNOWLEDGE_COMMAND_TIMEOUT_MS,
    onError: (error, connection) =>
      logger.warn({ err: { message: error.message }, connection }, 'redis connection error (knowledge)'),
  });
  const announcer = new RedisKnowledgeAnnouncer({
    client,
    subscriber,
    onError: (error) => logger.warn({ err: { message: error.message } }, 'knowledge announcements error'),
  });
  return {
    versions: new RedisKnowledgeVersionStore({ client }),
    models: new RedisModelExportStore({ client, onUnusable }),
    announcer,
    close: async () => {
      await client.quit().catch((error: unknown) => {
        logger.warn({ err: { message: String(error) } }, 'closing the knowledge Redis connection failed');
        client.disconnect();
      });
    },
  };
}
