import { randomUUID } from 'node:crypto';
import {
  conversationKey,
  newUnansweredQuestion,
  type UnansweredQuestion,
} from '../../bot/unanswered/unanswered-question';
import type { UnansweredStore } from '../../bot/unanswered/unanswered-store';

export interface UnansweredStoreFixture {
  readonly store: UnansweredStore;
  /** Another store on the same backend, as a second instance would have. Needed with sharedBackend. */
  readonly openPeer?: () => Promise<UnansweredStore>;
  /** Puts data into the backend that this store did not write (hand edits, another version, damage). */
  readonly writeMalformed?: (like: UnansweredQuestion) => Promise<void>;
  cleanup(): Promise<void>;
}

const T0 = Date.parse('2026-11-01T10:00:00.000Z');
const DAY = 24 * 3600 * 1000;

/** The behaviour every UnansweredStore must have. */
export function unansweredStoreContract(
  name: string,
  create: (options: { capacity: number }) => Promise<UnansweredStoreFixture>,
  { sharedBackend }: { sharedBackend: boolean },
): void {
  async function withStore(
    capacity: number,
    test: (store: UnansweredStore, fixture: UnansweredStoreFixture) => Promise<void>,
  ): Promise<void> {
    const fixture = await create({ capacity });
    try {
      await test(fixture.store, fixture);
    } finally {
      await fixture.cleanup();
    }
  }

  describe(`${name} (UnansweredStore contract)`, () => {
    it('lists what was recorded, newest first, by municipality and since a time', () =>
      withStore(100, async (store) => {
        expect(await store.list()).toEqual([]);
        const a = question({ text: 'a', minutes: 0 });
        const b = question({ text: 'b', minutes: 5, municipalityId: 'aarhus' });
        const c = question({ text: 'c', minutes: 10 });
        for (const q of [b, c, a]) await store.record(q);
        expect(await store.list()).toEqual([c, b, a]);
        expect(await store.list({ municipalityId: 'boegely' })).toEqual([c, a]);
        expect(await store.list({ municipalityId: 'odense' })).toEqual([]);
        // `since` is inclusive.
        expect(await store.list({ since: new Date(b.at) })).toEqual([c, b]);
        expect(await store.list({ since: new Date(b.at), municipalityId: 'boegely' })).toEqual([c]);
      }));

    it('refuses what is not a valid question and stores nothing', () =>
      withStore(100, async (store) => {
        const valid = question({});
        const invalid = [
          { ...valid, reason: 'bored' },
          { ...valid, id: 'not-a-uuid' },
          { ...valid, at: 'yesterday' },
          { ...valid, text: '' },
          { ...valid, text: 'x'.repeat(1001) },
          { ...valid, conversationKey: 'conv-1' },
          { ...valid, municipalityId: 'Bøgely Kommune' },
          // Nothing else rides along: no conversation id, no raw message.
          { ...valid, conversationId: 'conv-1' },
          { ...valid, rawText: 'mit cpr er 010190-1234' },
        ];
        for (const bad of invalid) await expect(store.record(bad as unknown as UnansweredQuestion)).rejects.toThrow();
        expect(await store.list()).toEqual([]);
      }));

    it('dismisses the questions named, and only those', () =>
      withStore(100, async (store) => {
        const questions = [0, 1, 2, 3].map((minutes) => question({ minutes }));
        for (const q of questions) await store.record(q);
        const [q0, q1, q2, q3] = questions;
        expect(await store.dismiss([q1!.id, q3!.id, randomUUID(), 'nonsense', q1!.id])).toBe(2);
        expect(await store.list()).toEqual([q2, q0]);
        expect(await store.dismiss([q1!.id])).toBe(0);
        expect(await store.dismiss([])).toBe(0);
      }));

    it("erases a conversation's questions, and nobody else's", () =>
      withStore(100, async (store) => {
        const mine = [
          question({ conversationId: 'conv-mine', minutes: 1 }),
          question({ conversationId: 'conv-mine', minutes: 2 }),
        ];
        const theirs = question({ conversationId: 'conv-theirs', minutes: 3 });
        for (const q of [...mine, theirs]) await store.record(q);
        expect(await store.eraseConversation('conv-mine')).toBe(2);
        expect(await store.list()).toEqual([theirs]);
        expect(await store.eraseConversation('conv-mine')).toBe(0);
        expect(await store.eraseConversation('never-seen')).toBe(0);
        // A conversation can leave more after an erasure (a new message): that goes with the next one.
        const later = question({ conversationId: 'conv-mine', minutes: 4 });
        await store.record(later);
        expect(await store.eraseConversation('conv-mine')).toBe(1);
        expect(await store.list()).toEqual([theirs]);
      }));

    it('purges questions older than the cutoff and keeps the rest', () =>
      withStore(100, async (store) => {
        const old = [40, 31, 30.5].map((days) => question({ minutes: (-days * DAY) / 60_000 }));
        const kept = [
          question({ minutes: (-30 * DAY) / 60_000 }),
          question({ minutes: -60 }),
          question({ minutes: 0 }),
        ];
        for (const q of [...kept, ...old]) await store.record(q);
        const cutoff = new Date(T0 - 30 * DAY);
        expect(await store.purgeOlderThan(cutoff)).toBe(3);
        // Exactly at the cutoff is not older than it.
        expect(await store.list()).toEqual([...kept].reverse());
        expect(await store.purgeOlderThan(cutoff)).toBe(0);
        expect(await store.eraseConversation('conv-1')).toBe(3);
      }));

    it('purges in more than one batch', () =>
      withStore(5000, async (store) => {
        const many = Array.from({ length: 1203 }, (_, i) => question({ minutes: -10_000 - i }));
        await Promise.all(many.map((q) => store.record(q)));
        const recent = question({ minutes: 0 });
        await store.record(recent);
        expect(await store.purgeOlderThan(new Date(T0 - 60_000))).toBe(1203);
        expect(await store.list()).toEqual([recent]);
      }));

    it('keeps at most its capacity, dropping the oldest', () =>
      withStore(3, async (store) => {
        const questions = [4, 0, 3, 1, 2].map((minutes) => question({ text: `q${minutes}`, minutes }));
        for (const q of questions) await store.record(q);
        expect((await store.list()).map((q) => q.text)).toEqual(['q4', 'q3', 'q2']);
      }));

    it('ignores stored data that is not a valid question', () =>
      withStore(100, async (store, fixture) => {
        if (!fixture.writeMalformed) return; // in memory, nothing is stored without validation
        const good = question({ minutes: 1 });
        await store.record(good);
        await fixture.writeMalformed(question({ minutes: 2 }));
        const after = question({ minutes: 3 });
        await store.record(after);
        expect(await store.list()).toEqual([after, good]);
        expect(await store.list({ municipalityId: 'boegely' })).toEqual([after, good]);
        await store.purgeOlderThan(new Date(T0 + DAY));
        expect(await store.list()).toEqual([]);
      }));

    if (sharedBackend) {
      it('shares the inbox between instances on the same backend', () =>
        withStore(100, async (store, fixture) => {
          if (!fixture.openPeer) throw new Error('a sharedBackend fixture must provide openPeer');
          const peer = await fixture.openPeer();
          const here = question({ text: 'here', minutes: 1, conversationId: 'conv-a' });
          const there = question({ text: 'there', minutes: 2, conversationId: 'conv-b' });
          const again = question({ text: 'again', minutes: 3, conversationId: 'conv-a' });
          await store.record(here);
          await peer.record(there);
          await peer.record(again);
          expect(await store.list()).toEqual([again, there, here]);
          expect(await peer.list()).toEqual(await store.list());
          // Whichever instance the citizen's "Slet samtalen" reaches erases what any instance recorded.
          expect(await peer.eraseConversation('conv-a')).toBe(2);
          expect(await store.list()).toEqual([there]);
          expect(await store.dismiss([there.id])).toBe(1);
          expect(await peer.list()).toEqual([]);
        }));
    }
  });
}

function question({
  text = 'kan jeg få tilskud til en elcykel',
  minutes = 0,
  municipalityId = 'boegely',
  conversationId = 'conv-1',
}: {
  text?: string;
  minutes?: number;
  municipalityId?: string;
  conversationId?: string;
}): UnansweredQuestion {
  const q = newUnansweredQuestion(
    {
      conversationId,
      municipalityId,
      language: 'da',
      redactedText: text,
      reason: 'fallback',
      suggestedIntent: 'pas.bestil',
    },
    new Date(T0 + minutes * 60_000),
  );
  expect(q.conversationKey).toBe(conversationKey(conversationId));
  return q;
}
