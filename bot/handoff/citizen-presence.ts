import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ConversationIdSchema, KeyPartSchema } from './handoff-queue';

/** Why a citizen left the queue (or their agent) without being served to the end. */
export const DepartureReasonSchema = z.enum([
  /** "Forlad køen". */
  'left',
  /** Chose a callback instead. */
  'callback',
  /** The widget was gone (no poll, no open stream) longer than the grace period. */
  'closed',
  /** "Start forfra": a new conversation, the old one left behind. */
  'started-over',
  /** "Slet samtalen". */
  'deleted',
  /** The conversation expired while waiting. */
  'expired',
]);
export type DepartureReason = z.infer<typeof DepartureReasonSchema>;

/**
 * A citizen who left a queue, as the staff console shows it for a while. Never names the
 * conversation: a deleted one must leave nothing behind that points to it.
 */
export const DepartureSchema = z.strictObject({
  /** Random; only to tell departures apart. */
  id: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/),
  queueId: KeyPartSchema,
  municipalityId: z.string().min(1).max(100),
  reason: DepartureReasonSchema,
  at: z.iso.datetime(),
  waitedSeconds: z.number().int().min(0),
  /** Left an agent (not the queue): only its reason matters, for the agent's console. */
  withAgent: z.boolean(),
});
export type Departure = z.infer<typeof DepartureSchema>;

export function newDeparture(departure: Omit<Departure, 'id'>): Departure {
  return DepartureSchema.parse({ id: randomBytes(12).toString('base64url'), ...departure });
}

/**
 * Whether a citizen's widget is still there, and who left the queue recently and why; shared by
 * every instance (Redis) or kept in this process (memory). Both pass
 * test/handoff/citizen-presence.contract.ts.
 *
 * "Seen" is written by the instance the widget talks to (each poll, each message, and now and then
 * while a WebSocket stream is open), and read by whichever instance sweeps the queue.
 */
export interface CitizenPresence {
  /** The citizen's widget reached us at `now`. Never moves the time back. */
  seen(conversationId: string, now: Date): Promise<void>;
  /** When the widget was last seen, or undefined if never (or forgotten, or expired). */
  lastSeen(conversationId: string): Promise<Date | undefined>;
  /**
   * Marks an absence that began at `since` (the last seen time) as reported. True only the first
   * time for that absence, so exactly one instance tells the agent; a later absence is new.
   */
  markAway(conversationId: string, since: Date): Promise<boolean>;
  /**
   * Records that the citizen left (shown in the queue for a while) and, unless the conversation
   * is being deleted, remembers the reason under its id for the agent's console.
   */
  departed(conversationId: string | undefined, departure: Departure): Promise<void>;
  /** Departures from these queues at or after `since`, newest first. */
  departures(queueIds: readonly string[], since: Date): Promise<Departure[]>;
  /** Why the conversation's citizen left, if they did recently. */
  departureReason(conversationId: string): Promise<DepartureReason | undefined>;
  /** Removes everything kept under the conversation's id (the citizen deleted it). */
  forget(conversationId: string): Promise<void>;
  close(): Promise<void>;
}

export interface CitizenPresenceSettings {
  /** How long a last-seen time is kept: the conversations' retention. */
  readonly retentionSeconds: number;
  /** How long a departure is kept (the console shows it for less). */
  readonly departureSeconds: number;
}

/** How long the console lists a citizen who left the queue. */
export const DEPARTURE_SHOWN_MS = 3 * 60_000;
/** Kept a little longer than shown, for consoles whose clocks lag. */
export const DEPARTURE_KEPT_SECONDS = 10 * 60;

const PRUNE_EVERY = 1000;

/** One instance: everything in this process; old entries are dropped as they are met. */
export class InMemoryCitizenPresence implements CitizenPresence {
  private readonly seenAt = new Map<string, { at: number; expiresAt: number }>();
  private readonly away = new Map<string, { marks: Set<number>; expiresAt: number }>();
  private readonly left: { departure: Departure; expiresAt: number }[] = [];
  private readonly reasons = new Map<string, { reason: DepartureReason; expiresAt: number }>();
  private writes = 0;

  constructor(
    private readonly settings: CitizenPresenceSettings,
    private readonly clock: () => number = Date.now,
  ) {}

  async seen(conversationId: string, now: Date): Promise<void> {
    // As in Redis: only what can be a conversation id is kept.
    if (!ConversationIdSchema.safeParse(conversationId).success) return;
    const at = Math.max(now.getTime(), this.liveSeen(conversationId) ?? 0);
    this.seenAt.set(conversationId, { at, expiresAt: this.clock() + this.settings.retentionSeconds * 1000 });
    // Every poll writes here: expired entries are swept now and then, not on every write.
    this.writes += 1;
    if (this.writes % PRUNE_EVERY === 0) this.prune();
  }

  async lastSeen(conversationId: string): Promise<Date | undefined> {
    const at = this.liveSeen(conversationId);
    return at === undefined ? undefined : new Date(at);
  }

  async markAway(conversationId: string, since: Date): Promise<boolean> {
    const kept = this.away.get(conversationId);
    const marks = kept && kept.expiresAt > this.clock() ? kept.marks : new Set<number>();
    if (marks.has(since.getTime())) return false;
    marks.add(since.getTime());
    this.away.set(conversationId, { marks, expiresAt: this.clock() + this.settings.retentionSeconds * 1000 });
    return true;
  }

  async departed(conversationId: string | undefined, departure: Departure): Promise<void> {
    const expiresAt = this.clock() + this.settings.departureSeconds * 1000;
    this.prune();
    this.left.push({ departure: DepartureSchema.parse(departure), expiresAt });
    if (conversationId !== undefined) this.reasons.set(conversationId, { reason: departure.reason, expiresAt });
  }

  async departures(queueIds: readonly string[], since: Date): Promise<Departure[]> {
    this.prune();
    const wanted = new Set(queueIds);
    return this.left
      .map((kept) => kept.departure)
      .filter((d) => wanted.has(d.queueId) && Date.parse(d.at) >= since.getTime())
      .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
      .map((d) => ({ ...d }));
  }

  async departureReason(conversationId: string): Promise<DepartureReason | undefined> {
    const kept = this.reasons.get(conversationId);
    if (!kept || kept.expiresAt <= this.clock()) return undefined;
    return kept.reason;
  }

  async forget(conversationId: string): Promise<void> {
    this.seenAt.delete(conversationId);
    this.away.delete(conversationId);
    this.reasons.delete(conversationId);
  }

  async close(): Promise<void> {
    this.seenAt.clear();
    this.away.clear();
    this.reasons.clear();
    this.left.length = 0;
  }

  private liveSeen(conversationId: string): number | undefined {
    const kept = this.seenAt.get(conversationId);
    if (!kept) return undefined;
    if (kept.expiresAt <= this.clock()) {
      this.seenAt.delete(conversationId);
      return undefined;
    }
    return kept.at;
  }

  private prune(): void {
    const now = this.clock();
    for (let i = this.left.length - 1; i >= 0; i -= 1) {
      if ((this.left[i]?.expiresAt ?? 0) <= now) this.left.splice(i, 1);
    }
    for (const [id, kept] of this.reasons) if (kept.expiresAt <= now) this.reasons.delete(id);
    for (const id of [...this.seenAt.keys()]) this.liveSeen(id);
    for (const [id, kept] of this.away) if (kept.expiresAt <= now) this.away.delete(id);
  }
}
