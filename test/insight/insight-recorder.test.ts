import { Writable } from 'node:stream';
import { ConversationHash } from '../../bot/insight/conversation-hash';
import { InMemoryInsightStore } from '../../bot/insight/in-memory-insight-store';
import type { InsightEvent } from '../../bot/insight/insight-event';
import { InsightRecorder } from '../../bot/insight/insight-recorder';
import type { InsightStore } from '../../bot/insight/insight-store';
import { createLogger } from '../../bot/runtime/logger';

/** A logger whose lines the test reads. */
function capturedLogger(): { logger: ReturnType<typeof createLogger>; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('info', sink), lines };
}

const turn = {
  kind: 'turn',
  municipalityId: 'boegely',
  language: 'da',
  channel: 'webchat',
  decision: 'answer',
  intent: 'pas.bestil',
  confidence: 'high',
  guideOffered: false,
} as const;

describe('InsightRecorder', () => {
  it('names the conversation only by its keyed hash, and counts a fact recorded twice with one key once', async () => {
    const store = new InMemoryInsightStore();
    const { logger } = capturedLogger();
    const recorder = new InsightRecorder(store, new ConversationHash('a-secret-of-at-least-32-characters!!'), logger);
    recorder.record('conversation-7Hx', turn, 'activity-1');
    recorder.record('conversation-7Hx', turn, 'activity-1');
    recorder.record('conversation-7Hx', turn, 'activity-2');
    await recorder.flush();
    const events = await store.events(['boegely'], new Date(0), new Date(Date.now() + 60_000));
    expect(events).toHaveLength(2);
    expect(JSON.stringify(events)).not.toContain('conversation-7Hx');
    // The same secret gives the same hash (two instances agree); another secret does not.
    const [first] = events;
    expect(first?.event.conversation).toBe(
      new ConversationHash('a-secret-of-at-least-32-characters!!').of('conversation-7Hx'),
    );
    expect(first?.event.conversation).not.toBe(
      new ConversationHash('another-secret-of-32-characters!!!!!').of('conversation-7Hx'),
    );
  });

  it('returns at once while the store is slow, and logs a failed write instead of throwing', async () => {
    let release: () => void = () => {};
    const slowThenBroken: InsightStore = {
      record: () =>
        new Promise<boolean>((_resolve, reject) => {
          release = () => reject(new Error('Redis did not answer in time'));
        }),
      events: async () => [],
      aggregates: async () => [],
      purge: async () => 0,
    };
    const { logger, lines } = capturedLogger();
    const recorder = new InsightRecorder(slowThenBroken, new ConversationHash(undefined), logger);
    const started = performance.now();
    recorder.record('c1', turn, 'a1');
    expect(performance.now() - started).toBeLessThan(50);
    release();
    await recorder.flush();
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'insight event not recorded',
        kind: 'turn',
        err: expect.objectContaining({ message: 'Redis did not answer in time' }),
      }),
    );
    expect(JSON.stringify(lines)).not.toContain('c1');
  });

  it('drops events beyond its capacity and says so, without blocking', async () => {
    const pending: (() => void)[] = [];
    const written: InsightEvent[] = [];
    const stuck: InsightStore = {
      record: (event) =>
        new Promise<boolean>((resolve) => {
          written.push(event);
          pending.push(() => resolve(true));
        }),
      events: async () => [],
      aggregates: async () => [],
      purge: async () => 0,
    };
    const { logger, lines } = capturedLogger();
    const recorder = new InsightRecorder(stuck, new ConversationHash(undefined), logger, { capacity: 2 });
    // One is being written; two wait; the fourth and fifth are dropped.
    for (let i = 0; i < 5; i += 1) recorder.record('c', turn, `a${i}`);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'insight queue full; events dropped', dropped: 1 }));
    for (let round = 0; round < 3; round += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      pending.shift()?.();
    }
    await recorder.flush();
    expect(written).toHaveLength(3);
  });

  it('refuses a fact outside the schema (text in an intent field) and logs it', async () => {
    const store = new InMemoryInsightStore();
    const { logger, lines } = capturedLogger();
    const recorder = new InsightRecorder(store, new ConversationHash(undefined), logger);
    recorder.record('c', { ...turn, intent: 'mit cpr er 010101-1234' }, 'a1');
    await recorder.flush();
    expect(await store.events(['boegely'], new Date(0), new Date(Date.now() + 60_000))).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'insight event invalid; not recorded' }));
    expect(JSON.stringify(lines)).not.toContain('010101');
  });
});
