import { ConfigError, loadConfig } from '../../bot/runtime/config';

describe('insight configuration', () => {
  it('keeps event details 395 days and daily counters five years by default, and 8 minutes per inquiry', () => {
    expect(loadConfig({})).toMatchObject({
      INSIGHT_RETENTION_DAYS: 395,
      INSIGHT_AGGREGATE_RETENTION_DAYS: 1830,
      INSIGHT_MINUTES_PER_INQUIRY: 8,
    });
    expect(loadConfig({}).INSIGHT_HASH_SECRET).toBeUndefined();
    // As .env.example leaves it: empty is unset.
    expect(loadConfig({ INSIGHT_HASH_SECRET: '' }).INSIGHT_HASH_SECRET).toBeUndefined();
  });

  it('refuses a short hash secret and retention out of range, naming the variable', () => {
    expect(() => loadConfig({ INSIGHT_HASH_SECRET: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ INSIGHT_HASH_SECRET: 'short' })).toThrow(/INSIGHT_HASH_SECRET: must be at least 32/);
    expect(() => loadConfig({ INSIGHT_RETENTION_DAYS: '0' })).toThrow(/INSIGHT_RETENTION_DAYS/);
    expect(() => loadConfig({ INSIGHT_AGGREGATE_RETENTION_DAYS: 'ever' })).toThrow(/INSIGHT_AGGREGATE_RETENTION_DAYS/);
  });
});
