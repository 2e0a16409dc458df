import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { StaffIdSchema } from './staff-directory';

/** 32 random bytes, base64url: what session ids and CSRF tokens look like. */
const TokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 random bytes, base64url');

/** A signed-in member of staff: the session cookie holds `id`; forms and fetches send `csrfToken`. */
export const StaffSessionSchema = z.strictObject({
  id: TokenSchema,
  agentId: StaffIdSchema,
  csrfToken: TokenSchema,
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
});
export type StaffSession = z.infer<typeof StaffSessionSchema>;

export interface StaffSessionLifetimes {
  /** A session unused this long is gone (slides with every successful get). */
  readonly idleSeconds: number;
  /** A session this old is gone however busy it is: a stolen cookie does not work forever. */
  readonly absoluteSeconds: number;
}

/**
 * Staff console sign-ins. Two implementations pass test/staff/staff-stores.contract.ts: in memory
 * (one instance) and Redis (shared by every instance). Time comes from the caller's `now`, so
 * expiry is decided the same way on every instance and tests need not wait.
 */
export interface StaffSessionStore {
  create(agentId: string, now: Date): Promise<StaffSession>;
  /**
   * The session, with lastSeenAt moved to `now`; undefined when unknown, idle longer than
   * idleSeconds, or older than absoluteSeconds.
   */
  get(id: string, now: Date): Promise<StaffSession | undefined>;
  /** Signs one session out. Deleting an unknown session is harmless. */
  delete(id: string): Promise<void>;
  /** Signs an agent out everywhere (password changed, account removed). */
  deleteAllOf(agentId: string): Promise<void>;
  close(): Promise<void>;
}

/** Refuses lifetimes Redis cannot express: EXPIRE takes whole seconds, and 0 would delete at once. */
export function checkLifetimes(lifetimes: StaffSessionLifetimes): void {
  for (const [name, value] of Object.entries({
    idleSeconds: lifetimes.idleSeconds,
    absoluteSeconds: lifetimes.absoluteSeconds,
  })) {
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`${name} must be a whole number of seconds ≥ 1, not ${value}`);
  }
}

/** A new session with a fresh id and CSRF token. */
export function newStaffSession(agentId: string, now: Date): StaffSession {
  const at = now.toISOString();
  return StaffSessionSchema.parse({
    id: randomToken(),
    agentId,
    csrfToken: randomToken(),
    createdAt: at,
    lastSeenAt: at,
  });
}

/** Whether a string can be a session id at all; anything else is answered without a lookup. */
export function isSessionId(id: string): boolean {
  return TokenSchema.safeParse(id).success;
}

/** Seconds until the session expires if it is not used again; 0 or less when it has expired. */
export function secondsLeft(session: StaffSession, now: Date, lifetimes: StaffSessionLifetimes): number {
  const idle = lifetimes.idleSeconds - (now.getTime() - Date.parse(session.lastSeenAt)) / 1000;
  const absolute = lifetimes.absoluteSeconds - (now.getTime() - Date.parse(session.createdAt)) / 1000;
  return Math.min(idle, absolute);
}

/** The session as seen at `now`. Never moves lastSeenAt back (instances' clocks may differ a little). */
export function touched(session: StaffSession, now: Date): StaffSession {
  return now.getTime() > Date.parse(session.lastSeenAt) ? { ...session, lastSeenAt: now.toISOString() } : session;
}

function randomToken(): string {
  return randomBytes(32).toString('base64url');
}
