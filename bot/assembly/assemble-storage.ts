import { MemoryStorage } from 'botbuilder';
import type { Config } from '../runtime/config';
import { InMemoryCallbackRequestStore } from '../handoff/in-memory-callback-request-store';
import { InMemoryHandoffQueue } from '../handoff/in-memory-handoff-queue';
import { DEPARTURE_KEPT_SECONDS, InMemoryCitizenPresence } from '../handoff/citizen-presence';
import { InMemoryInsightStore } from '../insight/in-memory-insight-store';
import { InMemoryStaffNotes } from '../handoff/staff-notes';
import { inMemoryRateLimits } from '../http/rate-limiter';
import type { Logger } from '../runtime/logger';
import { InMemorySignInThrottle } from '../staff/in-memory-sign-in-throttle';
import { InMemoryStaffSessionStore } from '../staff/in-memory-staff-session-store';
import type { AssistantStorage, StorageSettings } from './assistant-storage';
import { ErasingConversationStore } from './conversation-eraser';
import { InMemoryConversationStore } from '../conversations/in-memory-conversation-store';
import { InMemoryUnansweredStore } from '../unanswered/unanswered-store';
import { createDiskStudioStorage, studioDataDirectory } from './assemble-studio-storage';

export function storageSettings(config: Config): StorageSettings {
  return {
    retentionSeconds: Math.max(1, Math.round(config.CONVERSATION_RETENTION_HOURS * 3600)),
    callbackRetentionSeconds: config.CALLBACK_RETENTION_HOURS * 3600,
    unansweredRetentionSeconds: config.UNANSWERED_RETENTION_DAYS * 24 * 3600,
    insightAggregateRetentionDays: config.INSIGHT_AGGREGATE_RETENTION_DAYS,
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
export async function createStorage(
  config: Config,
  logger: Logger,
  /** Told of each Redis error (by where it was seen), for the operations metrics. */
  onRedisError?: (source: string) => void,
): Promise<AssistantStorage> {
  const storage = await createStores(config, logger, onRedisError);
  return { ...storage, conversations: new ErasingConversationStore(storage) };
}

async function createStores(
  config: Config,
  logger: Logger,
  onRedisError: ((source: string) => void) | undefined,
): Promise<AssistantStorage> {
  const settings = storageSettings(config);
  if (!config.REDIS_URL) {
    const conversations = new InMemoryConversationStore(settings.retentionSeconds);
    const handoffQueue = new InMemoryHandoffQueue({ retentionSeconds: settings.retentionSeconds });
    return {
      conversations,
      botState: new MemoryStorage(),
      handoffQueue,
      citizenPresence: new InMemoryCitizenPresence({
        retentionSeconds: settings.retentionSeconds,
        departureSeconds: DEPARTURE_KEPT_SECONDS,
      }),
      callbacks: new InMemoryCallbackRequestStore({ retentionSeconds: settings.callbackRetentionSeconds }),
      notes: new InMemoryStaffNotes(settings.retentionSeconds),
      staffSessions: new InMemoryStaffSessionStore(settings.session),
      signInThrottle: new InMemorySignInThrottle(settings.signIn),
      rateLimits: inMemoryRateLimits,
      insight: new InMemoryInsightStore(),
      unanswered: new InMemoryUnansweredStore(),
      // On disk even here: editors' drafts, versions and the audit log must survive a restart.
      studio: createDiskStudioStorage(studioDataDirectory(config), logger),
      close: async () => {
        await handoffQueue.close();
        await conversations.close();
      },
    };
  }
  // Loaded only when configured, so a single in-memory instance never touches ioredis.
  const { createRedisStorage } = await import('./assemble-redis-storage');
  return createRedisStorage(config.REDIS_URL, settings, logger, onRedisError);
}
