import { RedisCallbackRequestStore } from '../handoff/redis-callback-request-store';
import { RedisHandoffQueue } from '../handoff/redis-handoff-queue';
import { DEPARTURE_KEPT_SECONDS } from '../handoff/citizen-presence';
import { RedisCitizenPresence } from '../handoff/redis-citizen-presence';
import { RedisStaffNotes } from '../handoff/redis-staff-notes';
import { RedisInsightStore } from '../insight/redis-insight-store';
import { redisRateLimits } from '../http/redis-rate-limiter';
import type { Logger } from '../runtime/logger';
import { RedisSignInThrottle } from '../staff/redis-sign-in-throttle';
import { RedisStaffSessionStore } from '../staff/redis-staff-session-store';
import type { AssistantStorage, StorageSettings } from './assistant-storage';
import { RedisBotStorage } from '../botframework/redis-bot-storage';
import { createRedisClients } from '../storage/redis-connection';
import { RedisConversationStore } from '../conversations/redis-conversation-store';
import { RedisStoreHealth } from '../storage/store-health';
import { RedisUnansweredStore } from '../unanswered/redis-unanswered-store';
import { createRedisStudioStorage } from './assemble-redis-studio-storage';

/**
 * Everything in one Redis, shared by every instance: conversations, bot state, the staffed queue
 * and its citizens' presence, callback requests, notes, staff sessions, sign-in throttling, rate limits, insight events, the
 * unanswered inbox and the knowledge studio's drafts, versions and audit log.
 * Connection errors are logged (without the URL, which may hold a password); requests fail fast
 * while Redis is down (rate limits let them through).
 */
export async function createRedisStorage(
  url: string,
  settings: StorageSettings,
  logger: Logger,
  onRedisError: (source: string) => void = () => undefined,
): Promise<AssistantStorage> {
  const onError = (error: Error, connection: string) => {
    onRedisError('connection');
    logger.warn({ err: { message: error.message }, connection }, 'redis connection error');
  };
  const conversationClients = await createRedisClients(url, { onError });
  // The queue gets connections of its own: its subscriber listens to one channel for every instance's changes.
  const queueClients = await createRedisClients(url, { onError });
  const { client } = conversationClients;
  const conversations = new RedisConversationStore({
    ...conversationClients,
    retentionSeconds: settings.retentionSeconds,
    onError: (error) => {
      onRedisError('conversation-store');
      logger.warn({ err: { message: error.message } }, 'redis conversation store error');
    },
  });
  const handoffQueue = new RedisHandoffQueue({
    ...queueClients,
    retentionSeconds: settings.retentionSeconds,
    onError: (error) => {
      onRedisError('handoff-queue');
      logger.warn({ err: { message: error.message } }, 'redis handoff queue error');
    },
  });
  const health = new RedisStoreHealth(client);
  return {
    conversations,
    health: () => health.check(),
    botState: new RedisBotStorage({ client, retentionSeconds: settings.retentionSeconds }),
    handoffQueue,
    citizenPresence: new RedisCitizenPresence({
      client,
      retentionSeconds: settings.retentionSeconds,
      departureSeconds: DEPARTURE_KEPT_SECONDS,
    }),
    callbacks: new RedisCallbackRequestStore({ client, retentionSeconds: settings.callbackRetentionSeconds }),
    notes: new RedisStaffNotes(client, settings.retentionSeconds),
    staffSessions: new RedisStaffSessionStore({ client, ...settings.session }),
    signInThrottle: new RedisSignInThrottle({ client, ...settings.signIn }),
    rateLimits: redisRateLimits({
      client,
      onError: (error) => {
        onRedisError('rate-limit');
        logger.warn({ err: { message: error.message } }, 'rate limit not shared: Redis failed, request let through');
      },
    }),
    insight: new RedisInsightStore({ client, aggregateRetentionDays: settings.insightAggregateRetentionDays }),
    unanswered: new RedisUnansweredStore({ client, retentionSeconds: settings.unansweredRetentionSeconds }),
    studio: createRedisStudioStorage(client),
    close: async () => {
      await handoffQueue.close();
      await conversations.close();
    },
  };
}
