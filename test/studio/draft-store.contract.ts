import { ZodError } from 'zod';
import { DraftConflictError, type DraftChange, type DraftStore } from '../../bot/studio/draft-store';

export interface DraftStoreFixture {
  readonly store: DraftStore;
  /** Another store on the same backend, as a second instance (or a restarted one) would have. */
  readonly openPeer: () => Promise<DraftStore>;
  readonly cleanup: () => Promise<void>;
}

const AT = '2026-12-03T10:00:00.000Z';

function change(path: string, text: string | null, editedBy = 'eva'): DraftChange {
  return { path, text, basedOnVersion: 4, editedBy, editedAt: AT };
}

/** The behaviour every DraftStore must have. */
export function draftStoreContract(name: string, create: () => Promise<DraftStoreFixture>): void {
  async function withStore(test: (fixture: DraftStoreFixture) => Promise<void>): Promise<void> {
    const fixture = await create();
    try {
      await test(fixture);
    } finally {
      await fixture.cleanup();
    }
  }

  describe(`${name} (DraftStore contract)`, () => {
    it('has no drafts at first', () =>
      withStore(async ({ store }) => {
        expect(await store.list()).toEqual([]);
        expect(await store.get('intents/pas.bestil.yaml')).toBeUndefined();
      }));

    it('saves a file as revision 1, then 2, and lists drafts in path order', () =>
      withStore(async ({ store }) => {
        const first = await store.save(change('out-of-scope.yaml', 'a\n'), 0);
        expect(first).toEqual({ ...change('out-of-scope.yaml', 'a\n'), revision: 1 });
        await store.save(change('intents/pas.bestil.yaml', 'id: pas.bestil\n'), 0);
        const second = await store.save(change('out-of-scope.yaml', 'b\n', 'ole'), 1);
        expect(second.revision).toBe(2);
        expect(await store.get('out-of-scope.yaml')).toEqual({
          ...change('out-of-scope.yaml', 'b\n', 'ole'),
          revision: 2,
        });
        expect((await store.list()).map((d) => [d.path, d.revision, d.text])).toEqual([
          ['intents/pas.bestil.yaml', 1, 'id: pas.bestil\n'],
          ['out-of-scope.yaml', 2, 'b\n'],
        ]);
      }));

    it('keeps a deletion draft (text null) and an empty file apart', () =>
      withStore(async ({ store }) => {
        await store.save(change('guides/fisketegn.md', null), 0);
        await store.save(change('municipalities/boegely.yaml', ''), 0);
        expect((await store.get('guides/fisketegn.md'))?.text).toBeNull();
        expect((await store.get('municipalities/boegely.yaml'))?.text).toBe('');
      }));

    it('refuses a save on a revision that is not the current one, with the current draft in the error', () =>
      withStore(async ({ store }) => {
        await store.save(change('out-of-scope.yaml', 'a\n', 'eva'), 0);
        await store.save(change('out-of-scope.yaml', 'b\n', 'ole'), 1);
        const refused = await store.save(change('out-of-scope.yaml', 'c\n', 'eva'), 1).catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(DraftConflictError);
        expect(refused).toMatchObject({
          path: 'out-of-scope.yaml',
          expectedRevision: 1,
          current: { revision: 2, text: 'b\n', editedBy: 'ole' },
        });
        // A first save of a file someone else has already changed is a conflict too.
        await expect(store.save(change('out-of-scope.yaml', 'd\n'), 0)).rejects.toBeInstanceOf(DraftConflictError);
        // And a save on a revision of a draft that is gone.
        const gone = await store.save(change('guides/x.md', 'x'), 3).catch((e: unknown) => e);
        expect(gone).toBeInstanceOf(DraftConflictError);
        expect(gone).toMatchObject({ current: undefined });
        expect((await store.get('out-of-scope.yaml'))?.text).toBe('b\n');
      }));

    it('discards a draft only at the expected revision', () =>
      withStore(async ({ store }) => {
        await store.save(change('out-of-scope.yaml', 'a\n'), 0);
        await store.save(change('out-of-scope.yaml', 'b\n'), 1);
        await expect(store.discard('out-of-scope.yaml', 1)).rejects.toMatchObject({ current: { revision: 2 } });
        expect(await store.discard('out-of-scope.yaml', 2)).toBe(true);
        expect(await store.get('out-of-scope.yaml')).toBeUndefined();
        expect(await store.discard('out-of-scope.yaml', 2)).toBe(false);
        // After a discard the file starts again at revision 1.
        expect((await store.save(change('out-of-scope.yaml', 'c\n'), 0)).revision).toBe(1);
      }));

    it('settles a publish: drops the drafts still at the published revision, keeps later changes', () =>
      withStore(async ({ store }) => {
        await store.save(change('out-of-scope.yaml', 'a\n'), 0);
        await store.save(change('intents/pas.bestil.yaml', 'x\n'), 0);
        await store.save(change('guides/fisketegn.md', null), 0);
        // Saved again while the version with revision 1 was being trained:
        await store.save(change('intents/pas.bestil.yaml', 'y\n'), 1);
        await store.settle([
          { path: 'out-of-scope.yaml', revision: 1 },
          { path: 'intents/pas.bestil.yaml', revision: 1 },
          { path: 'guides/fisketegn.md', revision: 1 },
          { path: 'municipalities/none.yaml', revision: 1 },
        ]);
        expect((await store.list()).map((d) => [d.path, d.revision])).toEqual([['intents/pas.bestil.yaml', 2]]);
        await store.settle([]);
        expect(await store.list()).toHaveLength(1);
      }));

    it('refuses invalid input with a ZodError, storing nothing', () =>
      withStore(async ({ store }) => {
        const invalid: [DraftChange, number][] = [
          [change('../etc/passwd', 'x'), 0],
          [change('staff/demo-staff.yaml', 'x'), 0],
          [change('README.md', 'x'), 0],
          [change('out-of-scope.yaml', 'x'.repeat(200_001)), 0],
          [{ ...change('out-of-scope.yaml', 'x'), editedBy: '' }, 0],
          [{ ...change('out-of-scope.yaml', 'x'), editedAt: 'yesterday' }, 0],
          [{ ...change('out-of-scope.yaml', 'x'), basedOnVersion: -1 }, 0],
          [change('out-of-scope.yaml', 'x'), -1],
          [change('out-of-scope.yaml', 'x'), 1.5],
        ];
        for (const [bad, revision] of invalid) await expect(store.save(bad, revision)).rejects.toBeInstanceOf(ZodError);
        await expect(store.discard('../x', 0)).rejects.toBeInstanceOf(ZodError);
        await expect(store.settle([{ path: 'x', revision: 1 }])).rejects.toBeInstanceOf(ZodError);
        expect(await store.list()).toEqual([]);
      }));

    it('lets exactly one of two saves on the same revision win, also from two instances', () =>
      withStore(async ({ store, openPeer }) => {
        const peer = await openPeer();
        await store.save(change('out-of-scope.yaml', 'a\n'), 0);
        const results = await Promise.allSettled([
          store.save(change('out-of-scope.yaml', 'from eva\n', 'eva'), 1),
          peer.save(change('out-of-scope.yaml', 'from ole\n', 'ole'), 1),
          store.save(change('out-of-scope.yaml', 'again eva\n', 'eva'), 1),
        ]);
        const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
        expect(won).toHaveLength(1);
        for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DraftConflictError);
        expect(await peer.get('out-of-scope.yaml')).toEqual(won[0]);
        expect(won[0]?.revision).toBe(2);
      }));

    it('lets many different files be saved at once', () =>
      withStore(async ({ store }) => {
        const paths = Array.from({ length: 20 }, (_, i) => `intents/i${i}.yaml`);
        await Promise.all(paths.map((path) => store.save(change(path, path), 0)));
        expect((await store.list()).map((d) => d.path)).toEqual([...paths].sort());
      }));

    it('shows another instance what was saved and discarded', () =>
      withStore(async ({ store, openPeer }) => {
        await store.save(change('out-of-scope.yaml', 'a\n'), 0);
        const peer = await openPeer();
        expect((await peer.get('out-of-scope.yaml'))?.text).toBe('a\n');
        await peer.discard('out-of-scope.yaml', 1);
        expect(await store.list()).toEqual([]);
      }));
  });
}
