import type { KnowledgeFiles } from '../../knowledge/knowledge-files';
import { VersionConflictError, type KnowledgeVersionStore } from '../../bot/studio/knowledge-version-store';

export interface VersionStoreFixture {
  readonly store: KnowledgeVersionStore;
  /** Another store on the same backend, as a second instance (or process) would have. */
  readonly openPeer: () => Promise<KnowledgeVersionStore>;
  /** Damages the stored text of one file of a version, as a disk or an operator might. */
  readonly damageFile: (version: number, path: string) => Promise<void>;
  readonly cleanup: () => Promise<void>;
}

const FIRST: KnowledgeFiles = {
  'intents/pas.bestil.yaml': 'id: pas.bestil\nanswer: Et pas koster 100 kr.\n',
  'guides/fisketegn.md': '---\nid: fisketegn\n---\nKøb det på fisketegn.dk.\n',
  'out-of-scope.yaml': 'training:\n  da: [vejret]\n',
};
const SECOND: KnowledgeFiles = {
  ...FIRST,
  'intents/pas.bestil.yaml': 'id: pas.bestil\nanswer: Et pas koster 200 kr.\n',
};

/** The behaviour every KnowledgeVersionStore must have. */
export function knowledgeVersionStoreContract(name: string, create: () => Promise<VersionStoreFixture>): void {
  async function withStore(test: (fixture: VersionStoreFixture) => Promise<void>): Promise<void> {
    const fixture = await create();
    try {
      await test(fixture);
    } finally {
      await fixture.cleanup();
    }
  }

  describe(`${name} (KnowledgeVersionStore contract)`, () => {
    it('has no version before the first publish', () =>
      withStore(async ({ store }) => {
        expect(await store.latest()).toBeUndefined();
        expect(await store.get(1)).toBeUndefined();
        expect(await store.list()).toEqual([]);
      }));

    it('numbers versions 1, 2, … and gives back exactly the files published', () =>
      withStore(async ({ store }) => {
        const first = await store.publish({ files: FIRST, author: 'eva', comment: 'Første version' }, 0);
        expect(first).toEqual(
          expect.objectContaining({ number: 1, author: 'eva', comment: 'Første version', files: FIRST }),
        );
        const second = await store.publish({ files: SECOND, author: 'ole', comment: 'Ny pris' }, 1);
        expect(second.number).toBe(2);
        expect((await store.latest())?.files).toEqual(SECOND);
        expect((await store.get(1))?.files).toEqual(FIRST);
        expect(first.fingerprint).not.toBe(second.fingerprint);
      }));

    it('lists versions newest first, without their files', () =>
      withStore(async ({ store }) => {
        await store.publish({ files: FIRST, author: 'eva', comment: 'a' }, 0);
        await store.publish({ files: SECOND, author: 'ole', comment: 'b' }, 1);
        await store.publish({ files: FIRST, author: 'eva', comment: 'Tilbage til 1', restores: 1 }, 2);
        const list = await store.list();
        expect(list.map((v) => [v.number, v.author, v.comment, v.restores])).toEqual([
          [3, 'eva', 'Tilbage til 1', 1],
          [2, 'ole', 'b', undefined],
          [1, 'eva', 'a', undefined],
        ]);
        expect(list[0]).not.toHaveProperty('files');
        // A rollback is a new version with the old content: the same fingerprint as the one it restores.
        expect(list[0]?.fingerprint).toBe(list[2]?.fingerprint);
      }));

    it('refuses a publish based on a version that is no longer the newest, and keeps the winner', () =>
      withStore(async ({ store }) => {
        await store.publish({ files: FIRST, author: 'eva', comment: 'a' }, 0);
        await store.publish({ files: SECOND, author: 'ole', comment: 'b' }, 1);
        await expect(store.publish({ files: FIRST, author: 'eva', comment: 'c' }, 1)).rejects.toBeInstanceOf(
          VersionConflictError,
        );
        expect((await store.latest())?.files).toEqual(SECOND);
      }));

    it('lets exactly one of two instances publishing at once win', () =>
      withStore(async ({ store, openPeer }) => {
        const peer = await openPeer();
        await store.publish({ files: FIRST, author: 'eva', comment: 'a' }, 0);
        const results = await Promise.allSettled([
          store.publish({ files: SECOND, author: 'eva', comment: 'from A' }, 1),
          peer.publish({ files: { ...SECOND, 'out-of-scope.yaml': 'x: 1\n' }, author: 'ole', comment: 'from B' }, 1),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const refused = results.find((r) => r.status === 'rejected');
        expect(refused?.status === 'rejected' && refused.reason).toBeInstanceOf(VersionConflictError);
        expect((await peer.list()).map((v) => v.number)).toEqual([2, 1]);
        expect((await store.latest())?.number).toBe(2);
      }));

    it('sees what another instance published', () =>
      withStore(async ({ store, openPeer }) => {
        await store.publish({ files: FIRST, author: 'eva', comment: 'a' }, 0);
        const peer = await openPeer();
        expect((await peer.latest())?.files).toEqual(FIRST);
      }));

    it('stores a version with an empty file and with no files at all', () =>
      withStore(async ({ store }) => {
        await store.publish({ files: { 'out-of-scope.yaml': '' }, author: 'eva', comment: '' }, 0);
        await store.publish({ files: {}, author: 'eva', comment: 'tom' }, 1);
        expect((await store.get(1))?.files).toEqual({ 'out-of-scope.yaml': '' });
        expect((await store.get(2))?.files).toEqual({});
      }));

    it('refuses paths that are not knowledge files, before storing anything', () =>
      withStore(async ({ store }) => {
        for (const path of ['../etc/passwd', 'staff/demo-staff.yaml', 'intents/../x.yaml', 'README.md'])
          await expect(store.publish({ files: { [path]: 'x' }, author: 'eva', comment: '' }, 0)).rejects.toThrow();
        expect(await store.list()).toEqual([]);
      }));

    it('refuses to serve a version whose stored file was damaged', () =>
      withStore(async ({ store, damageFile }) => {
        await store.publish({ files: FIRST, author: 'eva', comment: 'a' }, 0);
        await damageFile(1, 'intents/pas.bestil.yaml');
        await expect(store.get(1)).rejects.toThrow(/damaged/);
      }));

    it('answers undefined for numbers that are not versions', () =>
      withStore(async ({ store }) => {
        await store.publish({ files: FIRST, author: 'eva', comment: 'a' }, 0);
        for (const number of [0, -1, 2, 1.5, Number.NaN]) expect(await store.get(number)).toBeUndefined();
      }));
  });
}
