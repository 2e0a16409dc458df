/** Used until a queue has enough finished conversations of its own to go by. */
export const DEFAULT_HANDLING_MINUTES = 6;
const MIN_SAMPLES = 3;

export interface WaitEstimateInput {
  /** 1-based place in the queue. */
  readonly position: number;
  readonly agentsOnDuty: number;
  /** Recent handling times in ms (claim to end), any order. */
  readonly recentHandlingTimesMs: readonly number[];
}

/**
 * An honest estimate of the wait in whole minutes, or undefined when nobody is on duty (then no
 * number would be honest). Everyone ahead, and the citizen, must be served one after another by
 * the agents on duty, each taking the median recent handling time. Agents often hold several
 * chats at once, but counting one at a time errs towards "sooner than promised" rather than later.
 */
export function estimateWaitMinutes({
  position,
  agentsOnDuty,
  recentHandlingTimesMs,
}: WaitEstimateInput): number | undefined {
  if (agentsOnDuty < 1 || position < 1) return undefined;
  const handlingMinutes =
    recentHandlingTimesMs.length >= MIN_SAMPLES ? median(recentHandlingTimesMs) / 60_000 : DEFAULT_HANDLING_MINUTES;
  // The first `agentsOnDuty` citizens are next in line for a free agent: on average half a handling time away.
  const rounds = Math.ceil(position / agentsOnDuty) - 0.5;
  return Math.max(1, Math.ceil(rounds * handlingMinutes));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
