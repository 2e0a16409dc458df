import type { RateLimit, RateLimiter } from '../../bot/http/rate-limiter';

export interface RateLimiterFixture {
  /** A limiter as the storage's RateLimits makes it. */
  limiter(name: string, limit: RateLimit): RateLimiter;
  /** The same limiter as another instance on the same backend would have it. Needed with sharedBackend. */
  readonly peer?: (name: string, limit: RateLimit) => RateLimiter;
  /** Lets time pass: jumps the in-memory limiter's clock, really waits for Redis. */
  elapse(seconds: number): Promise<void>;
  cleanup(): Promise<void>;
}

/**
 * The behaviour every RateLimiter must have. Refusals are checked right after the takes that
 * caused them, with refill rates slow enough (a token per 10 s) that a slow machine cannot refill
 * one in between; the refill test waits just over the time one token takes.
 */
export function rateLimiterContract(
  name: string,
  create: () => Promise<RateLimiterFixture>,
  { sharedBackend }: { sharedBackend: boolean },
): void {
  async function withLimits(test: (fixture: RateLimiterFixture) => Promise<void>): Promise<void> {
    const fixture = await create();
    try {
      await test(fixture);
    } finally {
      await fixture.cleanup();
    }
  }

  async function takes(limiter: RateLimiter, key: string, times: number): Promise<boolean[]> {
    const allowed: boolean[] = [];
    for (let i = 0; i < times; i += 1) allowed.push((await limiter.take(key)).allowed);
    return allowed;
  }

  describe(`${name} (RateLimiter contract)`, () => {
    it('allows a burst, then refuses with the seconds until the next token', () =>
      withLimits(async (fixture) => {
        const limiter = fixture.limiter('messages', { perMinute: 6, burst: 3 });
        expect(await takes(limiter, 'conversation-a', 3)).toEqual([true, true, true]);
        const refused = await limiter.take('conversation-a');
        if (refused.allowed) throw new Error('expected the fourth take to be refused');
        // One token per 10 s.
        expect(refused.retryAfterSeconds).toBe(10);
      }));

    it('keeps keys, and limiters of different names, apart', () =>
      withLimits(async (fixture) => {
        const messages = fixture.limiter('messages', { perMinute: 6, burst: 1 });
        const conversations = fixture.limiter('conversations', { perMinute: 6, burst: 1 });
        expect(await takes(messages, 'k', 2)).toEqual([true, false]);
        expect(await takes(messages, 'other', 2)).toEqual([true, false]);
        expect(await takes(conversations, 'k', 2)).toEqual([true, false]);
      }));

    it('gives a third of a minute as the default burst', () =>
      withLimits(async (fixture) => {
        expect(await takes(fixture.limiter('messages', { perMinute: 9 }), 'k', 4)).toEqual([true, true, true, false]);
        expect(await takes(fixture.limiter('typing', { perMinute: 1 }), 'k', 2)).toEqual([true, false]);
      }));

    it('refills with time, a fraction of a token at a time', () =>
      withLimits(async (fixture) => {
        const limiter = fixture.limiter('messages', { perMinute: 60, burst: 2 });
        expect(await takes(limiter, 'k', 3)).toEqual([true, true, false]);
        await fixture.elapse(1.2);
        expect((await limiter.take('k')).allowed).toBe(true);
        const slow = fixture.limiter('slow', { perMinute: 6, burst: 2 });
        expect(await takes(slow, 'k', 1)).toEqual([true]);
        await fixture.elapse(1.2);
        // 0.12 of a token came back: still one, not two.
        expect(await takes(slow, 'k', 2)).toEqual([true, false]);
      }));

    if (sharedBackend) {
      it('shares one bucket per key between instances on the same backend', () =>
        withLimits(async (fixture) => {
          if (!fixture.peer) throw new Error('a sharedBackend fixture must provide peer');
          const here = fixture.limiter('conversations', { perMinute: 6, burst: 2 });
          const there = fixture.peer('conversations', { perMinute: 6, burst: 2 });
          expect((await here.take('ip:203.0.113.7')).allowed).toBe(true);
          expect((await there.take('ip:203.0.113.7')).allowed).toBe(true);
          expect((await here.take('ip:203.0.113.7')).allowed).toBe(false);
          expect((await there.take('ip:203.0.113.7')).allowed).toBe(false);
        }));
    }
  });
}
