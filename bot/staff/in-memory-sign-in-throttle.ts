import { throttleSettings, type SignInThrottle, type SignInThrottleOptions, type ThrottleDecision, type ThrottleSettings } from './sign-in-throttle';

interface Window {
  failures: number;
  endsAt: number;
}

/** Above this many counters, ended windows are dropped: an attacker cycling addresses must not grow memory without bound. */
const SWEEP_ABOVE = 10_000;

/** Failure counters in this process's memory, for one instance. */
export class InMemorySignInThrottle implements SignInThrottle {
  private readonly windows = new Map<string, Window>();
  private readonly settings: ThrottleSettings;

  constructor(options: SignInThrottleOptions = {}) {
    this.settings = throttleSettings(options);
  }

  async check(keys: readonly string[], now: Date): Promise<ThrottleDecision> {
    let retryAfterSeconds = 0;
    for (const key of keys) {
      const window = this.live(key, now.getTime());
      if (window && window.failures >= this.settings.limitFor(key)) {
        retryAfterSeconds = Math.max(retryAfterSeconds, Math.max(1, Math.ceil((window.endsAt - now.getTime()) / 1000)));
      }
    }
    return retryAfterSeconds > 0 ? { allowed: false, retryAfterSeconds } : { allowed: true };
  }

  async recordFailure(keys: readonly string[], now: Date): Promise<void> {
    const at = now.getTime();
    if (this.windows.size > SWEEP_ABOVE) this.sweep(at);
    for (const key of keys) {
      const window = this.live(key, at) ?? { failures: 0, endsAt: at + this.settings.windowSeconds * 1000 };
      window.failures += 1;
      this.windows.set(key, window);
    }
  }

  async reset(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.windows.delete(key);
  }

  async close(): Promise<void> {
    this.windows.clear();
  }

  private live(key: string, at: number): Window | undefined {
    const window = this.windows.get(key);
    if (window && window.endsAt <= at) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private sweep(at: number): void {
    for (const key of this.windows.keys()) this.live(key, at);
  }
}
