import type { KnowledgeBase } from '../../knowledge/load-knowledge-base';
import type { AssistantBot } from '../botframework/assistant-bot';
import type { Config } from '../runtime/config';
import type { ConversationStore } from '../conversations/conversation-store';
import { DirectLineChannel } from '../directline/directline-channel';
import { DirectLineTokens } from '../directline/directline-tokens';
import { createClientAddress } from '../http/client-address';
import { InMemoryRateLimiter, inMemoryRateLimits, type RateLimits } from '../http/rate-limiter';
import type { CitizenPresence } from '../handoff/citizen-presence';
import type { HandoffDesk } from '../handoff/handoff-desk';
import type { Logger } from '../runtime/logger';
import type { WebchatRouteParts } from '../webchat/webchat-routes';

/** How often an open stream renews its citizen's presence, at most. */
const PRESENCE_REFRESH_MS = 15_000;

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
  /** The citizens' presence (noted on every request) and the queue they leave with "Start forfra" or "Slet samtalen". */
  handoff?: { readonly presence: CitizenPresence; readonly desk: Pick<HandoffDesk, 'citizenLeft'> },
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
    ...(handoff
      ? {
          presence: {
            store: handoff.presence,
            // Several renewals per grace period, so one lost write never makes an open chat look gone.
            refreshMs: Math.min(PRESENCE_REFRESH_MS, (config.HANDOFF_CITIZEN_GRACE_SECONDS * 1000) / 4),
          },
        }
      : {}),
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
      ...(handoff
        ? { citizenLeft: (conversationId, reason, now) => handoff.desk.citizenLeft(conversationId, reason, now) }
        : {}),
    },
  };
}
