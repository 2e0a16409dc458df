export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Slows password guessing on the staff sign-in, as OWASP advises: rising delays rather than a hard
 * lock. Each key may fail a few times freely; from then on every failure makes the next try with
 * that key wait (1 s, 2 s, 4 s, … up to a cap). Failures are forgotten after a quiet period or,
 * for the keys the caller resets, on a successful sign-in.
 *
 * The staff sign-in counts per username-and-address (`user+ip:…`, see signInKeys) and, more
 * loosely, per address (`ip:…`, one address trying many accounts). Nothing counts per username
 * alone: a stranger's wrong passwords from their address must never keep the real user out at theirs.
 *
 * Two implementations pass test/staff/staff-stores.contract.ts: in memory (one instance; time
 * from the caller's `now`) and Redis (shared by every instance; delays run on Redis's clock by key
 * expiry, so `now` is ignored there).
 */
export interface SignInThrottle {
  /** Refused while any key is waiting out its delay; retryAfterSeconds is the longest wait among them. */
  check(keys: readonly string[], now: Date): Promise<ThrottleDecision>;
  /** Counts one failed sign-in against every key, starting or lengthening its delay when past the free failures. */
  recordFailure(keys: readonly string[], now: Date): Promise<void>;
  /** Forgets the failures of these keys (after a successful sign-in, for its username-and-address). */
  reset(keys: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export interface SignInThrottleOptions {
  /** Failures a key may have before delays begin, unless `freeFailuresByKind` names its kind. Default 5. */
  readonly freeFailures?: number;
  /**
   * Free failures by key kind, the part before the first ":" (`{ 'user+ip': 5, ip: 50 }`): many
   * staff may share one office address, so addresses usually get more.
   */
  readonly freeFailuresByKind?: Readonly<Record<string, number>>;
  /** The delay after the last free failure; each further failure doubles it. Default 1. */
  readonly firstDelaySeconds?: number;
  /** The longest delay. Default 900 (15 minutes). */
  readonly maxDelaySeconds?: number;
  /** A key's failures are forgotten this long after its last one. Default 86,400 (a day); at least maxDelaySeconds. */
  readonly forgetAfterSeconds?: number;
}

/** The options resolved and checked. */
export interface ThrottleSettings {
  readonly firstDelaySeconds: number;
  readonly maxDelaySeconds: number;
  readonly forgetAfterSeconds: number;
  freeFailuresFor(key: string): number;
  /** How long the next try with `key` must wait after its `failures`-th failure, in milliseconds (0: none). */
  delayMsAfter(key: string, failures: number): number;
}

/** The keys one sign-in attempt counts against: its username from its address, and its address. */
export function signInKeys(
  username: string,
  address: string,
): { readonly userAtAddress: string; readonly address: string } {
  // The address first: it never contains "/", so the username after it cannot make two pairs collide.
  return { userAtAddress: `user+ip:${address}/${username}`, address: `ip:${address}` };
}

/** Doublings beyond this already exceed any sensible cap; it keeps 2^n finite. */
const MAX_DOUBLINGS = 40;

export function throttleSettings(options: SignInThrottleOptions = {}): ThrottleSettings {
  const freeFailures = options.freeFailures ?? 5;
  const firstDelaySeconds = options.firstDelaySeconds ?? 1;
  const maxDelaySeconds = options.maxDelaySeconds ?? 900;
  const forgetAfterSeconds = options.forgetAfterSeconds ?? 86_400;
  const byKind = new Map(Object.entries(options.freeFailuresByKind ?? {}));
  // Whole seconds because Redis's EXPIRE takes them; 0 free failures would delay a typo at once.
  requireWholeNumber('freeFailures', freeFailures);
  requireWholeNumber('firstDelaySeconds', firstDelaySeconds);
  requireWholeNumber('maxDelaySeconds', maxDelaySeconds);
  requireWholeNumber('forgetAfterSeconds', forgetAfterSeconds);
  for (const [kind, free] of byKind) requireWholeNumber(`freeFailuresByKind.${kind}`, free);
  if (maxDelaySeconds < firstDelaySeconds)
    throw new Error(`maxDelaySeconds (${maxDelaySeconds}) must be at least firstDelaySeconds (${firstDelaySeconds})`);
  // Otherwise a key's count would be forgotten while it still waits, and the next try would be free.
  if (forgetAfterSeconds < maxDelaySeconds)
    throw new Error(`forgetAfterSeconds (${forgetAfterSeconds}) must be at least maxDelaySeconds (${maxDelaySeconds})`);
  const freeFailuresFor = (key: string) => byKind.get(kindOf(key)) ?? freeFailures;
  return {
    firstDelaySeconds,
    maxDelaySeconds,
    forgetAfterSeconds,
    freeFailuresFor,
    delayMsAfter(key, failures) {
      const beyond = failures - freeFailuresFor(key);
      if (beyond < 0) return 0;
      return Math.min(maxDelaySeconds, firstDelaySeconds * 2 ** Math.min(beyond, MAX_DOUBLINGS)) * 1000;
    },
  };
}

function kindOf(key: string): string {
  const colon = key.indexOf(':');
  return colon < 0 ? key : key.slice(0, colon);
}

function requireWholeNumber(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1, not ${value}`);
}
