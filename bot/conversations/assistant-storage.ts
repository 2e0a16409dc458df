import { MemoryStorage, type Storage } from 'botbuilder';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { ConversationStore } from './conversation-store';
import { InMemoryConversationStore } from './in-memory-conversation-store';

/** Where the assistant keeps conversations and bot state. */
export interface AssistantStorage {
  readonly conversations: ConversationStore;
  /** botbuilder state (eTag concurrency). */
  readonly botState: Storage;
  close(): Promise<void>;
}

/** In memory by default (one instance); Redis when REDIS_URL is set (several instances share it). */
export async function createStorage(config: Config, logger: Logger): Promise<AssistantStorage> {
  const retentionSeconds = Math.round(config.CONVERSATION_RETENTION_HOURS * 3600);
  if (!config.REDIS_URL) {
    const conversations = new InMemoryConversationStore(retentionSeconds);
    return { conversations, botState: new MemoryStorage(), close: () => conversations.close() };
  }
  // Loaded only when configured, so a single in-memory instance never touches ioredis.
  const { createRedisStorage } = await import('./redis-storage');
  return createRedisStorage(config.REDIS_URL, retentionSeconds, logger);
}
