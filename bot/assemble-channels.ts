import type { Storage } from 'botbuilder';
import { MemoryStorage } from 'botbuilder';
import type { KnowledgeBase } from '../knowledge/load-knowledge-base';
import type { AssistantBot } from './assistant-bot';
import type { Config } from './config';
import type { ConversationStore } from './conversations/conversation-store';
import { InMemoryConversationStore } from './conversations/in-memory-conversation-store';
import { DirectLineChannel } from './directline/directline-channel';
import { DirectLineTokens } from './directline/directline-tokens';
import { RateLimiter } from './http/rate-limiter';
import type { Logger } from './logger';
import type { WebchatRouteParts } from './webchat/webchat-routes';

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
  const { createRedisStorage } = await import('./conversations/redis-storage');
  return createRedisStorage(config.REDIS_URL, retentionSeconds, logger);
}

export interface WebchatChannel {
  readonly directLine: DirectLineChannel;
  readonly routes: WebchatRouteParts;
}

/** Our Direct Line channel and the widget's routes over one conversation store. */
export function assembleWebchat(
  config: Config,
  conversations: ConversationStore,
  bot: () => AssistantBot | undefined,
  knowledge: () => KnowledgeBase | undefined,
  logger: Logger,
): WebchatChannel {
  const tokens = new DirectLineTokens(config.DIRECTLINE_TOKEN_SECRET, config.DIRECTLINE_TOKEN_TTL_SECONDS);
  const directLine = new DirectLineChannel({
    store: conversations,
    tokens,
    bot,
    logger,
    messageLimiter: new RateLimiter(config.RATE_LIMIT_MESSAGES_PER_MINUTE),
    ...(config.PUBLIC_BASE_URL ? { publicBaseUrl: config.PUBLIC_BASE_URL } : {}),
  });
  return {
    directLine,
    routes: { store: conversations, tokens, knowledge, conversationLimiter: new RateLimiter(config.RATE_LIMIT_CONVERSATIONS_PER_MINUTE, config.RATE_LIMIT_CONVERSATIONS_PER_MINUTE) },
  };
}
