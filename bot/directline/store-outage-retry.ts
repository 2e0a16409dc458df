import { isStoreUnavailable } from '../storage/store-unavailable-error';

/** Waits between attempts: about two minutes in all, then the turn is given up (and logged). */
export const STORE_OUTAGE_DELAYS_MS: readonly number[] = [
  1000, 2000, 4000, 8000, 15_000, 15_000, 15_000, 15_000, 15_000, 15_000, 15_000,
];

export interface StoreOutageRetryOptions {
  readonly delaysMs?: readonly number[];
  /** Stops waiting (shutdown); the last failure is then thrown. */
  readonly signal?: AbortSignal;
  /** Told before each wait, for the log. */
  readonly onWait?: (error: Error, attempt: number, delayMs: number) => void;
}

/**
 * Runs `attempt` again while it fails because the store does not answer, so a citizen's message
 * that was stored is answered once Redis is back rather than never. Any other failure, and a
 * failure after `shouldRetry` says no (part of the answer already went out), is thrown at once.
 */
export async function retryWhileStoreUnavailable(
  attempt: () => Promise<void>,
  shouldRetry: () => boolean,
  options: StoreOutageRetryOptions = {},
): Promise<void> {
  const delays = options.delaysMs ?? STORE_OUTAGE_DELAYS_MS;
  for (let index = 0; ; index += 1) {
    try {
      await attempt();
      return;
    } catch (error) {
      const delayMs = delays[index];
      if (!isStoreUnavailable(error) || delayMs === undefined || !shouldRetry() || options.signal?.aborted) throw error;
      options.onWait?.(error, index + 1, delayMs);
      await wait(delayMs, options.signal);
    }
  }
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
