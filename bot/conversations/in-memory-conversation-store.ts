import type { Activity } from 'botbuilder';
import { EventEmitter } from 'node:events';
import type { ActivityPage, ConversationRecord, ConversationStore } from './conversation-store';

interface Entry {
  record: ConversationRecord;
  activities: Activity[];
  expiresAt: number;
}

/**
 * Conversations in this process's memory: the default, for one instance. Expired conversations
 * are swept lazily and on a timer, so memory does not grow without bound.
 */
export class InMemoryConversationStore implements ConversationStore {
  private readonly conversations = new Map<string, Entry>();
  private readonly hints = new EventEmitter();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly retentionSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.hints.setMaxListeners(0);
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  async createConversation(record: ConversationRecord): Promise<void> {
    if (this.live(record.id)) throw new Error(`conversation ${record.id} exists`);
    this.conversations.set(record.id, { record, activities: [], expiresAt: this.expiry() });
  }

  async getConversation(conversationId: string): Promise<ConversationRecord | undefined> {
    return this.live(conversationId)?.record;
  }

  async appendActivity(conversationId: string, activity: Partial<Activity>): Promise<Activity> {
    const entry = this.live(conversationId);
    if (!entry) throw new Error(`unknown conversation ${conversationId}`);
    // A copy, so a caller changing its object afterwards cannot change the log.
    const stored = {
      ...structuredClone(activity),
      id: `${conversationId}|${String(entry.activities.length).padStart(7, '0')}`,
      timestamp: new Date(this.now()),
    } as Activity;
    entry.activities.push(stored);
    entry.expiresAt = this.expiry();
    this.hint(conversationId);
    return stored;
  }

  async activitiesAfter(conversationId: string, watermark = '', limit = 100): Promise<ActivityPage> {
    const entry = this.live(conversationId);
    if (!entry) return { activities: [], watermark };
    const from = watermark === '' ? 0 : Number(watermark) + 1;
    const start = Number.isInteger(from) && from >= 0 ? from : 0;
    const activities = entry.activities.slice(start, start + limit);
    return { activities, watermark: activities.length > 0 ? String(start + activities.length - 1) : watermark };
  }

  subscribe(conversationId: string, listener: () => void): () => void {
    this.hints.on(conversationId, listener);
    return () => this.hints.off(conversationId, listener);
  }

  async deleteConversation(conversationId: string): Promise<void> {
    this.conversations.delete(conversationId);
    this.hint(conversationId);
  }

  /**
   * Hints after the caller's operation has completed: a throwing listener must not make an
   * append that did succeed look failed (a retry would store it twice).
   */
  private hint(conversationId: string): void {
    queueMicrotask(() => {
      try {
        this.hints.emit(conversationId);
      } catch (error) {
        process.emitWarning(
          `conversation hint listener failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    });
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.hints.removeAllListeners();
  }

  private live(conversationId: string): Entry | undefined {
    const entry = this.conversations.get(conversationId);
    if (entry && entry.expiresAt <= this.now()) {
      this.conversations.delete(conversationId);
      return undefined;
    }
    return entry;
  }

  private expiry(): number {
    return this.now() + this.retentionSeconds * 1000;
  }

  private sweep(): void {
    for (const id of this.conversations.keys()) this.live(id);
  }
}
