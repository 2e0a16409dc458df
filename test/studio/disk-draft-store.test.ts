import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DiskDraftStore } from '../../bot/studio/disk-draft-store';
import { draftStoreContract } from './draft-store.contract';

draftStoreContract('DiskDraftStore', async () => {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'bsa-drafts-'));
  return {
    store: new DiskDraftStore(directory),
    openPeer: async () => new DiskDraftStore(directory),
    cleanup: () => rm(directory, { recursive: true, force: true }),
  };
});

describe('DiskDraftStore on disk', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'bsa-drafts-'));
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  const change = { text: 'a\n', basedOnVersion: 0, editedBy: 'eva', editedAt: '2026-12-03T10:00:00.000Z' };

  it('keeps one JSON file per draft file, and no temporary files', async () => {
    const store = new DiskDraftStore(directory);
    await store.save({ ...change, path: 'intents/pas.bestil.yaml' }, 0);
    await store.save({ ...change, path: 'intents/pas.bestil.yaml' }, 1);
    await store.save({ ...change, path: 'out-of-scope.yaml' }, 0);
    expect((await readdir(directory)).sort()).toEqual(['intents%2Fpas.bestil.yaml.json', 'out-of-scope.yaml.json']);
  });

  it('keeps drafts for a store opened later (a restart), and ignores a temporary file left by a crash', async () => {
    await new DiskDraftStore(directory).save({ ...change, path: 'out-of-scope.yaml' }, 0);
    await writeFile(path.join(directory, 'out-of-scope.yaml.json.1234.tmp'), '{"half');
    const reopened = new DiskDraftStore(directory);
    expect((await reopened.list()).map((d) => [d.path, d.revision])).toEqual([['out-of-scope.yaml', 1]]);
  });

  it('says which draft file is damaged rather than skipping it', async () => {
    await writeFile(path.join(directory, 'out-of-scope.yaml.json'), '{"path":');
    await expect(new DiskDraftStore(directory).list()).rejects.toThrow(/out-of-scope\.yaml\.json is not a valid draft/);
  });
});
