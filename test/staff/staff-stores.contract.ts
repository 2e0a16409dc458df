import { randomBytes } from 'node:crypto';
import type { CallbackRequestStore, NewCallbackRequest } from '../../bot/handoff/callback-request-store';
import type { SignInThrottle, SignInThrottleOptions } from '../../bot/staff/sign-in-throttle';
import {
  StaffSessionSchema,
  type StaffSessionLifetimes,
  type StaffSessionStore,
} from '../../bot/staff/staff-session-store';

/** Several instances share the data (Redis); the in-memory stores are one process's only. */
export interface StoreCapabilities {
  readonly sharedBackend: boolean;
}

// ---------------------------------------------------------------------------------------------
// Staff sessions

export interface StaffSessionStoreFixture {
  readonly store: StaffSessionStore;
  /** Another store on the same backend, as a second instance would have. Needed with sharedBackend. */
  readonly openPeer?: () => Promise<StaffSessionStore>;
  /** Closes the store and any peers. */
  cleanup(): Promise<void>;
}

const IDLE_SECONDS = 600;
const ABSOLUTE_SECONDS = 1800;

/**
 * The behaviour every StaffSessionStore must have. Time is the injected `now`: starting from the
 * real time, moved forward by whole minutes, so nothing waits.
 */
export function staffSessionStoreContract(
  name: string,
  create: (lifetimes: StaffSessionLifetimes) => Promise<StaffSessionStoreFixture>,
  { sharedBackend }: StoreCapabilities,
): void {
  async function withStore(
    test: (store: StaffSessionStore, fixture: StaffSessionStoreFixture) => Promise<void>,
  ): Promise<void> {
    const fixture = await create({ idleSeconds: IDLE_SECONDS, absoluteSeconds: ABSOLUTE_SECONDS });
    try {
      await test(fixture.store, fixture);
    } finally {
      await fixture.cleanup();
    }
  }

  describe(`${name} (StaffSessionStore contract)`, () => {
    it('creates a session with a random id and CSRF token, and reads it back', () =>
      withStore(async (store) => {
        const now = new Date();
        const session = await store.create('anna', now);
        expect(StaffSessionSchema.parse(session)).toEqual(session);
        expect(session).toMatchObject({ agentId: 'anna', createdAt: now.toISOString(), lastSeenAt: now.toISOString() });
        expect(session.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(session.csrfToken).not.toBe(session.id);
        expect(await store.get(session.id, now)).toEqual(session);

        const second = await store.create('anna', now);
        expect(second.id).not.toBe(session.id);
        expect(second.csrfToken).not.toBe(session.csrfToken);
      }));

    it('refuses an agent id that is not a valid username', () =>
      withStore(async (store) => {
        await expect(store.create('Not A Username', new Date())).rejects.toThrow();
      }));

    it('slides lastSeenAt on every successful get, keeping a session in use alive past the idle timeout', () =>
      withStore(async (store) => {
        const start = new Date();
        const session = await store.create('anna', start);
        const first = at(start, IDLE_SECONDS - 60);
        expect(await store.get(session.id, first)).toEqual({ ...session, lastSeenAt: first.toISOString() });
        // Past the creation's idle timeout, but within the slid one.
        const second = at(start, 2 * IDLE_SECONDS - 120);
        expect((await store.get(session.id, second))?.lastSeenAt).toBe(second.toISOString());
        expect((await store.get(session.id, second))?.createdAt).toBe(start.toISOString());
      }));

    it('forgets a session idle longer than idleSeconds, for good', () =>
      withStore(async (store) => {
        const start = new Date();
        const session = await store.create('anna', start);
        const other = await store.create('bo', start);
        expect(await store.get(other.id, at(start, IDLE_SECONDS - 60))).toBeDefined();
        expect(await store.get(session.id, at(start, IDLE_SECONDS + 60))).toBeUndefined();
        // Gone, not merely hidden: an earlier clock does not bring it back.
        expect(await store.get(session.id, at(start, 60))).toBeUndefined();
        expect(await store.get(other.id, at(start, IDLE_SECONDS + 60))).toBeDefined();
      }));

    it('forgets a session older than absoluteSeconds however busy it is', () =>
      withStore(async (store) => {
        const start = new Date();
        const session = await store.create('anna', start);
        for (let seconds = 500; seconds < ABSOLUTE_SECONDS; seconds += 500) {
          expect({ seconds, found: (await store.get(session.id, at(start, seconds))) !== undefined }).toEqual({
            seconds,
            found: true,
          });
        }
        expect(await store.get(session.id, at(start, ABSOLUTE_SECONDS + 1))).toBeUndefined();
      }));

    it('deletes one session, leaving the others', () =>
      withStore(async (store) => {
        const now = new Date();
        const session = await store.create('anna', now);
        const other = await store.create('anna', now);
        await store.delete(session.id);
        expect(await store.get(session.id, now)).toBeUndefined();
        expect(await store.get(other.id, now)).toEqual(other);
        await store.delete(session.id); // deleting twice is harmless
        await store.delete('garbage');
      }));

    it("deletes all of one agent's sessions, leaving other agents'", () =>
      withStore(async (store) => {
        const now = new Date();
        const anna = [await store.create('anna', now), await store.create('anna', now)];
        const bo = await store.create('bo', now);
        await store.deleteAllOf('anna');
        for (const session of anna) expect(await store.get(session.id, now)).toBeUndefined();
        expect(await store.get(bo.id, now)).toEqual(bo);
        await store.deleteAllOf('anna'); // nothing left: harmless
        await store.deleteAllOf('nobody');
        // Signing in again afterwards works.
        const again = await store.create('anna', now);
        expect(await store.get(again.id, now)).toEqual(again);
      }));

    it('answers undefined for unknown and garbage ids', () =>
      withStore(async (store) => {
        const now = new Date();
        await store.create('anna', now);
        for (const id of [
          randomBytes(32).toString('base64url'),
          '',
          'garbage',
          '../../etc/passwd',
          'a:b',
          'x'.repeat(10_000),
        ]) {
          expect({ id: id.slice(0, 50), session: await store.get(id, now) }).toEqual({
            id: id.slice(0, 50),
            session: undefined,
          });
        }
      }));

    if (sharedBackend) {
      it('shares sessions, slides and sign-outs between instances on the same backend', () =>
        withStore(async (store, fixture) => {
          if (!fixture.openPeer) throw new Error('a sharedBackend fixture must provide openPeer');
          const peer = await fixture.openPeer();
          const start = new Date();
          const session = await store.create('anna', start);
          expect(await peer.get(session.id, start)).toEqual(session);
          // A slide on one instance keeps the session alive on the other.
          await peer.get(session.id, at(start, IDLE_SECONDS - 60));
          expect(await store.get(session.id, at(start, IDLE_SECONDS + 60))).toBeDefined();

          await peer.delete(session.id);
          expect(await store.get(session.id, at(start, IDLE_SECONDS + 60))).toBeUndefined();
          const other = await store.create('anna', start);
          await peer.deleteAllOf('anna');
          expect(await store.get(other.id, start)).toBeUndefined();
        }));
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Sign-in throttle

export interface SignInThrottleFixture {
  readonly throttle: SignInThrottle;
  /**
   * Lets `seconds` pass from `from` and returns the new time: the in-memory throttle jumps its
   * injected clock, the Redis one really waits (it keeps time by key expiry).
   */
  elapse(seconds: number, from: Date): Promise<Date>;
  cleanup(): Promise<void>;
}

/**
 * The behaviour every SignInThrottle must have. Delays that must pass are 1–2 s, so the Redis
 * throttle (which really waits) stays quick; a refusal is checked right after the failure that
 * caused it, well within its delay.
 */
export function signInThrottleContract(
  name: string,
  create: (options: SignInThrottleOptions) => Promise<SignInThrottleFixture>,
): void {
  async function withThrottle(
    options: SignInThrottleOptions,
    test: (throttle: SignInThrottle, fixture: SignInThrottleFixture) => Promise<void>,
  ): Promise<void> {
    const fixture = await create(options);
    try {
      await test(fixture.throttle, fixture);
    } finally {
      await fixture.cleanup();
    }
  }

  async function fail(throttle: SignInThrottle, keys: readonly string[], times: number, now: Date): Promise<void> {
    for (let i = 0; i < times; i += 1) await throttle.recordFailure(keys, now);
  }

  async function waitOf(throttle: SignInThrottle, keys: readonly string[], now: Date): Promise<number> {
    const decision = await throttle.check(keys, now);
    return decision.allowed ? 0 : decision.retryAfterSeconds;
  }

  describe(`${name} (SignInThrottle contract)`, () => {
    it('allows 5 failures per key by default, then makes the next try wait 1 s; any waiting key refuses', () =>
      withThrottle({}, async (throttle) => {
        const now = new Date();
        const keys = ['user+ip:192.0.2.1/anna', 'ip:192.0.2.1'];
        expect(await throttle.check(keys, now)).toEqual({ allowed: true });
        await fail(throttle, keys, 4, now);
        expect(await throttle.check(keys, now)).toEqual({ allowed: true });
        await fail(throttle, keys, 1, now);
        expect(await throttle.check(keys, now)).toEqual({ allowed: false, retryAfterSeconds: 1 });
        expect(await throttle.check(['user+ip:192.0.2.1/anna'], now)).toEqual({ allowed: false, retryAfterSeconds: 1 });
        expect(await throttle.check(['user+ip:192.0.2.1/bo', 'ip:192.0.2.1'], now)).toEqual({
          allowed: false,
          retryAfterSeconds: 1,
        });
        expect(await throttle.check(['user+ip:192.0.2.2/anna', 'ip:192.0.2.2'], now)).toEqual({ allowed: true });
        expect(await throttle.check([], now)).toEqual({ allowed: true });
      }));

    it('doubles the delay with every further failure, up to maxDelaySeconds', () =>
      withThrottle({ freeFailures: 1, maxDelaySeconds: 2 }, async (throttle, fixture) => {
        const keys = ['user+ip:192.0.2.1/anna'];
        const start = new Date();
        await fail(throttle, keys, 1, start);
        expect(await waitOf(throttle, keys, start)).toBe(1);
        const second = await fixture.elapse(1.2, start);
        expect(await throttle.check(keys, second)).toEqual({ allowed: true });
        await fail(throttle, keys, 1, second);
        expect(await waitOf(throttle, keys, second)).toBe(2);
        const third = await fixture.elapse(2.2, second);
        expect(await throttle.check(keys, third)).toEqual({ allowed: true });
        await fail(throttle, keys, 1, third);
        // 4 s by doubling, capped at 2.
        expect(await waitOf(throttle, keys, third)).toBe(2);
      }));

    it('rises 1, 2, 4, 8 … seconds and stops at 15 minutes by default', () =>
      withThrottle({ freeFailures: 3 }, async (throttle) => {
        const keys = ['user+ip:192.0.2.1/anna'];
        const now = new Date();
        const waits: number[] = [];
        for (let i = 0; i < 14; i += 1) {
          await throttle.recordFailure(keys, now);
          waits.push(await waitOf(throttle, keys, now));
        }
        // A try refused while waiting is not a failure; here every failure is recorded, as if each had waited.
        expect(waits).toEqual([0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
      }));

    it('gives each key kind its own free failures', () =>
      withThrottle({ freeFailures: 3, freeFailuresByKind: { 'user+ip': 2, ip: 4 } }, async (throttle) => {
        const now = new Date();
        await fail(throttle, ['user+ip:192.0.2.1/anna', 'ip:192.0.2.1', 'device:x'], 2, now);
        expect(await waitOf(throttle, ['user+ip:192.0.2.1/anna'], now)).toBe(1);
        expect(await throttle.check(['ip:192.0.2.1'], now)).toEqual({ allowed: true });
        expect(await throttle.check(['device:x'], now)).toEqual({ allowed: true });
        await fail(throttle, ['user+ip:192.0.2.1/bo', 'ip:192.0.2.1', 'device:x'], 1, now);
        // A kind without its own number uses freeFailures (3).
        expect(await waitOf(throttle, ['device:x'], now)).toBe(1);
        expect(await throttle.check(['user+ip:192.0.2.1/bo', 'ip:192.0.2.1'], now)).toEqual({ allowed: true });
        await fail(throttle, ['user+ip:192.0.2.1/carl', 'ip:192.0.2.1'], 1, now);
        // The address has had 4: it now slows every account tried from it, but no other address.
        expect(await waitOf(throttle, ['user+ip:192.0.2.1/dora', 'ip:192.0.2.1'], now)).toBe(1);
        expect(await throttle.check(['user+ip:198.51.100.7/anna', 'ip:198.51.100.7'], now)).toEqual({ allowed: true });
      }));

    it("never keeps a user out at their own address because of a stranger's failures at another", () =>
      withThrottle({}, async (throttle) => {
        const now = new Date();
        await fail(throttle, ['user+ip:203.0.113.66/anna', 'ip:203.0.113.66'], 100, now);
        expect(await waitOf(throttle, ['user+ip:203.0.113.66/anna', 'ip:203.0.113.66'], now)).toBe(900);
        expect(await throttle.check(['user+ip:192.0.2.1/anna', 'ip:192.0.2.1'], now)).toEqual({ allowed: true });
      }));

    it('forgets the failures of reset keys only', () =>
      withThrottle({ freeFailures: 2 }, async (throttle) => {
        const now = new Date();
        await fail(throttle, ['user+ip:192.0.2.1/anna', 'ip:192.0.2.1'], 2, now);
        await throttle.reset(['user+ip:192.0.2.1/anna']);
        expect(await throttle.check(['user+ip:192.0.2.1/anna'], now)).toEqual({ allowed: true });
        expect(await waitOf(throttle, ['ip:192.0.2.1'], now)).toBe(1);
        await throttle.reset([]);
        // Counting starts again from nothing.
        await fail(throttle, ['user+ip:192.0.2.1/anna'], 1, now);
        expect(await throttle.check(['user+ip:192.0.2.1/anna'], now)).toEqual({ allowed: true });
      }));

    it('forgets a key forgetAfterSeconds after its last failure, counting from nothing', () =>
      withThrottle({ freeFailures: 3, maxDelaySeconds: 1, forgetAfterSeconds: 1 }, async (throttle, fixture) => {
        const keys = ['user+ip:192.0.2.1/anna'];
        const start = new Date();
        await fail(throttle, keys, 2, start);
        const later = await fixture.elapse(1.3, start);
        // Remembered, these two would make four: a delay. Forgotten, they are the first two.
        await fail(throttle, keys, 2, later);
        expect(await throttle.check(keys, later)).toEqual({ allowed: true });
        await fail(throttle, keys, 1, later);
        expect(await waitOf(throttle, keys, later)).toBe(1);
      }));

    it('refuses options that would lock out at once or forget a key while it waits', async () => {
      for (const options of [
        { freeFailures: 0 },
        { firstDelaySeconds: 0.5 },
        { maxDelaySeconds: 900, forgetAfterSeconds: 60 },
        { freeFailuresByKind: { ip: -1 } },
      ]) {
        await expect(create(options)).rejects.toThrow();
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Callback requests

export interface CallbackRequestStoreFixture {
  readonly store: CallbackRequestStore;
  /** The store's time: the injected clock for the in-memory store, the real one for Redis. */
  now(): Date;
  /** Lets time pass (jumps the injected clock, or really waits). */
  elapse(seconds: number): Promise<void>;
  readonly openPeer?: () => Promise<CallbackRequestStore>;
  cleanup(): Promise<void>;
}

export interface CallbackRequestStoreCapabilities extends StoreCapabilities {
  /** A retention the expiry test can wait out: anything with a jumping clock, 1 s when really waiting. */
  readonly shortRetentionSeconds: number;
}

export function callbackRequestStoreContract(
  name: string,
  create: (retentionSeconds: number) => Promise<CallbackRequestStoreFixture>,
  { sharedBackend, shortRetentionSeconds }: CallbackRequestStoreCapabilities,
): void {
  async function withStore(
    test: (store: CallbackRequestStore, fixture: CallbackRequestStoreFixture) => Promise<void>,
    retentionSeconds = 3600,
  ): Promise<void> {
    const fixture = await create(retentionSeconds);
    try {
      await test(fixture.store, fixture);
    } finally {
      await fixture.cleanup();
    }
  }

  describe(`${name} (CallbackRequestStore contract)`, () => {
    it('adds a request with a random id and the time, and lists it', () =>
      withStore(async (store, fixture) => {
        const now = fixture.now();
        const added = await store.add(request({ queueId: 'faelles' }), now);
        expect(added).toEqual({
          ...request({ queueId: 'faelles' }),
          id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
          createdAt: now.toISOString(),
        });
        expect(await store.list(['faelles'])).toEqual([added]);
        const other = await store.add(request({ queueId: 'faelles' }), now);
        expect(other.id).not.toBe(added.id);
      }));

    it('keeps the conversation a request came from, and lists requests without one (stored before it was recorded)', () =>
      withStore(async (store, fixture) => {
        const now = fixture.now();
        const withChat = await store.add({ ...request({ queueId: 'faelles' }), conversationId: 'abc-123_x.y~z' }, now);
        const without = await store.add(request({ queueId: 'faelles', message: 'older' }), at(now, -10));
        expect(withChat.conversationId).toBe('abc-123_x.y~z');
        expect(await store.list(['faelles'])).toEqual([without, withChat]);
        await expect(store.add({ ...request({ queueId: 'faelles' }), conversationId: 'a:b|c' }, now)).rejects.toThrow();
      }));

    it('lists the requests of the given queues, oldest first, and counts them', () =>
      withStore(async (store, fixture) => {
        const start = fixture.now();
        const a = await store.add(request({ queueId: 'nord', message: 'a' }), at(start, -30));
        const b = await store.add(request({ queueId: 'syd', message: 'b' }), at(start, -20));
        const c = await store.add(request({ queueId: 'nord', message: 'c' }), at(start, -10));
        // Added out of order: listed by creation time, not by when they were added.
        const first = await store.add(request({ queueId: 'syd', message: 'first' }), at(start, -40));
        expect((await store.list(['nord', 'syd'])).map((r) => r.message)).toEqual(['first', 'a', 'b', 'c']);
        expect(await store.list(['nord'])).toEqual([a, c]);
        expect(await store.list(['syd', 'syd'])).toEqual([first, b]);
        expect(await store.list(['vest'])).toEqual([]);
        expect(await store.list([])).toEqual([]);
        expect(await store.count(['nord', 'syd'])).toBe(4);
        expect(await store.count(['syd'])).toBe(2);
        expect(await store.count(['vest'])).toBe(0);
      }));

    it('refuses an invalid request and stores nothing', () =>
      withStore(async (store, fixture) => {
        const now = fixture.now();
        const invalid: NewCallbackRequest[] = [
          request({ phone: '12 34' }),
          request({ phone: '+45 12 34 56 78; DROP' }),
          request({ message: 'x'.repeat(501) }),
          request({ queueId: 'Faelles:x' }),
          request({ municipalityId: '' }),
        ];
        for (const bad of invalid) await expect(store.add(bad, now)).rejects.toThrow();
        expect(await store.count(['faelles', 'Faelles:x'])).toBe(0);
        // The limits themselves are fine.
        await store.add(request({ phone: '+4512345678', message: 'x'.repeat(500) }), now);
        await store.add(request({ phone: '12 34 56 78' }), now);
        expect(await store.count(['faelles'])).toBe(2);
      }));

    it('removes a request once: true the first time, false after', () =>
      withStore(async (store, fixture) => {
        const now = fixture.now();
        const kept = await store.add(request({ message: 'kept' }), now);
        const removed = await store.add(request({ message: 'removed' }), at(now, 1));
        expect(await store.remove(removed.id)).toBe(true);
        expect(await store.remove(removed.id)).toBe(false);
        expect(await store.list(['faelles'])).toEqual([kept]);
        expect(await store.count(['faelles'])).toBe(1);
        for (const id of [randomBytes(16).toString('base64url'), '', 'garbage', '../x', 'a:b'])
          expect(await store.remove(id)).toBe(false);
      }));

    it('keeps a request at most retentionSeconds', () =>
      withStore(async (store, fixture) => {
        const expiring = await store.add(request({ message: 'expiring' }), fixture.now());
        expect(await store.count(['faelles'])).toBe(1);
        await fixture.elapse(shortRetentionSeconds + 0.3);
        expect(await store.list(['faelles'])).toEqual([]);
        expect(await store.count(['faelles'])).toBe(0);
        expect(await store.remove(expiring.id)).toBe(false);
        // The store still works for new requests.
        const fresh = await store.add(request({ message: 'fresh' }), fixture.now());
        expect(await store.list(['faelles'])).toEqual([fresh]);
      }, shortRetentionSeconds));

    if (sharedBackend) {
      it('shares requests between instances on the same backend, and removes each once', () =>
        withStore(async (store, fixture) => {
          if (!fixture.openPeer) throw new Error('a sharedBackend fixture must provide openPeer');
          const peer = await fixture.openPeer();
          const added = await store.add(request({}), fixture.now());
          expect(await peer.list(['faelles'])).toEqual([added]);
          const removals = await Promise.all([store.remove(added.id), peer.remove(added.id)]);
          expect(removals.filter(Boolean)).toHaveLength(1);
          expect(await store.count(['faelles'])).toBe(0);
        }));
    }
  });
}

function request(overrides: Partial<NewCallbackRequest>): NewCallbackRequest {
  return {
    municipalityId: 'boegely',
    queueId: 'faelles',
    language: 'da',
    phone: '+45 12 34 56 78',
    message: 'Ring om mit sygesikringsbevis',
    ...overrides,
  };
}

function at(start: Date, seconds: number): Date {
  return new Date(start.getTime() + seconds * 1000);
}
