import type { KnowledgeBase } from '../knowledge/load-knowledge-base';
import type { AssistantBot } from './assistant-bot';
import type { Config } from './config';
import type { ConversationStore } from './conversations/conversation-store';
import { DirectLineChannel } from './directline/directline-channel';
import { DirectLineTokens } from './directline/directline-tokens';
import { RateLimiter } from './http/rate-limiter';
import type { Logger } from './logger';
import type { WebchatRouteParts } from './webchat/webchat-routes';

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
