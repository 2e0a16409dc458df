import type { Redis } from 'ioredis';
import { z } from 'zod';
import { asError, closeConnection, parseJson, redisFailure } from '../storage/redis-connection';
import {
  AgentStatusSchema,
  AssignmentSchema,
  KeyPartSchema,
  QueueEntrySchema,
  type AgentPresence,
  type AgentStatus,
  type Assignment,
  type HandoffQueue,
  type QueueEntry,
} from './handoff-queue';
import { assertAgentId, isConversationId, isKeyPart, validDate, validEntry } from './queue-arguments';
import { byClaim, handlingMs, orderScore, servingOrder } from './queue-order';
import { DEFAULT_REDIS_KEY_PREFIX, RedisKeys } from '../storage/redis-keys';

export interface RedisHandoffQueueOptions {
  /** Command connection; see createRedisClients for the options it needs. */
  readonly client: Redis;
  /** A separate connection (client.duplicate()) that the queue keeps in subscriber mode. */
  readonly subscriber: Redis;
  /** Namespaces every key and the channel, so several deployments can share one Redis. */
  readonly prefix?: string;
  /** Waiting entries and assignments expire this long after they were last written. */
  readonly retentionSeconds: number;
  /** Failing hint listeners and failed (UN)SUBSCRIBEs; they must not crash the process. */
  readonly onError?: (error: Error) => void;
}

/** An agent's presence: until when it counts as on duty, and for which queues (so signing off can leave them all). */
const PresenceSchema = z.strictObject({ expiresAt: z.number().int(), queueIds: z.array(KeyPartSchema) });
type Presence = z.infer<typeof PresenceSchema>;

/** A status other than available outlives a day without heartbeats only by mistake: it then goes. */
const STATUS_KEPT_MS = 24 * 3600_000;

/** Replies of the scripts below; anything else is a bug here, not bad data, and fails loudly. */
const FlagReply = z.union([z.literal(0), z.literal(1)]);
const JsonOrNilReply = z.string().nullable();
const PositionReply = z.tuple([z.string(), z.number().int().min(1)]).nullable();
const StringListReply = z.array(z.string());

const HANDLING_TIMES_KEPT = 50;
/** How often release/complete re-read after the assignment changed between their read and their script. */
const COMPARE_AND_SET_ATTEMPTS = 5;
/** Queue ids remembered for the hints after a resubscribe; there are about as many as municipalities. */
const KNOWN_QUEUES_KEPT = 1000;

/**
 * The staffed queue in Redis, shared by every bot instance (and kept across restarts with AOF):
 * - `<prefix>handoff:queue:<queueId>` sorted set of waiting conversation ids; score = enqueuedAt in
 *   ms, or for entries returned by a dropped agent enqueuedAt − 1e13, so they sort first. Equal
 *   scores go by id (byte order), as sorted sets do.
 * - `<prefix>handoff:entry:<conversationId>` the waiting entry (JSON), expiring after the retention.
 *   An id left in a queue after its entry expired is removed lazily by the scripts that read queues.
 * - `<prefix>handoff:offered:<conversationId>` set (NX) by the first markWaitOffered; deleted when the
 *   entry leaves the queue.
 * - `<prefix>handoff:assigned:<conversationId>` the assignment (JSON), expiring after the retention,
 *   with `<prefix>handoff:agent:<agentId>` (set: what the agent holds) and `<prefix>handoff:assignments`
 *   (set: everything held); ids whose assignment expired are dropped from both lazily.
 * - `<prefix>handoff:handling:<queueId>` list of recent handling times in ms, newest first (≤ 50).
 * - `<prefix>handoff:duty:<queueId>` sorted set agentId → on duty until (ms), and
 *   `<prefix>handoff:presence:<agentId>` that agent's presence (JSON: until when, which queues).
 *   `<prefix>handoff:status:<agentId>` that agent's status when not available ("away", "break"),
 *     until signing off (or a day without heartbeats).
 * - `<prefix>handoff:changed` pub/sub channel, published to (message: the queue id) by every change.
 *
 * Every change is one Lua script, so it is atomic across instances: a conversation is waiting,
 * assigned to exactly one agent, or neither. Scripts go by EVALSHA (ioredis defineCommand). They
 * build key names of conversations they find in a queue from the prefix, so, like the conversation
 * store, this is for a single Redis (or a primary with replicas), not Redis Cluster.
 *
 * Everything read back is checked with the zod schemas; what fails is treated as absent. Ids are
 * checked before they go into a key name, so no id can name another kind of key.
 */
export class RedisHandoffQueue implements HandoffQueue {
  private readonly client: Redis;
  private readonly subscriber: Redis;
  private readonly prefix: string;
  private readonly keys: RedisKeys;
  private readonly retentionSeconds: number;
  private readonly onError: (error: Error) => void;
  private readonly channel: string;
  private readonly listeners = new Set<Subscription>();
  /** Queues this instance has touched or heard of: after a reconnect the hints sent meanwhile are lost, so each gets one. */
  private readonly knownQueues = new Set<string>();
  private readonly onMessage = (channel: string, message: string): void => this.received(channel, message);
  private readonly onReady = (): void => this.resubscribe();

  constructor(options: RedisHandoffQueueOptions) {
    if (!Number.isInteger(options.retentionSeconds) || options.retentionSeconds < 1) {
      // EXPIRE takes whole seconds; 0 or a fraction would delete keys at once or be refused.
      throw new Error(`retentionSeconds must be a whole number of seconds ≥ 1, not ${options.retentionSeconds}`);
    }
    this.client = options.client;
    this.subscriber = options.subscriber;
    this.prefix = options.prefix ?? DEFAULT_REDIS_KEY_PREFIX;
    this.keys = new RedisKeys(this.prefix);
    this.retentionSeconds = options.retentionSeconds;
    this.onError = options.onError ?? reportAsWarning;
    this.channel = this.keys.handoffChanged();
    for (const [name, lua] of Object.entries(SCRIPTS)) {
      // Redefining (another queue on the same client) replaces the command with the identical script.
      this.client.defineCommand(name, { lua });
    }
    this.subscriber.on('message', this.onMessage);
    this.subscriber.on('ready', this.onReady);
  }

  async enqueue(entry: QueueEntry): Promise<boolean> {
    const valid = validEntry(entry);
    const id = valid.conversationId;
    const reply = await this.script(
      'enqueuing',
      'bsaHandoffEnqueue',
      [this.queueKey(valid.queueId), this.entryKey(id), this.assignedKey(id), this.offeredKey(id)],
      [id, JSON.stringify(valid), orderScore(valid), this.retentionSeconds, this.channel, valid.queueId],
    );
    this.remember(valid.queueId);
    return FlagReply.parse(reply) === 1;
  }

  async position(conversationId: string): Promise<number | undefined> {
    if (!isConversationId(conversationId)) return undefined;
    const reply = PositionReply.parse(
      await this.script('reading a position', 'bsaHandoffPosition', [this.entryKey(conversationId)], [conversationId]),
    );
    if (reply === null) return undefined;
    // A place is only given for an entry that reads back valid, as waitingEntry would return it.
    return this.readEntry(reply[0], conversationId) ? reply[1] : undefined;
  }

  async waitingEntry(conversationId: string): Promise<QueueEntry | undefined> {
    if (!isConversationId(conversationId)) return undefined;
    const text = await this.command('reading a waiting entry', this.client.get(this.entryKey(conversationId)));
    return text === null ? undefined : this.readEntry(text, conversationId);
  }

  async waiting(queueIds: readonly string[]): Promise<QueueEntry[]> {
    const queues = validQueueIds(queueIds);
    if (queues.length === 0) return [];
    const reply = StringListReply.parse(
      await this.script(
        'reading the queue',
        'bsaHandoffWaiting',
        queues.map((queueId) => this.queueKey(queueId)),
        queues,
      ),
    );
    queues.forEach((queueId) => this.remember(queueId));
    return reply.flatMap((text) => this.readEntry(text) ?? []).sort(servingOrder);
  }

  async claim(conversationId: string, agentId: string, now: Date): Promise<Assignment | undefined> {
    const claimedAt = validDate(now);
    assertAgentId(agentId);
    if (!isConversationId(conversationId)) return undefined;
    const reply = await this.script(
      'claiming a conversation',
      'bsaHandoffClaim',
      [this.agentKey(agentId), this.assignmentsKey()],
      [agentId, claimedAt, this.retentionSeconds, this.channel, conversationId],
    );
    return this.claimed(reply, 'claim');
  }

  async claimNext(queueIds: readonly string[], agentId: string, now: Date): Promise<Assignment | undefined> {
    const claimedAt = validDate(now);
    assertAgentId(agentId);
    const queues = validQueueIds(queueIds);
    if (queues.length === 0) return undefined;
    const reply = await this.script(
      'claiming the next conversation',
      'bsaHandoffClaimNext',
      [this.agentKey(agentId), this.assignmentsKey(), ...queues.map((queueId) => this.queueKey(queueId))],
      [agentId, claimedAt, this.retentionSeconds, this.channel, ...queues],
    );
    return this.claimed(reply, 'claimNext');
  }

  async assignment(conversationId: string): Promise<Assignment | undefined> {
    return (await this.readAssignment(conversationId))?.assignment;
  }

  async assignmentsOf(agentId: string): Promise<Assignment[]> {
    if (!isKeyPart(agentId)) return [];
    const held = await this.readAssignments('reading an agent’s assignments', this.agentKey(agentId));
    return held.filter((assignment) => assignment.agentId === agentId);
  }

  async allAssignments(): Promise<Assignment[]> {
    return this.readAssignments('reading all assignments', this.assignmentsKey());
  }

  async cancel(conversationId: string): Promise<QueueEntry | undefined> {
    if (!isConversationId(conversationId)) return undefined;
    const reply = JsonOrNilReply.parse(
      await this.script(
        'cancelling',
        'bsaHandoffCancel',
        [this.entryKey(conversationId), this.offeredKey(conversationId)],
        [conversationId, this.channel],
      ),
    );
    // Removed either way; an unreadable entry was no waiting citizen to give back.
    return reply === null ? undefined : this.readEntry(reply, conversationId);
  }

  async forget(conversationId: string): Promise<void> {
    if (!isConversationId(conversationId)) return;
    const reply = JsonOrNilReply.parse(
      await this.script(
        'forgetting a conversation',
        'bsaHandoffForget',
        [
          this.entryKey(conversationId),
          this.offeredKey(conversationId),
          this.assignedKey(conversationId),
          this.assignmentsKey(),
        ],
        [conversationId, this.channel],
      ),
    );
    if (reply !== null && isKeyPart(reply)) this.remember(reply);
  }

  async release(conversationId: string, agentId: string, now: Date): Promise<QueueEntry | undefined> {
    const returnedAt = validDate(now);
    // The new entry (with returnedAt and its score) is built here, so the script only swaps it in
    // if the assignment is still exactly the one read: compare and set, retried if it changed.
    for (let attempt = 0; attempt < COMPARE_AND_SET_ATTEMPTS; attempt += 1) {
      const read = await this.readAssignment(conversationId);
      if (!read || read.assignment.agentId !== agentId) return undefined;
      const entry: QueueEntry = { ...read.assignment.entry, returnedAt };
      const { queueId } = entry;
      const reply = await this.script(
        'returning a conversation to the queue',
        'bsaHandoffRelease',
        [
          this.assignedKey(conversationId),
          this.agentKey(agentId),
          this.assignmentsKey(),
          this.entryKey(conversationId),
          this.queueKey(queueId),
          this.offeredKey(conversationId),
        ],
        [
          conversationId,
          read.text,
          JSON.stringify(entry),
          orderScore(entry),
          this.retentionSeconds,
          this.channel,
          queueId,
        ],
      );
      if (FlagReply.parse(reply) === 1) return entry;
    }
    return undefined;
  }

  async complete(conversationId: string, agentId: string, now: Date): Promise<Assignment | undefined> {
    validDate(now);
    for (let attempt = 0; attempt < COMPARE_AND_SET_ATTEMPTS; attempt += 1) {
      const read = await this.readAssignment(conversationId);
      if (!read || read.assignment.agentId !== agentId) return undefined;
      const { queueId } = read.assignment.entry;
      const reply = await this.script(
        'completing a conversation',
        'bsaHandoffComplete',
        [this.assignedKey(conversationId), this.agentKey(agentId), this.assignmentsKey(), this.handlingKey(queueId)],
        [conversationId, read.text, handlingMs(read.assignment, now), this.channel, queueId],
      );
      if (FlagReply.parse(reply) === 1) return read.assignment;
    }
    return undefined;
  }

  async recentHandlingTimes(queueId: string): Promise<number[]> {
    if (!isKeyPart(queueId)) return [];
    const values = await this.command(
      'reading handling times',
      this.client.lrange(this.handlingKey(queueId), 0, HANDLING_TIMES_KEPT - 1),
    );
    return values.map(Number).filter((ms) => Number.isSafeInteger(ms) && ms >= 0);
  }

  async markWaitOffered(conversationId: string): Promise<boolean> {
    if (!isConversationId(conversationId)) return false;
    const reply = await this.script(
      'marking the wait offer',
      'bsaHandoffMarkOffered',
      [this.offeredKey(conversationId)],
      [conversationId, this.retentionSeconds],
    );
    return FlagReply.parse(reply) === 1;
  }

  async heartbeat(agentId: string, queueIds: readonly string[], now: Date, ttlMs: number): Promise<void> {
    validDate(now);
    assertAgentId(agentId);
    const bad = queueIds.filter((queueId) => !isKeyPart(queueId));
    if (bad.length > 0) throw new Error(`handoff queue: not valid queue ids: ${JSON.stringify(bad)}`);
    if (!Number.isFinite(ttlMs) || ttlMs < 1)
      throw new Error(`handoff queue: ttlMs must be a positive number of ms, not ${ttlMs}`);
    const ttl = Math.ceil(ttlMs);
    const queues = [...new Set(queueIds)];
    const presence: Presence = { expiresAt: now.getTime() + ttl, queueIds: queues };
    await this.script(
      'recording a heartbeat',
      'bsaHandoffHeartbeat',
      [this.presenceKey(agentId), this.statusKey(agentId), ...queues.map((queueId) => this.dutyKey(queueId))],
      [
        agentId,
        presence.expiresAt,
        ttl,
        now.getTime(),
        JSON.stringify(presence),
        STATUS_KEPT_MS,
        this.channel,
        ...queues,
      ],
    );
  }

  async signOff(agentId: string): Promise<void> {
    if (!isKeyPart(agentId)) return;
    await this.script(
      'signing off',
      'bsaHandoffSignOff',
      [this.presenceKey(agentId), this.statusKey(agentId)],
      [agentId, this.channel],
    );
  }

  async setStatus(agentId: string, status: AgentStatus, now: Date): Promise<void> {
    validDate(now);
    assertAgentId(agentId);
    const valid = AgentStatusSchema.parse(status);
    await this.script(
      'setting an agent status',
      'bsaHandoffSetStatus',
      [this.presenceKey(agentId), this.statusKey(agentId)],
      [agentId, valid, now.getTime(), STATUS_KEPT_MS, this.channel],
    );
  }

  async presenceOf(agentIds: readonly string[], now: Date): Promise<Map<string, AgentPresence>> {
    const valid = agentIds.filter(isKeyPart);
    const found = new Map<string, AgentPresence>(
      agentIds.map((agentId) => [agentId, { connected: false, status: 'available' }]),
    );
    if (valid.length === 0) return found;
    const values = await this.command(
      'reading presence',
      this.client.mget(...valid.flatMap((agentId) => [this.presenceKey(agentId), this.statusKey(agentId)])),
    );
    valid.forEach((agentId, index) => {
      const presence = PresenceSchema.safeParse(parseJson(values[index * 2] ?? 'null'));
      const status = AgentStatusSchema.safeParse(values[index * 2 + 1]);
      found.set(agentId, {
        connected: presence.success && presence.data.expiresAt > now.getTime(),
        status: status.success ? status.data : 'available',
      });
    });
    return found;
  }

  async isOnDuty(agentId: string, now: Date): Promise<boolean> {
    if (!isKeyPart(agentId)) return false;
    const text = await this.command('reading presence', this.client.get(this.presenceKey(agentId)));
    if (text === null) return false;
    const parsed = PresenceSchema.safeParse(parseJson(text));
    return parsed.success && parsed.data.expiresAt > now.getTime();
  }

  async agentsOnDuty(queueId: string, now: Date): Promise<number> {
    if (!isKeyPart(queueId)) return 0;
    // Expired agents stay until a heartbeat trims them; counting only later expiries ignores them.
    return this.command(
      'counting agents on duty',
      this.client.zcount(this.dutyKey(queueId), `(${now.getTime()}`, '+inf'),
    );
  }

  subscribe(listener: (queueId: string) => void): () => void {
    const subscription: Subscription = { listener };
    const first = this.listeners.size === 0;
    this.listeners.add(subscription);
    if (first) {
      // SUBSCRIBE completes asynchronously; a change made before it does would be missed, so every
      // queue this instance knows of gets one hint once it is active (a spare hint costs one read).
      this.subscriber.subscribe(this.channel).then(
        () => this.hintKnownQueues(),
        (error: unknown) => this.onError(asError(error, `SUBSCRIBE ${this.channel} failed`)),
      );
    }
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      this.listeners.delete(subscription);
      if (this.listeners.size > 0) return;
      this.subscriber
        .unsubscribe(this.channel)
        .catch((error: unknown) => this.onError(asError(error, `UNSUBSCRIBE ${this.channel} failed`)));
    };
  }

  async announce(queueId: string): Promise<void> {
    if (!isKeyPart(queueId)) return;
    await this.command('announcing a queue change', this.client.publish(this.channel, queueId));
  }

  async close(): Promise<void> {
    this.subscriber.off('message', this.onMessage);
    this.subscriber.off('ready', this.onReady);
    this.listeners.clear();
    await Promise.all([closeConnection(this.client), closeConnection(this.subscriber)]);
  }

  /** Runs one of SCRIPTS (defined on the client in the constructor) as EVALSHA. */
  private async script(
    operation: string,
    name: ScriptName,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<unknown> {
    const command: unknown = Reflect.get(this.client, name);
    if (typeof command !== 'function')
      throw new Error(`handoff queue: script command ${name} is not defined on the client`);
    // Commands defined with defineCommand are not in ioredis's types; the reply is checked by the caller.
    const reply: unknown = Reflect.apply(command, this.client, [keys.length, ...keys, this.prefix, ...args]);
    return this.command(operation, Promise.resolve(reply));
  }

  private async command<T>(operation: string, reply: Promise<T>): Promise<T> {
    return reply.catch((error: unknown) => {
      throw redisFailure(`handoff queue: ${operation}`, error);
    });
  }

  private claimed(reply: unknown, operation: string): Assignment | undefined {
    const text = JsonOrNilReply.parse(reply);
    if (text === null) return undefined;
    const parsed = AssignmentSchema.safeParse(parseJson(text));
    if (parsed.success) {
      this.remember(parsed.data.entry.queueId);
      return parsed.data;
    }
    // The script checked the entry's id and queue, so only a field the script does not look at is
    // broken. The conversation is held (and shows in allAssignments, where it is skipped as
    // unreadable) but cannot be served; say so rather than pass it on silently.
    this.onError(new Error(`handoff queue: ${operation} took an unreadable entry: ${parsed.error.message}`));
    return undefined;
  }

  private readEntry(text: string, conversationId?: string): QueueEntry | undefined {
    // Only this class writes these keys; anything unreadable is treated as no entry at all.
    const parsed = QueueEntrySchema.safeParse(parseJson(text));
    if (!parsed.success) return undefined;
    if (conversationId !== undefined && parsed.data.conversationId !== conversationId) return undefined;
    return parsed.data;
  }

  private async readAssignment(conversationId: string): Promise<{ assignment: Assignment; text: string } | undefined> {
    if (!isConversationId(conversationId)) return undefined;
    const text = await this.command('reading an assignment', this.client.get(this.assignedKey(conversationId)));
    if (text === null) return undefined;
    const parsed = AssignmentSchema.safeParse(parseJson(text));
    return parsed.success && parsed.data.entry.conversationId === conversationId
      ? { assignment: parsed.data, text }
      : undefined;
  }

  private async readAssignments(operation: string, setKey: string): Promise<Assignment[]> {
    const reply = StringListReply.parse(await this.script(operation, 'bsaHandoffAssignments', [setKey], []));
    const assignments: Assignment[] = [];
    // Pairs of (id from the set, assignment JSON); the JSON must be that id's.
    for (let i = 0; i + 1 < reply.length; i += 2) {
      const parsed = AssignmentSchema.safeParse(parseJson(reply[i + 1] ?? ''));
      if (parsed.success && parsed.data.entry.conversationId === reply[i]) assignments.push(parsed.data);
    }
    return assignments.sort(byClaim);
  }

  private received(channel: string, message: string): void {
    if (channel !== this.channel) return;
    // Anyone with access may publish here; only a queue id is passed on (a hint is advisory anyway).
    if (!isKeyPart(message)) return;
    this.remember(message);
    this.hint(message);
  }

  /** After a reconnect the new connection has no subscription, and hints sent meanwhile were lost. */
  private resubscribe(): void {
    if (this.listeners.size === 0) return;
    this.subscriber.subscribe(this.channel).then(
      () => this.hintKnownQueues(),
      (error: unknown) => this.onError(asError(error, 'resubscribing after reconnect failed')),
    );
  }

  private hintKnownQueues(): void {
    for (const queueId of [...this.knownQueues]) this.hint(queueId);
  }

  private hint(queueId: string): void {
    // A copy: a listener may unsubscribe (itself or others) while being called.
    for (const { listener } of [...this.listeners]) {
      try {
        listener(queueId);
      } catch (error) {
        // One broken listener must not stop the others, nor escape into ioredis's event emitter.
        this.onError(asError(error, `handoff hint listener for queue ${queueId} threw`));
      }
    }
  }

  private remember(queueId: string): void {
    if (this.knownQueues.has(queueId)) return;
    if (this.knownQueues.size >= KNOWN_QUEUES_KEPT) {
      const oldest = this.knownQueues.values().next();
      if (!oldest.done) this.knownQueues.delete(oldest.value);
    }
    this.knownQueues.add(queueId);
  }

  private queueKey(queueId: string): string {
    return this.keys.handoffQueue(queueId);
  }

  private entryKey(conversationId: string): string {
    return this.keys.handoffEntry(conversationId);
  }

  private offeredKey(conversationId: string): string {
    return this.keys.handoffOffered(conversationId);
  }

  private assignedKey(conversationId: string): string {
    return this.keys.handoffAssigned(conversationId);
  }

  private agentKey(agentId: string): string {
    return this.keys.handoffAgent(agentId);
  }

  private assignmentsKey(): string {
    return this.keys.handoffAssignments();
  }

  private handlingKey(queueId: string): string {
    return this.keys.handoffHandlingTimes(queueId);
  }

  private dutyKey(queueId: string): string {
    return this.keys.handoffDuty(queueId);
  }

  private presenceKey(agentId: string): string {
    return this.keys.handoffPresence(agentId);
  }

  private statusKey(agentId: string): string {
    return this.keys.handoffStatus(agentId);
  }
}

interface Subscription {
  readonly listener: (queueId: string) => void;
}

/**
 * Shared by every script: ARGV[1] is the key prefix, from which keys of conversations found in a
 * queue are named. Ids are checked again here before they name a key, as queue members and
 * presence JSON come from Redis, not from the checked arguments.
 */
const PRELUDE = `
local P = ARGV[1]
local function isKeyPart(s)
  return type(s) == 'string' and #s <= 64 and string.match(s, '^[a-z0-9][a-z0-9_%-]*$') ~= nil
end
local function isConversationId(s)
  return type(s) == 'string' and #s <= 200 and string.match(s, '^[A-Za-z0-9_.~%-]+$') ~= nil
end
-- A conversation's entry JSON and its queue id, or nil when it has none that is readable as its own.
local function entryOf(cid)
  if not isConversationId(cid) then return nil end
  local raw = redis.call('GET', P .. 'handoff:entry:' .. cid)
  if not raw then return nil end
  local ok, e = pcall(cjson.decode, raw)
  if not ok or type(e) ~= 'table' or e.conversationId ~= cid or not isKeyPart(e.queueId) then return nil end
  return raw, e.queueId
end
-- Waiting: a readable entry whose id is in its own queue. Returns the JSON, queue id and queue key.
local function waitingIn(cid)
  local raw, q = entryOf(cid)
  if not raw then return nil end
  local qk = P .. 'handoff:queue:' .. q
  if not redis.call('ZSCORE', qk, cid) then return nil end
  return raw, q, qk
end
-- Drops ids whose entry expired (retention), is unreadable, or now waits in another queue.
local function prune(qk, q)
  for _, cid in ipairs(redis.call('ZRANGE', qk, 0, -1)) do
    local raw, eq = entryOf(cid)
    if not raw or eq ~= q then redis.call('ZREM', qk, cid) end
  end
end
-- Moves a waiting entry to an agent. The agent id and time were checked by the caller (safe
-- alphabets), so the assignment JSON can be put together around the entry's JSON as stored.
local function take(cid, raw, q, qk, agentKey, allKey, agent, at, retention, channel)
  redis.call('ZREM', qk, cid)
  redis.call('DEL', P .. 'handoff:entry:' .. cid, P .. 'handoff:offered:' .. cid)
  local assignment = '{"entry":' .. raw .. ',"agentId":"' .. agent .. '","claimedAt":"' .. at .. '"}'
  redis.call('SET', P .. 'handoff:assigned:' .. cid, assignment, 'EX', retention)
  redis.call('SADD', agentKey, cid)
  redis.call('SADD', allKey, cid)
  redis.call('PUBLISH', channel, q)
  return assignment
end
`;

/**
 * KEYS: queue, entry, assigned, offered. ARGV: prefix, id, entry JSON, score, retention, channel, queue id.
 * 1 if added; 0 (nothing changed) when the conversation is waiting or assigned.
 */
const ENQUEUE = `
if redis.call('EXISTS', KEYS[2]) == 1 or redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
redis.call('SET', KEYS[2], ARGV[3], 'EX', ARGV[5])
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[2])
redis.call('DEL', KEYS[4])
redis.call('PUBLISH', ARGV[6], ARGV[7])
return 1
`;

/** KEYS: entry. ARGV: prefix, id. {entry JSON, 1-based place} or nil when not waiting. */
const POSITION = `
local raw, q, qk = waitingIn(ARGV[2])
if not raw then return false end
prune(qk, q)
return {raw, redis.call('ZRANK', qk, ARGV[2]) + 1}
`;

/** KEYS: queues. ARGV: prefix, their queue ids. The entries' JSON, queue by queue (merged by the caller). */
const WAITING = `
local out = {}
for i, qk in ipairs(KEYS) do
  prune(qk, ARGV[i + 1])
  for _, cid in ipairs(redis.call('ZRANGE', qk, 0, -1)) do
    local raw = entryOf(cid)
    if raw then table.insert(out, raw) end
  end
end
return out
`;

/** KEYS: agent's set, all assignments. ARGV: prefix, agent, claimedAt, retention, channel, id. Assignment JSON or nil. */
const CLAIM = `
local raw, q, qk = waitingIn(ARGV[6])
if not raw then return false end
return take(ARGV[6], raw, q, qk, KEYS[1], KEYS[2], ARGV[2], ARGV[3], ARGV[4], ARGV[5])
`;

/**
 * KEYS: agent's set, all assignments, queues. ARGV: prefix, agent, claimedAt, retention, channel,
 * the queues' ids. Takes the first waiting entry of all the queues: lowest score, then lowest id.
 */
const CLAIM_NEXT = `
-- Byte order, as sorted sets order equal scores (Lua's < on strings follows the server's locale).
local function before(a, b)
  for i = 1, math.min(#a, #b) do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then return x < y end
  end
  return #a < #b
end
local best
for i = 3, #KEYS do
  local qk, q = KEYS[i], ARGV[i + 3]
  while true do
    local head = redis.call('ZRANGE', qk, 0, 0, 'WITHSCORES')
    if #head == 0 then break end
    local cid, score = head[1], tonumber(head[2])
    local raw, eq = entryOf(cid)
    if raw and eq == q then
      if not best or score < best.score or (score == best.score and before(cid, best.cid)) then
        best = {cid = cid, score = score, raw = raw, q = q, qk = qk}
      end
      break
    end
    -- Expired or unreadable: never served, and no longer in the way.
    redis.call('ZREM', qk, cid)
  end
end
if not best then return false end
return take(best.cid, best.raw, best.q, best.qk, KEYS[1], KEYS[2], ARGV[2], ARGV[3], ARGV[4], ARGV[5])
`;

/** KEYS: entry, offered. ARGV: prefix, id, channel. The removed entry's JSON, or nil when not waiting. */
const CANCEL = `
local raw, q, qk = waitingIn(ARGV[2])
if not raw then return false end
redis.call('ZREM', qk, ARGV[2])
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('PUBLISH', ARGV[3], q)
return raw
`;

/**
 * KEYS: assigned, agent's set, all assignments, entry, queue, offered. ARGV: prefix, id, assignment
 * JSON as read, new entry JSON, score, retention, channel, queue id. 1 if returned to the queue;
 * 0 if the assignment is no longer the one read (completed, released, or taken over meanwhile).
 */
const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[3] then return 0 end
redis.call('DEL', KEYS[1], KEYS[6])
redis.call('SREM', KEYS[2], ARGV[2])
redis.call('SREM', KEYS[3], ARGV[2])
redis.call('SET', KEYS[4], ARGV[4], 'EX', ARGV[6])
redis.call('ZADD', KEYS[5], ARGV[5], ARGV[2])
redis.call('PUBLISH', ARGV[7], ARGV[8])
return 1
`;

/**
 * KEYS: assigned, agent's set, all assignments, handling times. ARGV: prefix, id, assignment JSON
 * as read, handling ms, channel, queue id. 1 if ended; 0 if the assignment is no longer the one read.
 */
const COMPLETE = `
if redis.call('GET', KEYS[1]) ~= ARGV[3] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[2])
redis.call('SREM', KEYS[3], ARGV[2])
redis.call('LPUSH', KEYS[4], ARGV[4])
redis.call('LTRIM', KEYS[4], 0, ${HANDLING_TIMES_KEPT - 1})
redis.call('PUBLISH', ARGV[5], ARGV[6])
return 1
`;

/**
 * KEYS: entry, offered, assigned, all assignments. ARGV: prefix, id, channel. Takes the conversation
 * out of its queue and off its agent, whatever state it is in; returns the queue id it was in, or nil.
 */
const FORGET = `
local cid = ARGV[2]
local q
local raw, eq = entryOf(cid)
if raw then
  q = eq
  redis.call('ZREM', P .. 'handoff:queue:' .. eq, cid)
end
local held = redis.call('GET', KEYS[3])
if held then
  local ok, a = pcall(cjson.decode, held)
  if ok and type(a) == 'table' then
    if isKeyPart(a.agentId) then redis.call('SREM', P .. 'handoff:agent:' .. a.agentId, cid) end
    if type(a.entry) == 'table' and isKeyPart(a.entry.queueId) then q = a.entry.queueId end
  end
end
redis.call('SREM', KEYS[4], cid)
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
if not q then return false end
redis.call('PUBLISH', ARGV[3], q)
return q
`;

/** KEYS: offered. ARGV: prefix, id, retention. 1 only for the first call while the entry waits. */
const MARK_OFFERED = `
if not waitingIn(ARGV[2]) then return 0 end
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[3]) then return 1 end
return 0
`;

/**
 * KEYS: a set of conversation ids (an agent's, or all). ARGV: prefix. Pairs of id and assignment
 * JSON; ids whose assignment has expired are dropped from the set.
 */
const ASSIGNMENTS = `
local out = {}
for _, cid in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local raw = false
  if isConversationId(cid) then raw = redis.call('GET', P .. 'handoff:assigned:' .. cid) end
  if raw then
    table.insert(out, cid)
    table.insert(out, raw)
  else
    redis.call('SREM', KEYS[1], cid)
  end
end
return out
`;

/**
 * KEYS: presence, status, then the duty sets of the queues served. ARGV: prefix, agent, on duty
 * until (ms), ttl (ms), now (ms), presence JSON, how long a status is kept (ms), channel, the queue
 * ids. Leaves the duty sets of queues no longer served; an agent away or on a break is in none.
 * Coming on duty (or leaving a queue) hints the queues concerned: their estimates change.
 */
const HEARTBEAT = `
local serves = {}
for i = 9, #ARGV do serves[ARGV[i]] = true end
local status = redis.call('GET', KEYS[2])
local available = (not status) or status == 'available'
if status then redis.call('PEXPIRE', KEYS[2], ARGV[7]) end
local old = redis.call('GET', KEYS[1])
local was = {}
local wasOnDuty = false
if old then
  local ok, p = pcall(cjson.decode, old)
  if ok and type(p) == 'table' and type(p.queueIds) == 'table' then
    wasOnDuty = type(p.expiresAt) == 'number' and p.expiresAt > tonumber(ARGV[5])
    for _, q in ipairs(p.queueIds) do
      if isKeyPart(q) then
        was[q] = true
        if not serves[q] then
          redis.call('ZREM', P .. 'handoff:duty:' .. q, ARGV[2])
          redis.call('PUBLISH', ARGV[8], q)
        end
      end
    end
  end
end
for i = 9, #ARGV do
  if not (wasOnDuty and was[ARGV[i]]) then redis.call('PUBLISH', ARGV[8], ARGV[i]) end
end
-- The expiry is judged by the callers' clock (the value); PX only removes the key eventually.
redis.call('SET', KEYS[1], ARGV[6], 'PX', ARGV[4])
local ttl = tonumber(ARGV[4])
for i = 3, #KEYS do
  if available then redis.call('ZADD', KEYS[i], ARGV[3], ARGV[2]) else redis.call('ZREM', KEYS[i], ARGV[2]) end
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', ARGV[5])
  -- Lets a duty set nobody heartbeats any more go, without cutting short a longer ttl of another agent.
  if redis.call('PTTL', KEYS[i]) < ttl then redis.call('PEXPIRE', KEYS[i], ttl) end
end
return 1
`;

/**
 * KEYS: presence, status. ARGV: prefix, agent, status, now (ms), how long a status is kept (ms),
 * channel. Joins (available) or leaves (away, break) the duty sets of the queues the connected
 * agent serves, with the presence's own expiry, and hints each of those queues.
 */
const SET_STATUS = `
if ARGV[3] == 'available' then redis.call('DEL', KEYS[2]) else redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[5]) end
local raw = redis.call('GET', KEYS[1])
if not raw then return 1 end
local ok, p = pcall(cjson.decode, raw)
if not ok or type(p) ~= 'table' or type(p.queueIds) ~= 'table' or type(p.expiresAt) ~= 'number' then return 1 end
for _, q in ipairs(p.queueIds) do
  if isKeyPart(q) then
    local duty = P .. 'handoff:duty:' .. q
    if ARGV[3] == 'available' and p.expiresAt > tonumber(ARGV[4]) then
      redis.call('ZADD', duty, p.expiresAt, ARGV[2])
    else
      redis.call('ZREM', duty, ARGV[2])
    end
    redis.call('PUBLISH', ARGV[6], q)
  end
end
return 1
`;

/** KEYS: presence, status. ARGV: prefix, agent, channel. Leaves (and hints) every duty set the presence names. */
const SIGN_OFF = `
local old = redis.call('GET', KEYS[1])
if old then
  local ok, p = pcall(cjson.decode, old)
  if ok and type(p) == 'table' and type(p.queueIds) == 'table' then
    for _, q in ipairs(p.queueIds) do
      if isKeyPart(q) then
        redis.call('ZREM', P .. 'handoff:duty:' .. q, ARGV[2])
        redis.call('PUBLISH', ARGV[3], q)
      end
    end
  end
end
redis.call('DEL', KEYS[1], KEYS[2])
return 1
`;

/** Command names on the client; prefixed, as a client may carry other stores' commands too. */
const SCRIPTS = {
  bsaHandoffEnqueue: PRELUDE + ENQUEUE,
  bsaHandoffSetStatus: PRELUDE + SET_STATUS,
  bsaHandoffPosition: PRELUDE + POSITION,
  bsaHandoffWaiting: PRELUDE + WAITING,
  bsaHandoffClaim: PRELUDE + CLAIM,
  bsaHandoffClaimNext: PRELUDE + CLAIM_NEXT,
  bsaHandoffCancel: PRELUDE + CANCEL,
  bsaHandoffRelease: PRELUDE + RELEASE,
  bsaHandoffComplete: PRELUDE + COMPLETE,
  bsaHandoffForget: PRELUDE + FORGET,
  bsaHandoffMarkOffered: PRELUDE + MARK_OFFERED,
  bsaHandoffAssignments: PRELUDE + ASSIGNMENTS,
  bsaHandoffHeartbeat: PRELUDE + HEARTBEAT,
  bsaHandoffSignOff: PRELUDE + SIGN_OFF,
} as const;
type ScriptName = keyof typeof SCRIPTS;

/** Reads skip queue ids that could not be keys (nothing can wait there); duplicates are read once. */
function validQueueIds(queueIds: readonly string[]): string[] {
  return [...new Set(queueIds.filter(isKeyPart))];
}

/**
 * Without an onError the failure still reaches stderr (and process 'warning' listeners). As a
 * string: emitWarning refuses an Error made in another realm (a jest or vm context), and a throw
 * here would escape the very catch that reports a listener's failure.
 */
function reportAsWarning(error: Error): void {
  process.emitWarning(error.message, 'HandoffQueueWarning');
}
