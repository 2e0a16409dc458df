import { z } from 'zod';
import { LanguageSchema } from '../../text/language';

/** Conversation ids end up in Redis key names: the same safe alphabet as the conversation store's. */
export const ConversationIdSchema = z.string().regex(/^[A-Za-z0-9_.~-]{1,200}$/);
/** Queue and agent ids too. */
export const KeyPartSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lower-case letters, digits, "_" or "-"');

/** A citizen waiting for a member of staff. */
export const QueueEntrySchema = z.strictObject({
  conversationId: ConversationIdSchema,
  /** The queue (a municipality's own, or a pool shared by several): from the municipality profile. */
  queueId: KeyPartSchema,
  municipalityId: z.string().min(1),
  language: LanguageSchema,
  /** The intent the citizen last asked about, if any: the console shows it as the topic. */
  topic: z.string().max(100).optional(),
  /** When the citizen first joined the queue. Kept when an entry returns to the queue. */
  enqueuedAt: z.iso.datetime(),
  /** Set when the entry went back to the queue because its agent dropped: it waits at the front. */
  returnedAt: z.iso.datetime().optional(),
});
export type QueueEntry = z.infer<typeof QueueEntrySchema>;

/**
 * What an agent has said about themselves: available for citizens, away (also set by itself after
 * a while without activity) or on a break. Only available agents count in wait estimates and may
 * take new citizens. Signed out is the absence of a heartbeat, not a status.
 */
export const AgentStatusSchema = z.enum(['available', 'away', 'break']);
export type AgentStatus = z.infer<typeof AgentStatusSchema>;

/** An agent as colleagues see them: connected (a console with a heartbeat) or not, and their status. */
export interface AgentPresence {
  readonly connected: boolean;
  readonly status: AgentStatus;
}

/** A conversation held by one agent. */
export const AssignmentSchema = z.strictObject({
  entry: QueueEntrySchema,
  agentId: KeyPartSchema,
  claimedAt: z.iso.datetime(),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

/**
 * The staffed queue: citizens waiting for a person, and which agent holds which conversation.
 * Shared by every instance (Redis) or kept in this process (memory, one instance); both pass
 * test/handoff/handoff-queue.contract.ts.
 *
 * Order is first come, first served by `enqueuedAt`, except that entries returned because their
 * agent dropped go before every other (oldest returned first). Every state change is atomic: a
 * conversation is waiting, assigned to exactly one agent, or neither.
 */
export interface HandoffQueue {
  /** Adds a conversation to its queue. False (and nothing changes) when it is already waiting or assigned. */
  enqueue(entry: QueueEntry): Promise<boolean>;
  /** 1-based place in its own queue, or undefined when not waiting. */
  position(conversationId: string): Promise<number | undefined>;
  /** The waiting entry, or undefined. */
  waitingEntry(conversationId: string): Promise<QueueEntry | undefined>;
  /** Waiting entries of these queues, in the order they will be served (merged across queues by the same rule). */
  waiting(queueIds: readonly string[]): Promise<QueueEntry[]>;
  /** Takes this waiting conversation for the agent. Undefined when it is not waiting (taken by another agent, cancelled). */
  claim(conversationId: string, agentId: string, now: Date): Promise<Assignment | undefined>;
  /** Takes the first waiting conversation of these queues. Undefined when they are all empty. */
  claimNext(queueIds: readonly string[], agentId: string, now: Date): Promise<Assignment | undefined>;
  assignment(conversationId: string): Promise<Assignment | undefined>;
  /** The conversations an agent holds, oldest claim first. */
  assignmentsOf(agentId: string): Promise<Assignment[]>;
  /** Every assignment (for finding those whose agent has gone). */
  allAssignments(): Promise<Assignment[]>;
  /** Removes a waiting conversation (the citizen cancelled, or chose a callback). Returns the entry, or undefined if it was not waiting. */
  cancel(conversationId: string): Promise<QueueEntry | undefined>;
  /**
   * Puts a conversation the agent holds back at the front of its queue (the agent's connection
   * dropped). Only when `agentId` still holds it, so two instances noticing the same drop return it once.
   */
  release(conversationId: string, agentId: string, now: Date): Promise<QueueEntry | undefined>;
  /**
   * Ends an assignment the agent holds (the conversation ended or went back to the bot) and
   * records its handling time (claim to now) for wait estimates. Undefined when the agent does not hold it.
   */
  complete(conversationId: string, agentId: string, now: Date): Promise<Assignment | undefined>;
  /**
   * Removes every trace of the conversation: its waiting entry, its assignment (from its agent too)
   * and the wait offer. The citizen deleted it; its agent's console simply no longer lists it.
   */
  forget(conversationId: string): Promise<void>;
  /** Handling times of the most recently completed conversations in a queue, in ms, newest first (at most 50). */
  recentHandlingTimes(queueId: string): Promise<number[]>;
  /**
   * Marks that the citizen was offered the phone and a callback after waiting long. True only the
   * first time for a waiting entry, so exactly one instance makes the offer.
   */
  markWaitOffered(conversationId: string): Promise<boolean>;
  /** An agent's console is connected and serves these queues; counts as on duty until `ttlMs` after the last call. */
  heartbeat(agentId: string, queueIds: readonly string[], now: Date, ttlMs: number): Promise<void>;
  /** Ends an agent's duty at once (signed out); the next sign-in starts available. */
  signOff(agentId: string): Promise<void>;
  /** Whether the agent has had a heartbeat within its ttl (whatever their status: they still hold their conversations). */
  isOnDuty(agentId: string, now: Date): Promise<boolean>;
  /** Agents on duty and available for a queue now (away and on a break do not count). */
  agentsOnDuty(queueId: string, now: Date): Promise<number>;
  /**
   * Sets the agent's status (kept across heartbeats, on every instance, until signing off); the
   * queues the agent serves are hinted, as their estimates change.
   */
  setStatus(agentId: string, status: AgentStatus, now: Date): Promise<void>;
  /** Presence of these agents (an agent never seen is not connected and available). */
  presenceOf(agentIds: readonly string[], now: Date): Promise<Map<string, AgentPresence>>;
  /**
   * Calls `listener` with a queue id when that queue may have changed (on any instance). A hint
   * only, like the conversation store's: listeners re-read. Returns the unsubscribe function.
   */
  subscribe(listener: (queueId: string) => void): () => void;
  /**
   * Sends every instance's listeners a hint for the queue, as a change would: for what is kept
   * beside the queue and shown with it (a citizen who left, and why).
   */
  announce(queueId: string): Promise<void>;
  close(): Promise<void>;
}
