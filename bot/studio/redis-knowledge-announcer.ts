import type { Redis } from 'ioredis';
import { parseJson, redisFailure } from '../storage/redis-connection';
import { RedisKeys } from '../storage/redis-keys';
import {
  AnnouncementSchema,
  type Announcement,
  type AnnouncementListener,
  type KnowledgeAnnouncer,
} from './knowledge-announcer';

export interface RedisKnowledgeAnnouncerOptions {
  /** Command connection; not owned. */
  readonly client: Redis;
  /** A subscriber connection (createRedisClients) that this announcer owns and closes. */
  readonly subscriber: Redis;
  readonly prefix?: string;
  readonly onError?: (error: Error) => void;
}

/**
 * Announcements over Redis pub/sub (`<prefix>knowledge:published`): every instance hears each
 * publish within milliseconds. Pub/sub keeps nothing for a disconnected subscriber, so after each
 * reconnect the listeners are told to catch up themselves (and the follower also polls).
 */
export class RedisKnowledgeAnnouncer implements KnowledgeAnnouncer {
  private readonly client: Redis;
  private readonly subscriber: Redis;
  private readonly channel: string;
  private readonly listeners = new Set<AnnouncementListener>();
  private readonly onError: (error: Error) => void;
  private subscribed = false;

  private readonly onMessage = (channel: string, message: string): void => {
    if (channel !== this.channel) return;
    const parsed = AnnouncementSchema.safeParse(parseJson(message));
    if (!parsed.success) {
      this.onError(new Error('knowledge announcements: a message of another shape was ignored'));
      return;
    }
    for (const listener of this.listeners) listener.onAnnouncement(parsed.data);
  };

  /** 'ready' follows every (re)connect; the first one is the start, not a reconnect. */
  private readonly onReady = (): void => {
    const wasSubscribed = this.subscribed;
    this.subscribeChannel();
    if (wasSubscribed) for (const listener of this.listeners) listener.onReconnect?.();
  };

  constructor(options: RedisKnowledgeAnnouncerOptions) {
    this.client = options.client;
    this.subscriber = options.subscriber;
    this.channel = new RedisKeys(options.prefix).knowledgePublished();
    this.onError = options.onError ?? (() => undefined);
    this.subscriber.on('message', this.onMessage);
    this.subscriber.on('ready', this.onReady);
    this.subscribeChannel();
  }

  async announce(announcement: Announcement): Promise<void> {
    const valid = AnnouncementSchema.parse(announcement);
    await this.client.publish(this.channel, JSON.stringify(valid)).catch((error: unknown) => {
      throw redisFailure('knowledge announcements: announcing a version', error);
    });
  }

  subscribe(listener: AnnouncementListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.subscriber.off('message', this.onMessage);
    this.subscriber.off('ready', this.onReady);
    await this.subscriber.quit().catch((error: unknown) => {
      this.onError(error instanceof Error ? error : new Error(String(error)));
      this.subscriber.disconnect();
    });
  }

  private subscribeChannel(): void {
    this.subscriber.subscribe(this.channel).then(
      () => {
        this.subscribed = true;
      },
      (error: unknown) => this.onError(redisFailure('knowledge announcements: subscribing', error)),
    );
  }
}
