/** How long a client is asked to wait before trying again while the store does not answer. */
export const STORE_RETRY_AFTER_SECONDS = 5;

/**
 * The shared store (Redis) did not answer: it is down, unreachable, or too slow. A passing
 * condition, not a bug: HTTP routes answer it with 503 and Retry-After, and bot turns wait it out.
 * Errors in what Redis answered (a script error, a wrong reply) are plain Errors, not this.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  readonly retryAfterSeconds = STORE_RETRY_AFTER_SECONDS;
}

export function isStoreUnavailable(error: unknown): error is StoreUnavailableError {
  return error instanceof StoreUnavailableError;
}
