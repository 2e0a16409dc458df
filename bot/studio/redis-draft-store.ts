import type { Redis } from 'ioredis';
import { z } from 'zod';
import { parseJson, redisFailure } from '../storage/redis-connection';
import { RedisKeys } from '../storage/redis-keys';
import { DraftConflictError, DraftFileSchema, type DraftChange, type DraftFile, type DraftStore } from './draft-store';
import { ExpectedRevisionSchema, nextDraft, PublishedRevisionsSchema } from './draft-change';

export interface RedisDraftStoreOptions {
  /** Command connection (see createRedisClients); not owned, whoever created it closes it. */
  readonly client: Redis;
  readonly prefix?: string;
}

/** The revision of a stored draft (0: none); a helper shared by the scripts below. */
const REVISION_OF = `
local function revision_of(text)
  if not text then return 0 end
  return tonumber(cjson.decode(text).revision)
end
`;

/**
 * Compare-and-set: KEYS[1] the drafts hash; ARGV[1] path, ARGV[2] expected revision, ARGV[3] the
 * new draft JSON, or '' to remove it. Returns {1} when done, {0, current JSON or ''} when the
 * revision was not the expected one.
 */
const COMPARE_AND_SET_SCRIPT = `${REVISION_OF}
local current = redis.call('HGET', KEYS[1], ARGV[1])
if revision_of(current) ~= tonumber(ARGV[2]) then return {0, current or ''} end
if ARGV[3] == '' then redis.call('HDEL', KEYS[1], ARGV[1]) else redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) end
return {1}
`;

/** KEYS[1] the drafts hash; ARGV pairs of path and published revision: drops each still at it. */
const SETTLE_SCRIPT = `${REVISION_OF}
for i = 1, #ARGV, 2 do
  local current = redis.call('HGET', KEYS[1], ARGV[i])
  if current and revision_of(current) == tonumber(ARGV[i + 1]) then redis.call('HDEL', KEYS[1], ARGV[i]) end
end
return 1
`;

/**
 * The shared draft in Redis, shared by every instance: `<prefix>studio:drafts`, a hash of file
 * path → draft JSON. Each save and discard compares the revision and writes in one Lua script, so
 * of two editors saving on the same revision exactly one wins. Nothing expires: drafts are work
 * not yet published (run Redis with appendonly yes, README "Storage").
 */
export class RedisDraftStore implements DraftStore {
  private readonly client: Redis;
  private readonly key: string;

  constructor(options: RedisDraftStoreOptions) {
    this.client = options.client;
    this.key = new RedisKeys(options.prefix).studioDrafts();
  }

  async list(): Promise<DraftFile[]> {
    const all = await this.command('listing drafts', this.client.hgetall(this.key));
    return Object.values(all)
      .map((text) => this.parse(text))
      .sort((a, b) => a.path.localeCompare(b.path));
  }

  async get(path: string): Promise<DraftFile | undefined> {
    if (!DraftFileSchema.shape.path.safeParse(path).success) return undefined;
    const text = await this.command(`reading the draft of ${path}`, this.client.hget(this.key, path));
    return text === null ? undefined : this.parse(text);
  }

  async save(change: DraftChange, expectedRevision: number): Promise<DraftFile> {
    const draft = nextDraft(change, expectedRevision);
    await this.compareAndSet(draft.path, expectedRevision, JSON.stringify(draft), 'saving');
    return draft;
  }

  async discard(path: string, expectedRevision: number): Promise<boolean> {
    const valid = DraftFileSchema.shape.path.parse(path);
    const expected = ExpectedRevisionSchema.parse(expectedRevision);
    // Nothing to drop is what the editor wanted, whoever got there first.
    if (!(await this.get(valid))) return false;
    try {
      await this.compareAndSet(valid, expected, '', 'discarding');
      return true;
    } catch (error) {
      // Dropped by someone else between the read and the script: still nothing left to drop.
      if (error instanceof DraftConflictError && error.current === undefined) return false;
      throw error;
    }
  }

  async settle(published: readonly { readonly path: string; readonly revision: number }[]): Promise<void> {
    const valid = PublishedRevisionsSchema.parse(published);
    if (valid.length === 0) return;
    await this.command(
      'settling published drafts',
      this.client.eval(SETTLE_SCRIPT, 1, this.key, ...valid.flatMap(({ path, revision }) => [path, String(revision)])),
    );
  }

  private async compareAndSet(path: string, expected: number, json: string, operation: string): Promise<void> {
    const reply = await this.command(
      `${operation} the draft of ${path}`,
      this.client.eval(COMPARE_AND_SET_SCRIPT, 1, this.key, path, String(expected), json),
    );
    const parsed = z.tuple([z.number(), z.string().optional()]).safeParse(reply);
    if (!parsed.success) throw new Error(`studio drafts: unexpected reply from Redis while ${operation}`);
    const [done, current] = parsed.data;
    if (done === 1) return;
    throw new DraftConflictError(
      path,
      expected,
      current !== undefined && current !== '' ? this.parse(current) : undefined,
    );
  }

  /** A stored draft that is not valid was altered outside the studio: an error, not a silent skip. */
  private parse(text: string): DraftFile {
    const parsed = DraftFileSchema.safeParse(parseJson(text));
    if (!parsed.success) throw new Error('studio drafts: a stored draft in Redis is not valid; fix or remove it');
    return parsed.data;
  }

  private async command<T>(operation: string, pending: Promise<T>): Promise<T> {
    return pending.catch((error: unknown) => {
      throw redisFailure(`studio drafts: ${operation}`, error);
    });
  }
}
