import type { Activity } from 'botbuilder';
import { TYPING_MEANINGFUL_MS, withoutStaleTyping } from '../../bot/directline/stale-typing';

const at = (ms: number) => new Date(ms).toISOString();
const activity = (type: string, timestamp: string | undefined): Activity =>
  ({ type, ...(timestamp !== undefined ? { timestamp } : {}) }) as unknown as Activity;

describe('typing indicators on resume', () => {
  const now = Date.parse('2026-12-03T16:00:00Z');

  it('keeps messages of any age and typing from the last few seconds', () => {
    const page = [
      activity('message', at(now - 3_600_000)),
      activity('typing', at(now - TYPING_MEANINGFUL_MS - 1)),
      activity('typing', at(now - 2_000)),
      activity('event', at(now - 3_600_000)),
    ];
    expect(withoutStaleTyping(page, now).map((a) => a.type)).toEqual(['message', 'typing', 'event']);
  });

  it('drops typing without a readable timestamp', () => {
    expect(withoutStaleTyping([activity('typing', undefined), activity('typing', 'yesterday')], now)).toEqual([]);
  });
});
