import { longestEventLoopStall } from '../../bench/longest-event-loop-stall';

function blockFor(milliseconds: number): void {
  const until = Date.now() + milliseconds;
  while (Date.now() < until) {
    // Busy on purpose: this is the stall the measurement must see.
  }
}

describe('longestEventLoopStall', () => {
  it('counts synchronous work done as the last promise settles, as a model swap does', async () => {
    const { result, longestStallMs } = await longestEventLoopStall(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      blockFor(150);
      return 'swapped';
    });
    expect(result).toBe('swapped');
    expect(longestStallMs).toBeGreaterThanOrEqual(140);
  });

  it('reports a short stall when the work only waits', async () => {
    const { longestStallMs } = await longestEventLoopStall(() => new Promise((resolve) => setTimeout(resolve, 50)));
    // Generous: other processes share the machine's cores.
    expect(longestStallMs).toBeLessThan(100);
  });
});
