import type { Activity, Storage } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { ConversationRecord, ConversationStore } from '../../bot/conversations/conversation-store';

/** A store under test and how to dispose of everything the factory opened. */
export interface ConversationStoreFixture {
  readonly store: ConversationStore;
  /** Another store on the same backend, as a second bot instance would have. Needed with sharedBackend. */
  readonly openPeer?: () => Promise<ConversationStore>;
  /** Closes the store and any peers. */
  cleanup(): Promise<void>;
}

export interface ConversationStoreSettings {
  readonly retentionSeconds: number;
}

export interface ConversationStoreCapabilities {
  /** Several store instances share the data (Redis); the in-memory store is one process's only. */
  readonly sharedBackend: boolean;
}

const RETENTION_SECONDS = 3600;
/** How long to wait for a hint that should come, and to be sure one that should not, did not. */
const HINT_TIMEOUT_MS = 2000;
const NO_HINT_WAIT_MS = 300;

/**
 * The behaviour every ConversationStore must have. Each test opens its own store (and closes it),
 * so implementations need no shared state between tests.
 */
export function conversationStoreContract(
  name: string,
  create: (settings: ConversationStoreSettings) => Promise<ConversationStoreFixture>,
  { sharedBackend }: ConversationStoreCapabilities,
): void {
  async function withStore(
    test: (store: ConversationStore, fixture: ConversationStoreFixture) => Promise<void>,
    retentionSeconds = RETENTION_SECONDS,
  ): Promise<void> {
    const fixture = await create({ retentionSeconds });
    try {
      await test(fixture.store, fixture);
    } finally {
      await fixture.cleanup();
    }
  }

  describe(`${name} (ConversationStore contract)`, () => {
    it('creates a conversation and reads its record back', () =>
      withStore(async (store) => {
        const record = newRecord();
        await store.createConversation(record);
        expect(await store.getConversation(record.id)).toEqual(record);
      }));

    it('refuses to create a conversation that exists', () =>
      withStore(async (store) => {
        const record = newRecord();
        await store.createConversation(record);
        await expect(store.createConversation({ ...record, municipalityId: 'other' })).rejects.toThrow(/exists/);
        expect(await store.getConversation(record.id)).toEqual(record);
      }));

    it('answers undefined for an unknown conversation', () =>
      withStore(async (store) => {
        expect(await store.getConversation(`unknown-${randomUUID()}`)).toBeUndefined();
      }));

    it('returns the appended activity with id "<conversation>|…" and a server timestamp', () =>
      withStore(async (store) => {
        const record = await created(store);
        const before = Date.now();
        const stored = await store.appendActivity(record.id, {
          ...message('hej'),
          id: 'client-chosen',
          timestamp: new Date(0),
        });
        expect(stored.id).toMatch(new RegExp(`^${escapeRegExp(record.id)}\\|.+`));
        expect(stored.timestamp).toBeInstanceOf(Date);
        expect(stored.timestamp?.getTime()).toBeGreaterThanOrEqual(before - 1000);
        expect(stored.timestamp?.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
        expect(stored).toMatchObject({
          type: 'message',
          text: 'hej',
          from: { id: 'citizen', name: 'Borger', role: 'user' },
        });
      }));

    it('returns every activity in order from the beginning (watermark "" or none)', () =>
      withStore(async (store) => {
        const record = await created(store);
        const appended = await appendTexts(store, record.id, ['a', 'b', 'c', 'd', 'e']);
        for (const watermark of ['', undefined]) {
          const page = await store.activitiesAfter(record.id, watermark);
          expect(page.activities.map((a) => a.text)).toEqual(['a', 'b', 'c', 'd', 'e']);
          expect(page.activities.map((a) => a.id)).toEqual(appended.map((a) => a.id));
          expect(page.activities.every((a) => a.timestamp instanceof Date)).toBe(true);
          expect(page.watermark).not.toBe('');
        }
      }));

    it('pages with a watermark and a limit, returning each activity exactly once', () =>
      withStore(async (store) => {
        const record = await created(store);
        const texts = ['1', '2', '3', '4', '5', '6', '7'];
        await appendTexts(store, record.id, texts);
        const { seen, pages, watermark } = await readAll(store, record.id, 3);
        expect(seen.map((a) => a.text)).toEqual(texts);
        expect(pages).toEqual([3, 3, 1]);
        // Nothing new: an empty page that keeps the watermark, so the client can ask again.
        expect(await store.activitiesAfter(record.id, watermark, 3)).toEqual({ activities: [], watermark });
        await store.appendActivity(record.id, message('8'));
        const next = await store.activitiesAfter(record.id, watermark, 3);
        expect(next.activities.map((a) => a.text)).toEqual(['8']);
      }));

    it('returns only what follows a watermark from the middle', () =>
      withStore(async (store) => {
        const record = await created(store);
        await appendTexts(store, record.id, ['a', 'b', 'c', 'd', 'e']);
        const first = await store.activitiesAfter(record.id, '', 2);
        expect(first.activities.map((a) => a.text)).toEqual(['a', 'b']);
        const rest = await store.activitiesAfter(record.id, first.watermark);
        expect(rest.activities.map((a) => a.text)).toEqual(['c', 'd', 'e']);
        // Reading again from the same watermark gives the same answer: reading consumes nothing.
        expect((await store.activitiesAfter(record.id, first.watermark)).activities.map((a) => a.id)).toEqual(
          rest.activities.map((a) => a.id),
        );
      }));

    it('treats a garbage watermark as the beginning', () =>
      withStore(async (store) => {
        const record = await created(store);
        await appendTexts(store, record.id, ['a', 'b']);
        for (const garbage of ['garbage', '-1', '1.5', '0-0-0', '(0-0', '../../etc']) {
          const page = await store.activitiesAfter(record.id, garbage);
          expect({ garbage, texts: page.activities.map((a) => a.text) }).toEqual({ garbage, texts: ['a', 'b'] });
        }
      }));

    it('answers an empty page for an unknown conversation', () =>
      withStore(async (store) => {
        const page = await store.activitiesAfter(`unknown-${randomUUID()}`, '');
        expect(page.activities).toEqual([]);
      }));

    it('rejects an append to an unknown conversation', () =>
      withStore(async (store) => {
        await expect(store.appendActivity(`unknown-${randomUUID()}`, message('hej'))).rejects.toThrow(
          /unknown conversation/,
        );
      }));

    it('hints a subscriber after an append, and stops after unsubscribe', () =>
      withStore(async (store) => {
        const record = await created(store);
        const hints = counter();
        const unsubscribe = store.subscribe(record.id, hints.listener);
        // Lets a subscription that activates asynchronously settle (and any hint it gives on activation).
        await sleep(NO_HINT_WAIT_MS);
        hints.reset();
        await store.appendActivity(record.id, message('hej'));
        await waitFor(() => hints.count > 0, 'a hint after the append');
        unsubscribe();
        unsubscribe(); // idempotent
        await sleep(NO_HINT_WAIT_MS);
        hints.reset();
        await store.appendActivity(record.id, message('igen'));
        await sleep(NO_HINT_WAIT_MS);
        expect(hints.count).toBe(0);
      }));

    it('keeps hinting the other subscribers of a conversation when one unsubscribes', () =>
      withStore(async (store) => {
        const record = await created(store);
        const first = counter();
        const second = counter();
        const unsubscribeFirst = store.subscribe(record.id, first.listener);
        const unsubscribeSecond = store.subscribe(record.id, second.listener);
        await sleep(NO_HINT_WAIT_MS);
        unsubscribeFirst();
        first.reset();
        second.reset();
        await store.appendActivity(record.id, message('hej'));
        await waitFor(() => second.count > 0, 'a hint to the remaining subscriber');
        expect(first.count).toBe(0);
        unsubscribeSecond();
      }));

    it('does not hint subscribers of other conversations', () =>
      withStore(async (store) => {
        const watched = await created(store);
        const other = await created(store);
        const hints = counter();
        const unsubscribe = store.subscribe(watched.id, hints.listener);
        await sleep(NO_HINT_WAIT_MS);
        hints.reset();
        await store.appendActivity(other.id, message('hej'));
        await sleep(NO_HINT_WAIT_MS);
        expect(hints.count).toBe(0);
        unsubscribe();
      }));

    it('deletes a conversation with its activities, hints subscribers, and refuses further appends', () =>
      withStore(async (store) => {
        const record = await created(store);
        await appendTexts(store, record.id, ['a', 'b']);
        const hints = counter();
        const unsubscribe = store.subscribe(record.id, hints.listener);
        await sleep(NO_HINT_WAIT_MS);
        hints.reset();
        await store.deleteConversation(record.id);
        expect(await store.getConversation(record.id)).toBeUndefined();
        expect((await store.activitiesAfter(record.id, '')).activities).toEqual([]);
        await expect(store.appendActivity(record.id, message('efter'))).rejects.toThrow(/unknown conversation/);
        await waitFor(() => hints.count > 0, 'a hint after the delete');
        unsubscribe();
        await store.deleteConversation(record.id); // deleting twice is harmless
      }));

    it('stores 50 concurrent appends once each, with distinct ids, in one consistent order', () =>
      withStore(async (store) => {
        const record = await created(store);
        const texts = Array.from({ length: 50 }, (_, i) => `besked ${i}`);
        const appended = await Promise.all(texts.map((text) => store.appendActivity(record.id, message(text))));
        const ids = appended.map((a) => a.id);
        expect(new Set(ids).size).toBe(50);

        const all = await store.activitiesAfter(record.id, '', 100);
        expect(all.activities).toHaveLength(50);
        expect([...all.activities.map((a) => a.id)].sort()).toEqual([...ids].sort());
        expect([...all.activities.map((a) => a.text)].sort()).toEqual([...texts].sort());
        // The same order whether read at once, again, or page by page.
        const again = await store.activitiesAfter(record.id, '', 100);
        expect(again.activities.map((a) => a.id)).toEqual(all.activities.map((a) => a.id));
        const { seen } = await readAll(store, record.id, 7);
        expect(seen.map((a) => a.id)).toEqual(all.activities.map((a) => a.id));
        // And each append's returned id names the activity with its text.
        const textById = new Map(all.activities.map((a) => [a.id, a.text]));
        for (const activity of appended) expect(textById.get(activity.id)).toBe(activity.text);
      }));

    it('expires a conversation retentionSeconds after its last append', () =>
      withStore(async (store) => {
        const record = await created(store);
        await sleep(1200);
        // Past the creation's retention, but the append restarts it.
        await store.appendActivity(record.id, message('stadig her'));
        await sleep(1200);
        expect(await store.getConversation(record.id)).toEqual(record);
        expect((await store.activitiesAfter(record.id, '')).activities).toHaveLength(1);
        await sleep(1300);
        expect(await store.getConversation(record.id)).toBeUndefined();
        expect((await store.activitiesAfter(record.id, '')).activities).toEqual([]);
        await expect(store.appendActivity(record.id, message('for sent'))).rejects.toThrow(/unknown conversation/);
      }, 2));

    if (sharedBackend) {
      it('shares conversations, activities and hints between instances on the same backend', () =>
        withStore(async (store, fixture) => {
          if (!fixture.openPeer) throw new Error('a sharedBackend fixture must provide openPeer');
          const peer = await fixture.openPeer();
          const record = await created(store);
          expect(await peer.getConversation(record.id)).toEqual(record);

          const hintsAtPeer = counter();
          const unsubscribe = peer.subscribe(record.id, hintsAtPeer.listener);
          await sleep(NO_HINT_WAIT_MS);
          hintsAtPeer.reset();
          const fromStore = await store.appendActivity(record.id, message('fra instans 1'));
          await waitFor(() => hintsAtPeer.count > 0, 'a hint at the other instance');
          const fromPeer = await peer.appendActivity(record.id, message('fra instans 2'));

          for (const reader of [store, peer]) {
            const page = await reader.activitiesAfter(record.id, '');
            expect(page.activities.map((a) => a.id)).toEqual([fromStore.id, fromPeer.id]);
          }
          const afterFirst = await peer.activitiesAfter(record.id, '', 1);
          expect((await store.activitiesAfter(record.id, afterFirst.watermark)).activities.map((a) => a.text)).toEqual([
            'fra instans 2',
          ]);

          await peer.deleteConversation(record.id);
          expect(await store.getConversation(record.id)).toBeUndefined();
          await expect(store.appendActivity(record.id, message('slettet'))).rejects.toThrow(/unknown conversation/);
          unsubscribe();
        }));
    }
  });
}

/** A botbuilder Storage under test and how to dispose of it. */
export interface BotStorageFixture {
  readonly storage: Storage;
  cleanup(): Promise<void>;
}

/** MemoryStorage's behaviour, which every Storage the bot uses must share. */
export function botStorageContract(name: string, create: () => Promise<BotStorageFixture>): void {
  async function withStorage(test: (storage: Storage) => Promise<void>): Promise<void> {
    const fixture = await create();
    try {
      await test(fixture.storage);
    } finally {
      await fixture.cleanup();
    }
  }

  describe(`${name} (botbuilder Storage contract)`, () => {
    it('reads back what it wrote, with a string eTag', () =>
      withStorage(async (storage) => {
        const key = newKey();
        await storage.write({ [key]: { count: 1, nested: { list: ['a', 'æøå'] } } });
        const items = await storage.read([key]);
        expect(items[key]).toMatchObject({ count: 1, nested: { list: ['a', 'æøå'] } });
        expect(typeof eTagOf(items[key])).toBe('string');
      }));

    it('leaves missing keys out of what it reads', () =>
      withStorage(async (storage) => {
        const key = newKey();
        await storage.write({ [key]: { count: 1 } });
        const items = await storage.read([key, newKey()]);
        expect(Object.keys(items)).toEqual([key]);
        expect(await storage.read([newKey()])).toEqual({});
      }));

    it('gives every write a new eTag', () =>
      withStorage(async (storage) => {
        const key = newKey();
        await storage.write({ [key]: { count: 1 } });
        const first = eTagOf((await storage.read([key]))[key]);
        await storage.write({ [key]: { count: 2, eTag: first } });
        const second = eTagOf((await storage.read([key]))[key]);
        expect(second).not.toBe(first);
      }));

    it('rejects a write with a stale eTag and keeps the stored item', () =>
      withStorage(async (storage) => {
        const key = newKey();
        await storage.write({ [key]: { count: 1 } });
        const stale = eTagOf((await storage.read([key]))[key]);
        await storage.write({ [key]: { count: 2, eTag: stale } });
        await expect(storage.write({ [key]: { count: 3, eTag: stale } })).rejects.toThrow(
          `Storage: error writing "${key}" due to eTag conflict.`,
        );
        expect((await storage.read([key]))[key]).toMatchObject({ count: 2 });
      }));

    it('overwrites whatever is stored when the eTag is "*" or missing', () =>
      withStorage(async (storage) => {
        const key = newKey();
        await storage.write({ [key]: { count: 1 } });
        await storage.write({ [key]: { count: 2, eTag: '*' } });
        expect((await storage.read([key]))[key]).toMatchObject({ count: 2 });
        await storage.write({ [key]: { count: 3 } });
        expect((await storage.read([key]))[key]).toMatchObject({ count: 3 });
      }));

    it('returns copies: changing a read item changes nothing stored', () =>
      withStorage(async (storage) => {
        const key = newKey();
        await storage.write({ [key]: { count: 1 } });
        const items = await storage.read([key]);
        (items[key] as { count: number }).count = 99;
        expect((await storage.read([key]))[key]).toMatchObject({ count: 1 });
      }));

    it('deletes items, and deleting a missing key is harmless', () =>
      withStorage(async (storage) => {
        const kept = newKey();
        const deleted = newKey();
        await storage.write({ [kept]: { count: 1 }, [deleted]: { count: 2 } });
        await storage.delete([deleted, newKey()]);
        expect(Object.keys(await storage.read([kept, deleted]))).toEqual([kept]);
      }));

    it('lets exactly one of several concurrent writers with the same eTag win', () =>
      withStorage(async (storage) => {
        const key = newKey();
        await storage.write({ [key]: { writer: 'none' } });
        const eTag = eTagOf((await storage.read([key]))[key]);
        const writers = ['a', 'b', 'c', 'd', 'e'];
        const results = await Promise.allSettled(writers.map((writer) => storage.write({ [key]: { writer, eTag } })));
        const winners = writers.filter((_, i) => results[i]?.status === 'fulfilled');
        expect(winners).toHaveLength(1);
        for (const result of results) {
          if (result.status === 'rejected') expect(String(result.reason)).toContain('eTag conflict');
        }
        expect((await storage.read([key]))[key]).toMatchObject({ writer: winners[0] });
      }));
  });
}

function newRecord(): ConversationRecord {
  return {
    id: `conv-${randomUUID()}`,
    municipalityId: 'aarhus',
    origin: 'https://www.aarhus.dk',
    createdAt: new Date().toISOString(),
  };
}

async function created(store: ConversationStore): Promise<ConversationRecord> {
  const record = newRecord();
  await store.createConversation(record);
  return record;
}

function message(text: string): Partial<Activity> {
  return { type: 'message', text, from: { id: 'citizen', name: 'Borger', role: 'user' } };
}

/** One after another, so the order is known. */
async function appendTexts(
  store: ConversationStore,
  conversationId: string,
  texts: readonly string[],
): Promise<Activity[]> {
  const appended: Activity[] = [];
  for (const text of texts) appended.push(await store.appendActivity(conversationId, message(text)));
  return appended;
}

/** Follows watermarks until an empty page, as a polling client does. */
async function readAll(
  store: ConversationStore,
  conversationId: string,
  limit: number,
): Promise<{ seen: Activity[]; pages: number[]; watermark: string }> {
  const seen: Activity[] = [];
  const pages: number[] = [];
  let watermark = '';
  for (;;) {
    const page = await store.activitiesAfter(conversationId, watermark, limit);
    if (page.activities.length === 0) return { seen, pages, watermark };
    expect(page.activities.length).toBeLessThanOrEqual(limit);
    pages.push(page.activities.length);
    seen.push(...page.activities);
    watermark = page.watermark;
  }
}

function counter(): { readonly count: number; listener: () => void; reset(): void } {
  let count = 0;
  return {
    get count() {
      return count;
    },
    listener: () => {
      count += 1;
    },
    reset: () => {
      count = 0;
    },
  };
}

function newKey(): string {
  return `test/conversations/${randomUUID()}/`;
}

function eTagOf(item: unknown): unknown {
  return typeof item === 'object' && item !== null && 'eTag' in item ? item.eTag : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = HINT_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}
