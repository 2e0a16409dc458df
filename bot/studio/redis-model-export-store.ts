import type { Redis } from 'ioredis';
import { redisFailure } from '../storage/redis-connection';
import { RedisKeys } from '../storage/redis-keys';
import { parseModelExport, serialiseModelExport, type ModelExport } from './model-export';
import type { ModelExportStore } from './model-export-store';

/** Unused models expire; each read renews it, so the model in use stays while older ones go. */
const MODEL_TTL_SECONDS = 30 * 24 * 3600;

export interface RedisModelExportStoreOptions {
  /** Command connection (see createRedisClients); not owned, whoever created it closes it. */
  readonly client: Redis;
  readonly prefix?: string;
  readonly onUnusable?: (fingerprint: string, reason: string) => void;
}

/**
 * Models in Redis (`<prefix>knowledge:model:<fingerprint>`, v8-serialised bytes, about 15 MB), so
 * that only the instance that publishes trains and the others, and new ones, import. The only
 * knowledge key that expires: a missing model is trained again from the version's files.
 */
export class RedisModelExportStore implements ModelExportStore {
  private readonly client: Redis;
  private readonly keys: RedisKeys;
  private readonly onUnusable: (fingerprint: string, reason: string) => void;

  constructor(options: RedisModelExportStoreOptions) {
    this.client = options.client;
    this.keys = new RedisKeys(options.prefix);
    this.onUnusable = options.onUnusable ?? (() => undefined);
  }

  async get(fingerprint: string): Promise<ModelExport | undefined> {
    if (!/^[0-9a-f]{64}$/.test(fingerprint)) return undefined;
    const key = this.keys.knowledgeModel(fingerprint);
    const bytes = await this.client.getBuffer(key).catch((error: unknown) => {
      throw redisFailure('trained models: reading a model', error);
    });
    if (!bytes) return undefined;
    const parsed = parseModelExport(bytes);
    if ('unusable' in parsed) {
      this.onUnusable(fingerprint, parsed.unusable);
      return undefined;
    }
    await this.client.expire(key, MODEL_TTL_SECONDS).catch((error: unknown) => {
      throw redisFailure('trained models: renewing a model', error);
    });
    return parsed.export.fingerprint === fingerprint ? parsed.export : undefined;
  }

  async put(exported: ModelExport): Promise<void> {
    const bytes = serialiseModelExport(exported);
    await this.client
      .set(this.keys.knowledgeModel(exported.fingerprint), bytes, 'EX', MODEL_TTL_SECONDS)
      .catch((error: unknown) => {
        throw redisFailure('trained models: storing a model', error);
      });
  }
}
