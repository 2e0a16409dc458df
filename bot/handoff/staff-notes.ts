import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** An internal note on a conversation: for colleagues only, never shown to the citizen. */
export const StaffNoteSchema = z.strictObject({
  id: z.string(),
  /** The author's first name. */
  author: z.string(),
  text: z.string().min(1).max(2000),
  at: z.iso.datetime(),
});
export type StaffNote = z.infer<typeof StaffNoteSchema>;

/** Notes kept with a conversation, and deleted with it (retention). */
export interface StaffNotes {
  add(conversationId: string, note: { author: string; text: string }, now: Date): Promise<StaffNote>;
  /** Oldest first. */
  list(conversationId: string): Promise<StaffNote[]>;
  /** Deletes the conversation's notes (the citizen deleted the conversation). */
  forget(conversationId: string): Promise<void>;
  close(): Promise<void>;
}

export function newNote(note: { author: string; text: string }, now: Date): StaffNote {
  return StaffNoteSchema.parse({
    id: randomBytes(9).toString('base64url'),
    author: note.author,
    text: note.text,
    at: now.toISOString(),
  });
}

/** One instance: notes in this process, each conversation's dropped `retentionSeconds` after its last note. */
export class InMemoryStaffNotes implements StaffNotes {
  private readonly notes = new Map<string, { notes: StaffNote[]; expiresAt: number }>();

  constructor(
    private readonly retentionSeconds: number,
    private readonly clock: () => number = Date.now,
  ) {}

  async add(conversationId: string, note: { author: string; text: string }, now: Date): Promise<StaffNote> {
    const stored = newNote(note, now);
    const existing = this.live(conversationId);
    this.notes.set(conversationId, {
      notes: [...existing, stored],
      expiresAt: this.clock() + this.retentionSeconds * 1000,
    });
    return stored;
  }

  async list(conversationId: string): Promise<StaffNote[]> {
    return [...this.live(conversationId)];
  }

  async forget(conversationId: string): Promise<void> {
    this.notes.delete(conversationId);
  }

  async close(): Promise<void> {
    this.notes.clear();
  }

  private live(conversationId: string): StaffNote[] {
    const entry = this.notes.get(conversationId);
    if (!entry) return [];
    if (entry.expiresAt <= this.clock()) {
      this.notes.delete(conversationId);
      return [];
    }
    return entry.notes;
  }
}
