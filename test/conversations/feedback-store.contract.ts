import type { FeedbackRecord, FeedbackStore } from '../../bot/feedback/feedback-store';

export interface FeedbackStoreFixture {
  readonly store: FeedbackStore;
  /** Another store on the same backend, as a second instance would have. Needed with sharedBackend. */
  readonly openPeer?: () => Promise<FeedbackStore>;
  cleanup(): Promise<void>;
}

/** The behaviour every FeedbackStore must have. */
export function feedbackStoreContract(
  name: string,
  create: (capacity: number) => Promise<FeedbackStoreFixture>,
  { sharedBackend }: { sharedBackend: boolean },
): void {
  async function withStore(
    capacity: number,
    test: (store: FeedbackStore, fixture: FeedbackStoreFixture) => Promise<void>,
  ): Promise<void> {
    const fixture = await create(capacity);
    try {
      await test(fixture.store, fixture);
    } finally {
      await fixture.cleanup();
    }
  }

  describe(`${name} (FeedbackStore contract)`, () => {
    it('lists what was recorded, newest last', () =>
      withStore(100, async (store) => {
        expect(await store.list()).toEqual([]);
        const records = [
          feedback({ intent: 'pas.bestil' }),
          feedback({ intent: 'agent.handoff', helpful: false, satisfaction: 'no' }),
          feedback({ intent: 'flytning' }),
        ];
        for (const record of records) await store.record(record);
        expect(await store.list()).toEqual(records);
      }));

    it('refuses a record that is not feedback and stores nothing', () =>
      withStore(100, async (store) => {
        const invalid = [
          { ...feedback({}), helpful: 'yes' },
          { ...feedback({}), at: 'yesterday' },
          { ...feedback({}), satisfaction: 'very' },
          { ...feedback({}), text: 'my CPR is 010190-1234' },
        ];
        for (const bad of invalid) await expect(store.record(bad as unknown as FeedbackRecord)).rejects.toThrow();
        expect(await store.list()).toEqual([]);
      }));

    it('keeps at most its capacity, dropping the oldest', () =>
      withStore(3, async (store) => {
        const records = ['a', 'b', 'c', 'd', 'e'].map((intent) => feedback({ intent }));
        for (const record of records) await store.record(record);
        expect((await store.list()).map((r) => r.intent)).toEqual(['c', 'd', 'e']);
      }));

    if (sharedBackend) {
      it('shares feedback between instances on the same backend', () =>
        withStore(100, async (store, fixture) => {
          if (!fixture.openPeer) throw new Error('a sharedBackend fixture must provide openPeer');
          const peer = await fixture.openPeer();
          await store.record(feedback({ intent: 'here' }));
          await peer.record(feedback({ intent: 'there' }));
          expect((await store.list()).map((r) => r.intent)).toEqual(['here', 'there']);
          expect(await peer.list()).toEqual(await store.list());
        }));
    }
  });
}

function feedback(overrides: Partial<FeedbackRecord>): FeedbackRecord {
  return { municipalityId: 'boegely', intent: 'pas.bestil', helpful: true, at: new Date().toISOString(), ...overrides };
}
