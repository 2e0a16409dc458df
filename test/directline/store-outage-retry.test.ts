import { StoreUnavailableError } from '../../bot/storage/store-unavailable-error';
import { retryWhileStoreUnavailable } from '../../bot/directline/store-outage-retry';

const QUICK = { delaysMs: [1, 1, 1] };

function failing(times: number, error: () => Error): { attempt: () => Promise<void>; calls: () => number } {
  let calls = 0;
  return {
    calls: () => calls,
    attempt: async () => {
      calls += 1;
      if (calls <= times) throw error();
    },
  };
}

const unavailable = () =>
  new StoreUnavailableError('conversation store: appending an activity failed: Redis did not answer in time');

describe('a bot turn while the store does not answer', () => {
  it('runs again until the store answers', async () => {
    const turn = failing(2, unavailable);
    await retryWhileStoreUnavailable(turn.attempt, () => true, QUICK);
    expect(turn.calls()).toBe(3);
  });

  it('gives up after the last wait, with the store’s error', async () => {
    const turn = failing(10, unavailable);
    await expect(retryWhileStoreUnavailable(turn.attempt, () => true, QUICK)).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    expect(turn.calls()).toBe(4);
  });

  it('does not run again for other errors, nor once part of the answer went out', async () => {
    const bug = failing(1, () => new Error('a bug'));
    await expect(retryWhileStoreUnavailable(bug.attempt, () => true, QUICK)).rejects.toThrow('a bug');
    expect(bug.calls()).toBe(1);
    const answered = failing(1, unavailable);
    await expect(retryWhileStoreUnavailable(answered.attempt, () => false, QUICK)).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    expect(answered.calls()).toBe(1);
  });

  it('stops waiting when the server shuts down', async () => {
    const closing = new AbortController();
    const turn = failing(10, unavailable);
    // Shut down while the turn waits its minute: it tries once more at once, then gives up.
    const running = retryWhileStoreUnavailable(turn.attempt, () => true, {
      delaysMs: [60_000, 60_000],
      signal: closing.signal,
      onWait: () => closing.abort(),
    });
    await expect(running).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(turn.calls()).toBe(2);
  });
});
