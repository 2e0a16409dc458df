import {
  AgentStatusSchema,
  type AgentPresence,
  type AgentStatus,
  type Assignment,
  type HandoffQueue,
  type QueueEntry,
} from './handoff-queue';
import { assertAgentId, isKeyPart, validDate, validEntry } from './queue-arguments';
import { byClaim, handlingMs, servingOrder } from './queue-order';

export interface InMemoryHandoffQueueOptions {
  /** Waiting entries and assignments are forgotten this long after they were last written. */
  readonly retentionSeconds: number;
  /** The clock for retention only (claims, heartbeats and the like take their `now` as an argument); tests inject one. */
  readonly now?: () => number;
  /** Failing hint listeners; they must not crash the process. */
  readonly onError?: (error: Error) => void;
}

interface Waiting {
  readonly entry: QueueEntry;
  readonly expiresAt: number;
}

interface Held {
  readonly assignment: Assignment;
  readonly expiresAt: number;
}

interface Presence {
  readonly expiresAt: number;
  readonly queueIds: ReadonlySet<string>;
}

/** As many as the Redis queue keeps, so wait estimates behave the same with either. */
const HANDLING_TIMES_KEPT = 50;

/**
 * The staffed queue in this process's memory: for a single instance (and for tests). Every method
 * does its checking and changing synchronously, with no await in between, so concurrent callers
 * (all on the one JS thread) can never see or make a half-done change.
 *
 * Ids are held to the same rules as the Redis queue's, so both behave alike on bad input.
 */
export class InMemoryHandoffQueue implements HandoffQueue {
  private readonly waitingById = new Map<string, Waiting>();
  private readonly held = new Map<string, Held>();
  /** Waiting conversations that have been offered the phone or a callback. */
  private readonly offered = new Set<string>();
  private readonly handlingTimes = new Map<string, number[]>();
  private readonly presence = new Map<string, Presence>();
  /** Statuses other than available, until signing off. */
  private readonly statuses = new Map<string, AgentStatus>();
  private readonly listeners = new Set<{ readonly listener: (queueId: string) => void }>();
  private readonly retentionMs: number;
  private readonly now: () => number;
  private readonly onError: (error: Error) => void;
  private readonly sweeper: NodeJS.Timeout;

  constructor(options: InMemoryHandoffQueueOptions) {
    if (!Number.isInteger(options.retentionSeconds) || options.retentionSeconds < 1) {
      // The same rule as the Redis queue's (EXPIRE takes whole seconds), so a config works with both.
      throw new Error(`retentionSeconds must be a whole number of seconds ≥ 1, not ${options.retentionSeconds}`);
    }
    this.retentionMs = options.retentionSeconds * 1000;
    this.now = options.now ?? Date.now;
    // A string: emitWarning refuses an Error made in another realm (a jest or vm context).
    this.onError = options.onError ?? ((error) => process.emitWarning(error.message, 'HandoffQueueWarning'));
    // Expired entries are dropped lazily on access; the timer bounds memory when nothing reads.
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  async enqueue(entry: QueueEntry): Promise<boolean> {
    const valid = validEntry(entry);
    if (this.live(valid.conversationId) || this.liveAssignment(valid.conversationId)) return false;
    this.waitingById.set(valid.conversationId, { entry: valid, expiresAt: this.expiry() });
    this.offered.delete(valid.conversationId);
    this.hint(valid.queueId);
    return true;
  }

  async position(conversationId: string): Promise<number | undefined> {
    const waiting = this.live(conversationId);
    if (!waiting) return undefined;
    const index = this.ordered([waiting.entry.queueId]).findIndex((entry) => entry.conversationId === conversationId);
    return index < 0 ? undefined : index + 1;
  }

  async waitingEntry(conversationId: string): Promise<QueueEntry | undefined> {
    const waiting = this.live(conversationId);
    return waiting ? { ...waiting.entry } : undefined;
  }

  async waiting(queueIds: readonly string[]): Promise<QueueEntry[]> {
    return this.ordered(queueIds).map((entry) => ({ ...entry }));
  }

  async claim(conversationId: string, agentId: string, now: Date): Promise<Assignment | undefined> {
    const claimedAt = validDate(now);
    assertAgentId(agentId);
    const waiting = this.live(conversationId);
    return waiting ? this.take(waiting.entry, agentId, claimedAt) : undefined;
  }

  async claimNext(queueIds: readonly string[], agentId: string, now: Date): Promise<Assignment | undefined> {
    const claimedAt = validDate(now);
    assertAgentId(agentId);
    const first = this.ordered(queueIds)[0];
    return first ? this.take(first, agentId, claimedAt) : undefined;
  }

  async assignment(conversationId: string): Promise<Assignment | undefined> {
    const held = this.liveAssignment(conversationId);
    return held ? copyAssignment(held.assignment) : undefined;
  }

  async assignmentsOf(agentId: string): Promise<Assignment[]> {
    return (await this.allAssignments()).filter((assignment) => assignment.agentId === agentId);
  }

  async allAssignments(): Promise<Assignment[]> {
    const all: Assignment[] = [];
    for (const conversationId of [...this.held.keys()]) {
      const held = this.liveAssignment(conversationId);
      if (held) all.push(copyAssignment(held.assignment));
    }
    return all.sort(byClaim);
  }

  async cancel(conversationId: string): Promise<QueueEntry | undefined> {
    const waiting = this.live(conversationId);
    if (!waiting) return undefined;
    this.waitingById.delete(conversationId);
    this.offered.delete(conversationId);
    this.hint(waiting.entry.queueId);
    return { ...waiting.entry };
  }

  async forget(conversationId: string): Promise<void> {
    const queueId =
      this.waitingById.get(conversationId)?.entry.queueId ?? this.held.get(conversationId)?.assignment.entry.queueId;
    this.waitingById.delete(conversationId);
    this.held.delete(conversationId);
    this.offered.delete(conversationId);
    if (queueId) this.hint(queueId);
  }

  async release(conversationId: string, agentId: string, now: Date): Promise<QueueEntry | undefined> {
    const returnedAt = validDate(now);
    const held = this.liveAssignment(conversationId);
    if (!held || held.assignment.agentId !== agentId) return undefined;
    const entry: QueueEntry = { ...held.assignment.entry, returnedAt };
    this.held.delete(conversationId);
    this.waitingById.set(conversationId, { entry, expiresAt: this.expiry() });
    this.offered.delete(conversationId);
    this.hint(entry.queueId);
    return { ...entry };
  }

  async complete(conversationId: string, agentId: string, now: Date): Promise<Assignment | undefined> {
    validDate(now);
    const held = this.liveAssignment(conversationId);
    if (!held || held.assignment.agentId !== agentId) return undefined;
    this.held.delete(conversationId);
    const { queueId } = held.assignment.entry;
    const times = [handlingMs(held.assignment, now), ...(this.handlingTimes.get(queueId) ?? [])].slice(
      0,
      HANDLING_TIMES_KEPT,
    );
    this.handlingTimes.set(queueId, times);
    this.hint(queueId);
    return copyAssignment(held.assignment);
  }

  async recentHandlingTimes(queueId: string): Promise<number[]> {
    return [...(this.handlingTimes.get(queueId) ?? [])];
  }

  async markWaitOffered(conversationId: string): Promise<boolean> {
    if (!this.live(conversationId) || this.offered.has(conversationId)) return false;
    this.offered.add(conversationId);
    return true;
  }

  async heartbeat(agentId: string, queueIds: readonly string[], now: Date, ttlMs: number): Promise<void> {
    const at = validDate(now);
    assertAgentId(agentId);
    assertQueueIds(queueIds);
    assertTtl(ttlMs);
    const before = this.presence.get(agentId);
    const wasOnDuty = before !== undefined && before.expiresAt > now.getTime();
    // Whole ms, as the Redis queue stores them.
    this.presence.set(agentId, { expiresAt: Date.parse(at) + Math.ceil(ttlMs), queueIds: new Set(queueIds) });
    // Coming on duty, or leaving a queue, changes the estimates there.
    for (const queueId of before?.queueIds ?? []) if (!queueIds.includes(queueId)) this.hint(queueId);
    for (const queueId of new Set(queueIds)) if (!wasOnDuty || !before.queueIds.has(queueId)) this.hint(queueId);
  }

  async signOff(agentId: string): Promise<void> {
    const queueIds = this.presence.get(agentId)?.queueIds ?? new Set<string>();
    this.presence.delete(agentId);
    this.statuses.delete(agentId);
    for (const queueId of queueIds) this.hint(queueId);
  }

  async setStatus(agentId: string, status: AgentStatus, now: Date): Promise<void> {
    validDate(now);
    assertAgentId(agentId);
    AgentStatusSchema.parse(status);
    if (status === 'available') this.statuses.delete(agentId);
    else this.statuses.set(agentId, status);
    for (const queueId of this.presence.get(agentId)?.queueIds ?? []) this.hint(queueId);
  }

  async presenceOf(agentIds: readonly string[], now: Date): Promise<Map<string, AgentPresence>> {
    return new Map(
      agentIds.map((agentId) => [
        agentId,
        { connected: (this.presence.get(agentId)?.expiresAt ?? 0) > now.getTime(), status: this.statusOf(agentId) },
      ]),
    );
  }

  private statusOf(agentId: string): AgentStatus {
    return this.statuses.get(agentId) ?? 'available';
  }

  async isOnDuty(agentId: string, now: Date): Promise<boolean> {
    const presence = this.presence.get(agentId);
    return presence !== undefined && presence.expiresAt > now.getTime();
  }

  async agentsOnDuty(queueId: string, now: Date): Promise<number> {
    // Counted, not pruned: callers' clocks differ a little, and a read must not change what another sees.
    let count = 0;
    for (const [agentId, presence] of this.presence) {
      const available = this.statusOf(agentId) === 'available';
      if (available && presence.expiresAt > now.getTime() && presence.queueIds.has(queueId)) count += 1;
    }
    return count;
  }

  subscribe(listener: (queueId: string) => void): () => void {
    // Wrapped, so the same function subscribed twice is two subscriptions, as with Redis.
    const subscription = { listener };
    this.listeners.add(subscription);
    return () => {
      this.listeners.delete(subscription);
    };
  }

  async announce(queueId: string): Promise<void> {
    if (isKeyPart(queueId)) this.hint(queueId);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.listeners.clear();
  }

  /** Moves a waiting entry to the agent. Synchronous: nothing can happen between the check and the change. */
  private take(entry: QueueEntry, agentId: string, claimedAt: string): Assignment {
    const assignment: Assignment = { entry, agentId, claimedAt };
    this.waitingById.delete(entry.conversationId);
    this.offered.delete(entry.conversationId);
    this.held.set(entry.conversationId, { assignment, expiresAt: this.expiry() });
    this.hint(entry.queueId);
    return copyAssignment(assignment);
  }

  /** Waiting entries of these queues in serving order (the same rule as the Redis queue's scores). */
  private ordered(queueIds: readonly string[]): QueueEntry[] {
    const wanted = new Set(queueIds.filter(isKeyPart));
    const entries: QueueEntry[] = [];
    for (const conversationId of [...this.waitingById.keys()]) {
      const waiting = this.live(conversationId);
      if (waiting && wanted.has(waiting.entry.queueId)) entries.push(waiting.entry);
    }
    return entries.sort(servingOrder);
  }

  private live(conversationId: string): Waiting | undefined {
    const waiting = this.waitingById.get(conversationId);
    if (waiting && waiting.expiresAt <= this.now()) {
      this.waitingById.delete(conversationId);
      this.offered.delete(conversationId);
      return undefined;
    }
    return waiting;
  }

  private liveAssignment(conversationId: string): Held | undefined {
    const held = this.held.get(conversationId);
    if (held && held.expiresAt <= this.now()) {
      this.held.delete(conversationId);
      return undefined;
    }
    return held;
  }

  private expiry(): number {
    return this.now() + this.retentionMs;
  }

  private sweep(): void {
    for (const conversationId of [...this.waitingById.keys()]) this.live(conversationId);
    for (const conversationId of [...this.held.keys()]) this.liveAssignment(conversationId);
    // Agents gone without signing off; expiry is by the callers' clocks, which in production is this one.
    const now = this.now();
    for (const [agentId, presence] of [...this.presence]) {
      if (presence.expiresAt <= now) this.presence.delete(agentId);
    }
  }

  /**
   * After the caller's change has completed (a microtask later), like the Redis hint that arrives
   * after the script: a throwing listener must not make a change that did happen look failed.
   */
  private hint(queueId: string): void {
    queueMicrotask(() => {
      for (const { listener } of [...this.listeners]) {
        try {
          listener(queueId);
        } catch (error) {
          // One broken listener must not stop the others; it is reported, not rethrown.
          this.onError(
            new Error(`handoff hint listener failed: ${error instanceof Error ? error.message : String(error)}`, {
              cause: error,
            }),
          );
        }
      }
    });
  }
}

function assertQueueIds(queueIds: readonly string[]): void {
  const bad = queueIds.filter((queueId) => !isKeyPart(queueId));
  if (bad.length > 0) throw new Error(`handoff queue: not valid queue ids: ${JSON.stringify(bad)}`);
}

function assertTtl(ttlMs: number): void {
  if (!Number.isFinite(ttlMs) || ttlMs < 1)
    throw new Error(`handoff queue: ttlMs must be a positive number of ms, not ${ttlMs}`);
}

function copyAssignment(assignment: Assignment): Assignment {
  return { ...assignment, entry: { ...assignment.entry } };
}
