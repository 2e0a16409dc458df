import { PRESENCE_EXPIRY_SECONDS, type PresenceStore } from '../../bot/studio/presence-store';

export interface PresenceStoreFixture {
  readonly store: PresenceStore;
  /** Another store on the same backend, as a second instance would have. */
  readonly openPeer: () => Promise<PresenceStore>;
  readonly cleanup: () => Promise<void>;
}

const FILE = 'municipalities/havbakke.yaml';
const at = (seconds: number) => new Date(Date.UTC(2026, 11, 3, 10, 0, seconds));

/** The behaviour every PresenceStore must have. */
export function presenceStoreContract(name: string, open: () => Promise<PresenceStoreFixture>): void {
  describe(`${name} (PresenceStore contract)`, () => {
    let fixture: PresenceStoreFixture;
    beforeEach(async () => {
      fixture = await open();
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    it('tells each editor who has the file open, themselves included, on every instance', async () => {
      expect(await fixture.store.beat(FILE, 'eva', at(0))).toEqual([{ editorId: 'eva', seenAt: at(0).toISOString() }]);
      const peer = await fixture.openPeer();
      expect(await peer.beat(FILE, 'mads', at(5))).toEqual([
        { editorId: 'eva', seenAt: at(0).toISOString() },
        { editorId: 'mads', seenAt: at(5).toISOString() },
      ]);
      // Another file is another room.
      expect(await fixture.store.beat('intents/pas.mistet.yaml', 'eva', at(6))).toEqual([
        { editorId: 'eva', seenAt: at(6).toISOString() },
      ]);
      // A later heartbeat moves the editor's time on instead of adding them twice.
      expect((await fixture.store.beat(FILE, 'eva', at(10))).map((p) => [p.editorId, p.seenAt])).toEqual([
        ['eva', at(10).toISOString()],
        ['mads', at(5).toISOString()],
      ]);
    });

    it(`forgets an editor not heard from for ${PRESENCE_EXPIRY_SECONDS} s, and one who leaves at once`, async () => {
      await fixture.store.beat(FILE, 'mads', at(0));
      await fixture.store.beat(FILE, 'sofie', at(1));
      const later = at(PRESENCE_EXPIRY_SECONDS + 0.5);
      expect((await fixture.store.beat(FILE, 'eva', later)).map((p) => p.editorId)).toEqual(['eva', 'sofie']);
      await (await fixture.openPeer()).leave(FILE, 'sofie');
      expect((await fixture.store.beat(FILE, 'eva', later)).map((p) => p.editorId)).toEqual(['eva']);
      // Leaving a file one never opened is nothing.
      await expect(fixture.store.leave('guides/pas.md', 'eva')).resolves.toBeUndefined();
    });

    it('refuses a path that is not a knowledge file and an id that is not a staff id', async () => {
      await expect(fixture.store.beat('../secrets.txt', 'eva', at(0))).rejects.toThrow();
      await expect(fixture.store.beat(FILE, 'Eva Hansen', at(0))).rejects.toThrow();
      await expect(fixture.store.leave('../secrets.txt', 'eva')).rejects.toThrow();
    });
  });
}
