export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Slows password guessing on the staff sign-in. Each key (`user:anna`, `ip:203.0.113.7`) allows a
 * number of failed sign-ins per fixed window; once a key has used them, sign-ins with that key are
 * refused until the window ends. A username key stops guessing one account from many addresses,
 * an address key stops one address trying many accounts.
 *
 * Two implementations pass test/staff/staff-stores.contract.ts: in memory (one instance; time
 * from the caller's `now`) and Redis (shared by every instance; time is Redis's own, so `now` is
 * ignored there and windows end by key expiry).
 */
export interface SignInThrottle {
  /** Refused when any key has used up its failures; retryAfterSeconds is the longest wait among them. */
  check(keys: readonly string[], now: Date): Promise<ThrottleDecision>;
  /** Counts one failed sign-in against every key. */
  recordFailure(keys: readonly string[], now: Date): Promise<void>;
  /** Forgets the failures of these keys (after a successful sign-in, for its username). */
  reset(keys: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export interface SignInThrottleOptions {
  /** Failures a key may have per window, unless `limits` names its kind. Default 5. */
  readonly maxFailures?: number;
  /** Length of a counting window. Default 900 (15 minutes). */
  readonly windowSeconds?: number;
  /**
   * Failures per window by key kind, the part before the first ":" (`{ user: 5, ip: 50 }`): many
   * staff may share one office address, so addresses usually get more.
   */
  readonly limits?: Readonly<Record<string, number>>;
}

/** The options resolved and checked, with the limit for any key. */
export interface ThrottleSettings {
  readonly windowSeconds: number;
  limitFor(key: string): number;
}

export function throttleSettings(options: SignInThrottleOptions = {}): ThrottleSettings {
  const maxFailures = options.maxFailures ?? 5;
  const windowSeconds = options.windowSeconds ?? 900;
  const limits = new Map(Object.entries(options.limits ?? {}));
  // Whole seconds because Redis's EXPIRE takes them; a limit of 0 would lock everyone out.
  requireWholeNumber('windowSeconds', windowSeconds);
  requireWholeNumber('maxFailures', maxFailures);
  for (const [kind, limit] of limits) requireWholeNumber(`limits.${kind}`, limit);
  return {
    windowSeconds,
    limitFor: (key) => limits.get(kindOf(key)) ?? maxFailures,
  };
}

function kindOf(key: string): string {
  const colon = key.indexOf(':');
  return colon < 0 ? key : key.slice(0, colon);
}

function requireWholeNumber(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1, not ${value}`);
}
