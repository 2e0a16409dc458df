import { monitorEventLoopDelay } from 'node:perf_hooks';

/** The histogram's sampling timer interval; also the finest stall it can see. */
const RESOLUTION_MS = 5;

export interface StallMeasurement<T> {
  readonly result: T;
  /** The longest time the event loop could not run a timer while `work` ran, in milliseconds. */
  readonly longestStallMs: number;
}

/**
 * Runs `work` and reports the longest event-loop stall meanwhile, including any synchronous work done
 * when its last promise settles (importing a model, swapping it in). The histogram only records a stall
 * when its timer fires after it, so we wait past one sampling interval before reading it: stopping right
 * after the `await` would miss the very stall we want to see.
 */
export async function longestEventLoopStall<T>(work: () => Promise<T>): Promise<StallMeasurement<T>> {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  try {
    // The sampling timer must be running before `work` blocks: a block in the same tick as enable() is not seen.
    await new Promise((resolve) => setTimeout(resolve, RESOLUTION_MS * 4));
    const result = await work();
    await new Promise((resolve) => setTimeout(resolve, RESOLUTION_MS * 3));
    return { result, longestStallMs: histogram.max / 1e6 };
  } finally {
    histogram.disable();
  }
}
