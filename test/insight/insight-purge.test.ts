import { InsightPurge } from '../../bot/insight/insight-purge';
import { createLogger } from '../../bot/runtime/logger';

describe('InsightPurge', () => {
  it('deletes event details after INSIGHT_RETENTION_DAYS and counters after the aggregate retention, in Copenhagen days', async () => {
    const calls: [Date, string][] = [];
    const purge = new InsightPurge(
      {
        purge: async (eventsBefore, aggregatesBefore) => {
          calls.push([eventsBefore, aggregatesBefore]);
          return 0;
        },
      },
      {
        retentionDays: 395,
        aggregateRetentionDays: 1830,
        intervalMs: 3600_000,
        // 23:30 UTC on 31 December is already 1 January 2027 in Copenhagen; 1,830 days before it is 28 December 2021.
        now: () => new Date('2026-12-31T23:30:00.000Z'),
      },
      createLogger('silent'),
    );
    await purge.purgeOnce();
    expect(calls).toEqual([[new Date('2025-12-01T23:30:00.000Z'), '2021-12-28']]);
  });

  it('logs a failed purge and tries again next time', async () => {
    let attempts = 0;
    const purge = new InsightPurge(
      {
        purge: async () => {
          attempts += 1;
          throw new Error('Redis did not answer in time');
        },
      },
      { retentionDays: 1, aggregateRetentionDays: 1, intervalMs: 3600_000 },
      createLogger('silent'),
    );
    await purge.purgeOnce();
    await purge.purgeOnce();
    expect(attempts).toBe(2);
  });
});
