import type { KnowledgeBase } from '../../knowledge/load-knowledge-base';
import type { AssistantBot } from '../botframework/assistant-bot';
import type { Config } from '../runtime/config';
import type { ConversationStore } from '../conversations/conversation-store';
import { DirectLineChannel } from '../directline/directline-channel';
import { DirectLineTokens } from '../directline/directline-tokens';
import { createClientAddress } from '../http/client-address';
import { InMemoryRateLimiter, inMemoryRateLimits, type RateLimits } from '../http/rate-limiter';
import type { Logger } from '../runtime/logger';
import type { WebchatRouteParts } from '../webchat/webchat-routes';

export interface WebchatChannel {
  readonly directLine: DirectLineChannel;
  readonly routes: WebchatRouteParts;
}

/**
 * Our Direct Line channel and the widget's routes over one conversation store. Rate limits come
 * from the storage (shared through Redis with REDIS_URL); in memory by default.
 */
export function assembleWebchat(
  config: Config,
  conversations: ConversationStore,
  bot: () => AssistantBot | undefined,
  knowledge: () => KnowledgeBase | undefined,
  logger: Logger,
  rateLimits: RateLimits = inMemoryRateLimits,
): WebchatChannel {
  const tokens = new DirectLineTokens(config.DIRECTLINE_TOKEN_SECRET, config.DIRECTLINE_TOKEN_TTL_SECONDS);
  const directLine = new DirectLineChannel({
    store: conversations,
    tokens,
    bot,
    logger,
    messageLimiter: rateLimits.limiter('messages', { perMinute: config.RATE_LIMIT_MESSAGES_PER_MINUTE }),
    // Per instance on purpose: typing costs one append and excess is dropped quietly, so a shared
    // count would add a Redis round trip per keystroke burst for no gain.
    typingLimiter: new InMemoryRateLimiter(config.RATE_LIMIT_TYPING_PER_MINUTE),
    ...(config.PUBLIC_BASE_URL ? { publicBaseUrl: config.PUBLIC_BASE_URL } : {}),
  });
  return {
    directLine,
    routes: {
      store: conversations,
      tokens,
      knowledge,
      conversationLimiter: rateLimits.limiter('conversations', {
        perMinute: config.RATE_LIMIT_CONVERSATIONS_PER_MINUTE,
        burst: config.RATE_LIMIT_CONVERSATIONS_PER_MINUTE,
      }),
      clientAddress: createClientAddress(config.TRUST_PROXY),
    },
  };
}
