import { createStorage, storageSettings } from '../../bot/assembly/assemble-storage';
import { loadConfig } from '../../bot/runtime/config';
import { createLogger } from '../../bot/runtime/logger';
import { UnansweredPurge } from '../../bot/unanswered/unanswered-purge';
import { newUnansweredQuestion } from '../../bot/unanswered/unanswered-question';
import { InMemoryUnansweredStore } from '../../bot/unanswered/unanswered-store';

function question(conversationId: string, at: Date) {
  return newUnansweredQuestion(
    {
      conversationId,
      municipalityId: 'boegely',
      language: 'da',
      redactedText: 'tilskud til elcykel',
      reason: 'fallback',
    },
    at,
  );
}

describe('the unanswered inbox and "Slet samtalen"', () => {
  it("deleting a conversation through the assembled storage deletes its questions, and no one else's", async () => {
    const storage = await createStorage(loadConfig({ LOG_LEVEL: 'silent' }), createLogger('silent'));
    try {
      for (const id of ['conv-mine', 'conv-theirs']) {
        await storage.conversations.createConversation({
          id,
          municipalityId: 'boegely',
          origin: '',
          createdAt: new Date().toISOString(),
        });
      }
      const theirs = question('conv-theirs', new Date());
      await storage.unanswered.record(question('conv-mine', new Date()));
      await storage.unanswered.record(question('conv-mine', new Date()));
      await storage.unanswered.record(theirs);
      await storage.conversations.deleteConversation('conv-mine');
      expect(await storage.unanswered.list()).toEqual([theirs]);
    } finally {
      await storage.close();
    }
  });
});

describe('UNANSWERED_RETENTION_DAYS', () => {
  it('defaults to 30 days, must be a whole number of days ≥ 1, and sets the stores’ retention', () => {
    expect(loadConfig({}).UNANSWERED_RETENTION_DAYS).toBe(30);
    expect(storageSettings(loadConfig({ UNANSWERED_RETENTION_DAYS: '7' })).unansweredRetentionSeconds).toBe(
      7 * 24 * 3600,
    );
    for (const wrong of ['0', '-1', '1.5', 'a month', '366'])
      expect(() => loadConfig({ UNANSWERED_RETENTION_DAYS: wrong })).toThrow(/UNANSWERED_RETENTION_DAYS/);
  });
});

describe('UnansweredPurge', () => {
  const now = new Date('2026-12-01T12:00:00.000Z');
  const days = (n: number) => new Date(now.getTime() - n * 24 * 3600_000);

  it('deletes what is older than the retention, once at start and then on its interval', async () => {
    const store = new InMemoryUnansweredStore();
    const old = question('a', days(31));
    const kept = question('b', days(29));
    await store.record(old);
    await store.record(kept);
    const purge = new UnansweredPurge(
      store,
      { retentionMs: 30 * 24 * 3600_000, intervalMs: 3600_000, now: () => now },
      createLogger('silent'),
    );
    purge.start();
    await purge.stop();
    expect(await store.list()).toEqual([kept]);
  });

  it('logs a failure and keeps going', async () => {
    const lines: string[] = [];
    const logger = createLogger('warn', { write: (line: string) => lines.push(line) });
    let calls = 0;
    const purge = new UnansweredPurge(
      {
        purgeOlderThan: async () => {
          calls += 1;
          if (calls === 1) throw new Error('Redis did not answer in time');
          return 0;
        },
      },
      { retentionMs: 1000, intervalMs: 3600_000, now: () => now },
      logger,
    );
    await purge.purgeOnce();
    await purge.purgeOnce();
    expect(calls).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('unanswered inbox purge failed');
    expect(lines[0]).toContain('Redis did not answer in time');
  });
});
