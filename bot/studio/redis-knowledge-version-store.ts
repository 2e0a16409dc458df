import type { Redis } from 'ioredis';
import { fingerprintOf, KnowledgeFilesSchema } from '../../knowledge/knowledge-files';
import { parseJson, redisFailure } from '../storage/redis-connection';
import { RedisKeys } from '../storage/redis-keys';
import { KnowledgeVersionSchema, summaryOf, type KnowledgeVersion, type VersionSummary } from './knowledge-version';
import { VersionConflictError, type KnowledgeVersionStore, type Publication } from './knowledge-version-store';
import { blobHash, splitFiles, VersionManifestSchema, type VersionManifest } from './version-manifest';

export interface RedisKnowledgeVersionStoreOptions {
  /** Command connection (see createRedisClients); not owned, whoever created it closes it. */
  readonly client: Redis;
  readonly prefix?: string;
}

/**
 * Publishes a manifest only if the newest version is still the one the editor based it on, in one
 * step: KEYS[1] latest number, KEYS[2] the new manifest, KEYS[3] the summaries; ARGV[1] basedOn,
 * ARGV[2] manifest JSON, ARGV[3] summary JSON. Returns the newest number when it refuses.
 */
const PUBLISH_SCRIPT = `
local latest = tonumber(redis.call('GET', KEYS[1]) or '0')
if latest ~= tonumber(ARGV[1]) then return {0, latest} end
local number = latest + 1
redis.call('SET', KEYS[2], ARGV[2])
redis.call('HSET', KEYS[3], tostring(number), ARGV[3])
redis.call('SET', KEYS[1], number)
return {1, number}
`;

/**
 * Versions in Redis, shared by every instance. Nothing here expires: versions are the content's
 * history and the rollback targets (run Redis with appendonly yes, README "Storage"). Keys:
 * - `<prefix>knowledge:latest` the newest version's number;
 * - `<prefix>knowledge:version:<n>` its manifest (JSON: summary and each file's sha256);
 * - `<prefix>knowledge:summaries` a hash of number → summary, for the version list;
 * - `<prefix>knowledge:blob:<sha256>` each file text, stored once.
 */
export class RedisKnowledgeVersionStore implements KnowledgeVersionStore {
  private readonly client: Redis;
  private readonly keys: RedisKeys;

  constructor(options: RedisKnowledgeVersionStoreOptions) {
    this.client = options.client;
    this.keys = new RedisKeys(options.prefix);
  }

  async latest(): Promise<KnowledgeVersion | undefined> {
    const latest = await this.command(
      'reading the newest version number',
      this.client.get(this.keys.knowledgeLatest()),
    );
    const number = Number(latest ?? '0');
    return Number.isInteger(number) && number >= 1 ? this.get(number) : undefined;
  }

  async get(number: number): Promise<KnowledgeVersion | undefined> {
    if (!Number.isInteger(number) || number < 1) return undefined;
    const text = await this.command(`reading version ${number}`, this.client.get(this.keys.knowledgeVersion(number)));
    if (text === null) return undefined;
    const manifest = VersionManifestSchema.parse(parseJson(text));
    const entries = Object.entries(manifest.files);
    const texts =
      entries.length === 0
        ? []
        : await this.command(
            `reading the files of version ${number}`,
            this.client.mget(entries.map(([, hash]) => this.keys.knowledgeBlob(hash))),
          );
    const files: Record<string, string> = {};
    entries.forEach(([relative, hash], index) => {
      const fileText = texts[index];
      // A missing or altered file text would publish something nobody wrote: refuse the version.
      if (fileText === null || fileText === undefined || blobHash(fileText) !== hash)
        throw new Error(`knowledge history: file ${relative} of version ${number} is missing or damaged`);
      files[relative] = fileText;
    });
    return KnowledgeVersionSchema.parse({ ...manifest, files });
  }

  async list(): Promise<readonly VersionSummary[]> {
    const all = await this.command('listing versions', this.client.hgetall(this.keys.knowledgeSummaries()));
    return Object.values(all)
      .flatMap((text) => {
        const parsed = VersionManifestSchema.omit({ files: true }).safeParse(parseJson(text));
        return parsed.success ? [parsed.data] : [];
      })
      .sort((a, b) => b.number - a.number);
  }

  async publish(publication: Publication, basedOn: number): Promise<KnowledgeVersion> {
    const files = KnowledgeFilesSchema.parse(publication.files);
    const { table, blobs } = splitFiles(files);
    // File texts first (content-addressed, so writing one twice is harmless); the manifest names them.
    if (blobs.size > 0) {
      const pipeline = this.client.pipeline();
      for (const [hash, text] of blobs) pipeline.set(this.keys.knowledgeBlob(hash), text, 'NX');
      const replies = await this.command('storing file texts', pipeline.exec());
      const failed = replies?.find(([error]) => error !== null)?.[0];
      if (!replies || failed)
        throw redisFailure('knowledge history: storing file texts', failed ?? new Error('no reply'));
    }
    const manifest: VersionManifest = VersionManifestSchema.parse({
      number: basedOn + 1,
      publishedAt: new Date().toISOString(),
      author: publication.author,
      comment: publication.comment,
      ...(publication.restores !== undefined ? { restores: publication.restores } : {}),
      fingerprint: fingerprintOf(files),
      files: table,
    });
    const summary = summaryOf(manifest);
    const reply = await this.command(
      'publishing a version',
      this.client.eval(
        PUBLISH_SCRIPT,
        3,
        this.keys.knowledgeLatest(),
        this.keys.knowledgeVersion(manifest.number),
        this.keys.knowledgeSummaries(),
        String(basedOn),
        JSON.stringify(manifest),
        JSON.stringify(summary),
      ),
    );
    const [published, latest] = Array.isArray(reply) ? reply.map(Number) : [];
    if (published !== 1) throw new VersionConflictError(basedOn, latest ?? Number.NaN);
    return KnowledgeVersionSchema.parse({ ...summary, files });
  }

  private async command<T>(operation: string, pending: Promise<T>): Promise<T> {
    return pending.catch((error: unknown) => {
      throw redisFailure(`knowledge history: ${operation}`, error);
    });
  }
}
