import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { parseJson, redisFailure } from '../storage/redis-connection';
import { StaffIdSchema } from './staff-directory';
import {
  checkLifetimes,
  isSessionId,
  newStaffSession,
  secondsLeft,
  StaffSessionSchema,
  touched,
  type StaffSession,
  type StaffSessionLifetimes,
  type StaffSessionStore,
} from './staff-session-store';
import { DEFAULT_REDIS_KEY_PREFIX, RedisKeys } from '../storage/redis-keys';

export interface RedisStaffSessionStoreOptions extends StaffSessionLifetimes {
  /**
   * Command connection (see createRedisClients). Not owned: it is shared with the other Redis
   * stores, and whoever created it closes it.
   */
  readonly client: Redis;
  /** Namespaces every key, so several deployments can share one Redis. */
  readonly prefix?: string;
}

/** What is stored: the session without its id, which only the cookie holds. */
const StoredSessionSchema = StaffSessionSchema.omit({ id: true });

/**
 * Sessions in Redis, shared by every instance:
 * - `<prefix>staff-session:<sha256 of id>` a string with the session minus its id (JSON), expiring
 *   when the session would go idle (refreshed on every successful get);
 * - `<prefix>staff-sessions-of:<agentId>` a set of those hashes, for signing an agent out everywhere.
 * Keys hold the SHA-256 of the id, never the id: a copy of the database (a backup, a replica, a
 * support dump) hands out no session that is still live.
 *
 * The sign-out-everywhere script names keys it finds in the set, so this is for a single Redis (or
 * a primary with replicas), not Redis Cluster, like the conversation store.
 */
export class RedisStaffSessionStore implements StaffSessionStore {
  private readonly client: Redis;
  private readonly prefix: string;
  private readonly keys: RedisKeys;
  private readonly lifetimes: StaffSessionLifetimes;

  constructor(options: RedisStaffSessionStoreOptions) {
    checkLifetimes(options);
    this.client = options.client;
    this.prefix = options.prefix ?? DEFAULT_REDIS_KEY_PREFIX;
    this.keys = new RedisKeys(this.prefix);
    this.lifetimes = { idleSeconds: options.idleSeconds, absoluteSeconds: options.absoluteSeconds };
  }

  async create(agentId: string, now: Date): Promise<StaffSession> {
    const session = newStaffSession(agentId, now);
    const hash = sha256(session.id);
    await this.command(
      'creating a session',
      this.client.eval(
        CREATE_SCRIPT,
        2,
        this.sessionKey(hash),
        this.agentKey(agentId),
        JSON.stringify(stored(session)),
        this.expirySeconds(session, now),
        hash,
        this.lifetimes.absoluteSeconds,
      ),
    );
    return session;
  }

  async get(id: string, now: Date): Promise<StaffSession | undefined> {
    if (!isSessionId(id)) return undefined;
    const key = this.sessionKey(sha256(id));
    const text = await this.command('reading a session', this.client.get(key));
    if (text === null) return undefined;
    // Only this class writes these keys; anything unreadable counts as no session, so a tampered
    // or outdated entry can never sign anyone in.
    const parsed = StoredSessionSchema.safeParse(parseJson(text));
    if (!parsed.success) return undefined;
    const session: StaffSession = { id, ...parsed.data };
    if (secondsLeft(session, now, this.lifetimes) <= 0) {
      // Expired by the callers' clock though Redis still has it (its expiry is in whole seconds).
      await this.command('removing an expired session', this.client.del(key));
      return undefined;
    }
    const seen = touched(session, now);
    // XX: a sign-out that ran since the GET stays signed out; this must not bring the session back.
    const updated = await this.command(
      'refreshing a session',
      this.client.set(key, JSON.stringify(stored(seen)), 'EX', this.expirySeconds(seen, now), 'XX'),
    );
    return updated === null ? undefined : seen;
  }

  async delete(id: string): Promise<void> {
    if (!isSessionId(id)) return;
    // The hash stays in the agent's set until the set expires; deleting a missing key there is harmless.
    await this.command('deleting a session', this.client.del(this.sessionKey(sha256(id))));
  }

  async deleteAllOf(agentId: string): Promise<void> {
    if (!StaffIdSchema.safeParse(agentId).success) return;
    await this.command(
      'deleting all sessions of an agent',
      this.client.eval(DELETE_ALL_SCRIPT, 1, this.agentKey(agentId), this.sessionKey('')),
    );
  }

  /** The client is not owned (see the options), so there is nothing of this store's own to close. */
  async close(): Promise<void> {}

  private async command<T>(operation: string, reply: Promise<T>): Promise<T> {
    return reply.catch((error: unknown) => {
      throw redisFailure(`staff session store: ${operation}`, error);
    });
  }

  /** Until the session goes idle, or reaches its absolute limit if that comes first; at least 1 (EX 0 is refused). */
  private expirySeconds(session: StaffSession, now: Date): number {
    return Math.max(1, Math.ceil(secondsLeft(session, now, this.lifetimes)));
  }

  private sessionKey(hash: string): string {
    return this.keys.staffSession(hash);
  }

  private agentKey(agentId: string): string {
    return this.keys.staffSessionsOf(agentId);
  }
}

/**
 * Stores the session and adds it to its agent's set in one step, so a sign-out-everywhere running
 * at the same time cannot miss it. The set lives as long as its newest session can.
 * KEYS: session, agent set. ARGV: session JSON, session expiry seconds, id hash, absolute seconds.
 */
const CREATE_SCRIPT = `
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[4])
return 1
`;

/**
 * Deletes every session in the agent's set, and the set, atomically (see CREATE_SCRIPT).
 * KEYS: agent set. ARGV: session key prefix (the key without the hash).
 */
const DELETE_ALL_SCRIPT = `
local hashes = redis.call('SMEMBERS', KEYS[1])
for _, hash in ipairs(hashes) do redis.call('DEL', ARGV[1] .. hash) end
redis.call('DEL', KEYS[1])
return #hashes
`;

/** The key holds the id; the value holds the rest (StoredSessionSchema). */
function stored({ agentId, csrfToken, createdAt, lastSeenAt }: StaffSession): Omit<StaffSession, 'id'> {
  return { agentId, csrfToken, createdAt, lastSeenAt };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
