import type { Storage, StoreItems } from 'botbuilder';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { redisFailure } from '../storage/redis-connection';
import { DEFAULT_REDIS_KEY_PREFIX, RedisKeys } from '../storage/redis-keys';

export interface RedisBotStorageOptions {
  /**
   * Command connection (see createRedisClients). Not owned: it is usually shared with
   * RedisConversationStore, whose close() closes it.
   */
  readonly client: Redis;
  readonly prefix?: string;
  /** Dialogue state expires with the conversation it belongs to. */
  readonly retentionSeconds: number;
}

/**
 * botbuilder state (ConversationState, UserState) in Redis, shared by every bot instance, with
 * MemoryStorage's optimistic concurrency: a write whose eTag is set, is not '*', and differs from
 * the stored item's eTag fails, so two instances handling turns of one conversation at once cannot
 * silently overwrite each other's state. Each item is a hash `<prefix>state:<key>` with fields
 * `etag` and `item` (the JSON, eTag included).
 *
 * One difference from MemoryStorage: a write of several keys is all-or-nothing. MemoryStorage
 * writes the other keys and still rejects; here a conflict on any key writes none of them.
 */
export class RedisBotStorage implements Storage {
  private readonly client: Redis;
  private readonly prefix: string;
  private readonly keys: RedisKeys;
  private readonly retentionSeconds: number;

  constructor(options: RedisBotStorageOptions) {
    if (!Number.isInteger(options.retentionSeconds) || options.retentionSeconds < 1) {
      // EXPIRE takes whole seconds; 0 or a fraction would delete keys at once or be refused.
      throw new Error(`retentionSeconds must be a whole number of seconds ≥ 1, not ${options.retentionSeconds}`);
    }
    this.client = options.client;
    this.prefix = options.prefix ?? DEFAULT_REDIS_KEY_PREFIX;
    this.keys = new RedisKeys(this.prefix);
    this.retentionSeconds = options.retentionSeconds;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const reply = await this.command(
      'read',
      this.client.eval(READ_SCRIPT, keys.length, ...keys.map((key) => this.stateKey(key))),
    );
    if (!Array.isArray(reply) || reply.length !== keys.length) throw new Error('unexpected reply to state read');
    const items: StoreItems = {};
    keys.forEach((key, index) => {
      const json: unknown = reply[index];
      const item = typeof json === 'string' ? parseItem(json) : undefined;
      // Missing keys are left out, as MemoryStorage does; botbuilder then starts from empty state.
      if (item) items[key] = item;
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries: [string, unknown][] = Object.entries(changes);
    if (entries.length === 0) return;
    const keys: string[] = [];
    const args: string[] = [String(this.retentionSeconds)];
    for (const [key, item] of entries) {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        throw new Error(`Storage: error writing "${key}": the item must be an object.`);
      }
      const eTag = randomUUID();
      keys.push(this.stateKey(key));
      args.push(expectedETag(item), eTag, JSON.stringify({ ...item, eTag }));
    }
    const conflict = await this.command('write', this.client.eval(WRITE_SCRIPT, keys.length, ...keys, ...args));
    if (conflict === 0) return;
    const conflicting = typeof conflict === 'number' ? entries[conflict - 1] : undefined;
    if (!conflicting) throw new Error(`unexpected reply to state write: ${String(conflict)}`);
    throw new Error(`Storage: error writing "${conflicting[0]}" due to eTag conflict.`);
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.command('delete', this.client.del(...keys.map((key) => this.stateKey(key))));
  }

  private async command<T>(operation: string, reply: Promise<T>): Promise<T> {
    return reply.catch((error: unknown) => {
      throw redisFailure(`bot state storage: ${operation}`, error);
    });
  }

  private stateKey(key: string): string {
    return this.keys.botState(key);
  }
}

/**
 * The eTag a write is conditional on, '' or '*' for an unconditional write. MemoryStorage also
 * writes unconditionally when the eTag is missing or empty (a first save of new state).
 */
function expectedETag(item: object): string {
  const eTag: unknown = 'eTag' in item ? item.eTag : undefined;
  if (!eTag) return '';
  // Any other value matches no stored eTag (ours are UUIDs; MemoryStorage compares strictly).
  return typeof eTag === 'string' ? eTag : inspect(eTag);
}

/** Only this class writes these keys; an unreadable item is treated as missing (fresh state). */
function parseItem(json: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return { ...value };
}

/** KEYS: state keys. Returns each key's item JSON, or nil where it is missing. */
const READ_SCRIPT = `
local items = {}
for i, key in ipairs(KEYS) do
  items[i] = redis.call('HGET', key, 'item')
end
return items
`;

/**
 * Compare-and-set for every key at once: checks all eTags first, then writes all, so a conflict
 * writes nothing. An item that does not exist yet is written whatever eTag it carries (MemoryStorage
 * does the same). KEYS: state keys. ARGV[1]: retention seconds; then per key: expected eTag ('' or
 * '*' for unconditional), new eTag, item JSON. Returns 0, or the 1-based index of the conflicting key.
 */
const WRITE_SCRIPT = `
for i, key in ipairs(KEYS) do
  local expected = ARGV[2 + (i - 1) * 3]
  if expected ~= '' and expected ~= '*' then
    local current = redis.call('HGET', key, 'etag')
    if current and current ~= expected then return i end
  end
end
for i, key in ipairs(KEYS) do
  local base = 2 + (i - 1) * 3
  redis.call('HSET', key, 'etag', ARGV[base + 1], 'item', ARGV[base + 2])
  redis.call('EXPIRE', key, ARGV[1])
end
return 0
`;
