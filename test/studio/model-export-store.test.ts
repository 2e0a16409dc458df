import type { Redis } from 'ioredis';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { serialize } from 'node:v8';
import { RedisKeys } from '../../bot/storage/redis-keys';
import { DiskModelExportStore } from '../../bot/studio/disk-model-export-store';
import { MODEL_EXPORT_FORMAT, type ModelExport } from '../../bot/studio/model-export';
import type { ModelExportStore } from '../../bot/studio/model-export-store';
import { RedisModelExportStore } from '../../bot/studio/redis-model-export-store';
import { IntentClassifier } from '../../intents/intent-classifier';
import { exportClassifier, importClassifier } from '../../intents/trained-classifier-export';
import { sharedTrainedClassifier, type SharedClassifier } from '../support/shared-trained-classifier';
import { commandConnection, uniquePrefix, useThrowawayRedis } from '../support/use-throwaway-redis';

const redis = useThrowawayRedis();
const FINGERPRINT = 'a'.repeat(64);
let shared: SharedClassifier;
let exported: ModelExport;

beforeAll(async () => {
  shared = await sharedTrainedClassifier();
  exported = {
    format: MODEL_EXPORT_FORMAT,
    fingerprint: FINGERPRINT,
    trainedAt: new Date().toISOString(),
    classifier: exportClassifier(shared.classifier.model),
  };
}, 300_000);

interface Fixture {
  readonly store: ModelExportStore;
  readonly peer: () => Promise<ModelExportStore>;
  readonly damage: (fingerprint: string, bytes: Buffer) => Promise<void>;
  readonly unusable: string[];
  readonly cleanup: () => Promise<void>;
}

function modelExportStoreContract(name: string, create: () => Promise<Fixture>): void {
  async function withStore(test: (fixture: Fixture) => Promise<void>): Promise<void> {
    const fixture = await create();
    try {
      await test(fixture);
    } finally {
      await fixture.cleanup();
    }
  }

  describe(`${name} (ModelExportStore contract)`, () => {
    it('has nothing for files it never saw', () =>
      withStore(async ({ store }) => {
        expect(await store.get(FINGERPRINT)).toBeUndefined();
        expect(await store.get('not a fingerprint')).toBeUndefined();
      }));

    it('gives another instance the stored model, which classifies exactly as the original', () =>
      withStore(async ({ store, peer }) => {
        await store.put(exported);
        const stored = await (await peer()).get(FINGERPRINT);
        expect(stored?.fingerprint).toBe(FINGERPRINT);
        const imported = new IntentClassifier(await importClassifier((stored as ModelExport).classifier));
        const messages = [
          ...shared.corpus.da.slice(0, 150).map((e) => ({ text: e.text, language: 'da' as const })),
          ...shared.corpus.en.slice(0, 50).map((e) => ({ text: e.text, language: 'en' as const })),
          { text: 'hvad koster et pas til et barn', language: 'da' as const },
          { text: 'jeg har mistet mit gule kort', language: 'da' as const },
          { text: 'qwerty asdf', language: 'da' as const },
        ];
        for (const { text, language } of messages)
          expect(await imported.classify(text, language)).toEqual(await shared.classifier.classify(text, language));
      }));

    it('treats a damaged or older stored model as missing, and says so', () =>
      withStore(async ({ store, damage, unusable }) => {
        await damage(FINGERPRINT, Buffer.from('not a model'));
        expect(await store.get(FINGERPRINT)).toBeUndefined();
        await damage(FINGERPRINT, serialize({ ...exported, format: 0 }));
        expect(await store.get(FINGERPRINT)).toBeUndefined();
        expect(unusable).toHaveLength(2);
      }));
  });
}

modelExportStoreContract('DiskModelExportStore', async () => {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'bsa-models-'));
  const unusable: string[] = [];
  const open = () => new DiskModelExportStore(directory, (_fingerprint, reason) => unusable.push(reason));
  return {
    store: open(),
    peer: async () => open(),
    damage: async (fingerprint, bytes) => {
      await writeFile(path.join(directory, 'models', `${fingerprint}.v8`), bytes).catch(async () => {
        await open().put(exported);
        await writeFile(path.join(directory, 'models', `${fingerprint}.v8`), bytes);
      });
    },
    unusable,
    cleanup: () => rm(directory, { recursive: true, force: true }),
  };
});

modelExportStoreContract('RedisModelExportStore', async () => {
  const prefix = uniquePrefix();
  const connections: Redis[] = [];
  const unusable: string[] = [];
  const open = async () => {
    const client = await commandConnection(redis.url);
    connections.push(client);
    return new RedisModelExportStore({ client, prefix, onUnusable: (_fingerprint, reason) => unusable.push(reason) });
  };
  const store = await open();
  return {
    store,
    peer: open,
    damage: async (fingerprint, bytes) => {
      await connections[0]?.set(new RedisKeys(prefix).knowledgeModel(fingerprint), bytes);
    },
    unusable,
    cleanup: async () => {
      await Promise.all(connections.map((client) => client.quit()));
    },
  };
});

describe('DiskModelExportStore on disk', () => {
  it('keeps the newest five models and no temporary files', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'bsa-models-'));
    try {
      const store = new DiskModelExportStore(directory);
      for (let n = 0; n < 7; n += 1) {
        await store.put({ ...exported, fingerprint: String(n).repeat(64) });
        await new Promise((resolve) => setTimeout(resolve, 20)); // distinct modification times
      }
      const names = (await readdir(path.join(directory, 'models'))).sort();
      expect(names).toEqual(['2', '3', '4', '5', '6'].map((n) => `${n.repeat(64)}.v8`));
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
