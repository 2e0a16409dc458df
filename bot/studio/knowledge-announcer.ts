import { EventEmitter } from 'node:events';
import { z } from 'zod';

/** "Version n is published": enough to fetch it and its model; never any content. */
export const AnnouncementSchema = z.strictObject({
  number: z.number().int().min(1),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Announcement = z.infer<typeof AnnouncementSchema>;

export interface AnnouncementListener {
  readonly onAnnouncement: (announcement: Announcement) => void;
  /**
   * After the connection was lost and is back: announcements sent meanwhile are gone (pub/sub
   * keeps nothing), so the listener should look for itself.
   */
  readonly onReconnect?: () => void;
}

/** Tells every instance that a version was published. */
export interface KnowledgeAnnouncer {
  announce(announcement: Announcement): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(listener: AnnouncementListener): () => void;
  close(): Promise<void>;
}

/** One process (no Redis): an event emitter. */
export class InProcessKnowledgeAnnouncer implements KnowledgeAnnouncer {
  private readonly events = new EventEmitter();

  async announce(announcement: Announcement): Promise<void> {
    const valid = AnnouncementSchema.parse(announcement);
    this.events.emit('published', valid);
  }

  subscribe(listener: AnnouncementListener): () => void {
    const handler = (announcement: Announcement) => listener.onAnnouncement(announcement);
    this.events.on('published', handler);
    return () => this.events.off('published', handler);
  }

  async close(): Promise<void> {
    this.events.removeAllListeners();
  }
}
