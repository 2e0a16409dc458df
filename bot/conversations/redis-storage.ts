import type { AssistantStorage } from './assistant-storage';
import type { Logger } from '../logger';
import { RedisBotStorage } from './redis-bot-storage';
import { createRedisClients } from './redis-connection';
import { RedisConversationStore } from './redis-conversation-store';

/**
 * Conversations and bot state in one Redis, shared by every instance. Connection errors are
 * logged (without the URL, which may hold a password); requests fail fast while Redis is down.
 */
export async function createRedisStorage(url: string, retentionSeconds: number, logger: Logger): Promise<AssistantStorage> {
  const { client, subscriber } = await createRedisClients(url, {
    onError: (error, connection) => logger.warn({ err: { message: error.message }, connection }, 'redis connection error'),
  });
  const conversations = new RedisConversationStore({
    client,
    subscriber,
    retentionSeconds,
    onError: (error) => logger.warn({ err: { message: error.message } }, 'redis conversation store error'),
  });
  return { conversations, botState: new RedisBotStorage({ client, retentionSeconds }), close: () => conversations.close() };
}
