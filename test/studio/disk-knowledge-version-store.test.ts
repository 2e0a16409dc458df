import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DiskKnowledgeVersionStore } from '../../bot/studio/disk-knowledge-version-store';
import { blobHash } from '../../bot/studio/version-manifest';
import { knowledgeVersionStoreContract } from './knowledge-version-store.contract';

knowledgeVersionStoreContract('DiskKnowledgeVersionStore', async () => {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'bsa-versions-'));
  const store = new DiskKnowledgeVersionStore(directory);
  return {
    store,
    openPeer: async () => new DiskKnowledgeVersionStore(directory),
    damageFile: async (version, file) => {
      const text = (await store.get(version))?.files[file] ?? '';
      await writeFile(path.join(directory, 'blobs', blobHash(text)), `${text}changed`);
    },
    cleanup: () => rm(directory, { recursive: true, force: true }),
  };
});

describe('DiskKnowledgeVersionStore on disk', () => {
  it('stores an unchanged file once, and leaves no temporary files', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'bsa-versions-'));
    try {
      const store = new DiskKnowledgeVersionStore(directory);
      const files = { 'out-of-scope.yaml': 'a\n', 'intents/pas.bestil.yaml': 'b\n' };
      await store.publish({ files, author: 'eva', comment: '' }, 0);
      await store.publish({ files: { ...files, 'out-of-scope.yaml': 'c\n' }, author: 'eva', comment: '' }, 1);
      expect(await readdir(path.join(directory, 'blobs'))).toHaveLength(3);
      expect(await readdir(path.join(directory, 'versions'))).toEqual(['000001.json', '000002.json']);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
