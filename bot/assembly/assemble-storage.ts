import { MemoryStorage, type Storage } from 'botbuilder';
import type { Config } from '../runtime/config';
import { InMemoryFeedbackStore, type FeedbackStore } from '../feedback/feedback-store';
import type { CallbackRequestStore } from '../handoff/callback-request-store';
import type { HandoffQueue } from '../handoff/handoff-queue';
import { InMemoryCallbackRequestStore } from '../handoff/in-memory-callback-request-store';
import { InMemoryHandoffQueue } from '../handoff/in-memory-handoff-queue';
import { InMemoryStaffNotes, type StaffNotes } from '../handoff/staff-notes';
import { inMemoryRateLimits, type RateLimits } from '../http/rate-limiter';
import type { Logger } from '../runtime/logger';
import { InMemorySignInThrottle } from '../staff/in-memory-sign-in-throttle';
import { InMemoryStaffSessionStore } from '../staff/in-memory-staff-session-store';
import type { SignInThrottle } from '../staff/sign-in-throttle';
import type { StaffSessionStore } from '../staff/staff-session-store';
import { ErasingConversationStore } from './conversation-eraser';
import type { ConversationStore } from '../conversations/conversation-store';
import type { StoreHealth } from '../storage/store-health';
import { InMemoryConversationStore } from '../conversations/in-memory-conversation-store';

/** Where the assistant keeps everything that outlives a request. */
export interface AssistantStorage {
  readonly conversations: ConversationStore;
  /** botbuilder state (eTag concurrency). */
  readonly botState: Storage;
  readonly handoffQueue: HandoffQueue;
  readonly callbacks: CallbackRequestStore;
  readonly notes: StaffNotes;
  readonly staffSessions: StaffSessionStore;
  readonly signInThrottle: SignInThrottle;
  /** The citizens' rate limits (new conversations, messages): shared by every instance with Redis. */
  readonly rateLimits: RateLimits;
  /** 👍/👎 and satisfaction answers: shared by every instance with Redis. */
  readonly feedback: FeedbackStore;
  /** Whether Redis answers (for /readyz); absent in memory mode. */
  readonly health?: () => Promise<StoreHealth>;
  close(): Promise<void>;
}

/** The settings every store takes, derived from the configuration. */
export interface StorageSettings {
  readonly retentionSeconds: number;
  readonly callbackRetentionSeconds: number;
  readonly session: { readonly idleSeconds: number; readonly absoluteSeconds: number };
  readonly signIn: { readonly freeFailures: number; readonly freeFailuresByKind: Readonly<Record<string, number>> };
}

export function storageSettings(config: Config): StorageSettings {
  return {
    retentionSeconds: Math.max(1, Math.round(config.CONVERSATION_RETENTION_HOURS * 3600)),
    callbackRetentionSeconds: config.CALLBACK_RETENTION_HOURS * 3600,
    session: {
      idleSeconds: config.STAFF_SESSION_IDLE_MINUTES * 60,
      absoluteSeconds: config.STAFF_SESSION_MAX_HOURS * 3600,
    },
    // Many staff may sign in from one office address, so an address gets ten times a username-and-address's free failures.
    signIn: {
      freeFailures: config.STAFF_SIGNIN_MAX_FAILURES,
      freeFailuresByKind: { 'user+ip': config.STAFF_SIGNIN_MAX_FAILURES, ip: config.STAFF_SIGNIN_MAX_FAILURES * 10 },
    },
  };
}

/**
 * In memory by default (one instance); Redis when REDIS_URL is set (several instances share it).
 * Either way, deleting a conversation deletes everything kept about it (conversation-eraser.ts).
 */
export async function createStorage(config: Config, logger: Logger): Promise<AssistantStorage> {
  const storage = await createStores(config, logger);
  return { ...storage, conversations: new ErasingConversationStore(storage) };
}

async function createStores(config: Config, logger: Logger): Promise<AssistantStorage> {
  const settings = storageSettings(config);
  if (!config.REDIS_URL) {
    const conversations = new InMemoryConversationStore(settings.retentionSeconds);
    const handoffQueue = new InMemoryHandoffQueue({ retentionSeconds: settings.retentionSeconds });
    return {
      conversations,
      botState: new MemoryStorage(),
      handoffQueue,
      callbacks: new InMemoryCallbackRequestStore({ retentionSeconds: settings.callbackRetentionSeconds }),
      notes: new InMemoryStaffNotes(settings.retentionSeconds),
      staffSessions: new InMemoryStaffSessionStore(settings.session),
      signInThrottle: new InMemorySignInThrottle(settings.signIn),
      rateLimits: inMemoryRateLimits,
      feedback: new InMemoryFeedbackStore(),
      close: async () => {
        await handoffQueue.close();
        await conversations.close();
      },
    };
  }
  // Loaded only when configured, so a single in-memory instance never touches ioredis.
  const { createRedisStorage } = await import('./assemble-redis-storage');
  return createRedisStorage(config.REDIS_URL, settings, logger);
}
