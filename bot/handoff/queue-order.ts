import type { Assignment, QueueEntry } from './handoff-queue';

/** Returned entries sort this far ahead of their enqueuedAt (about 317 years): before every other entry. */
const RETURNED_HEAD_START_MS = 1e13;

/**
 * Serving order: returned entries first, then first come, first served by enqueuedAt; ties by
 * conversation id. Both queues use it (Redis as its sorted-set score, then member), so they agree.
 */
export function servingOrder(a: QueueEntry, b: QueueEntry): number {
  const difference = orderScore(a) - orderScore(b);
  if (difference !== 0) return difference;
  return a.conversationId < b.conversationId ? -1 : a.conversationId > b.conversationId ? 1 : 0;
}

export function orderScore(entry: QueueEntry): number {
  const enqueuedAt = Date.parse(entry.enqueuedAt);
  return entry.returnedAt === undefined ? enqueuedAt : enqueuedAt - RETURNED_HEAD_START_MS;
}

/** Oldest claim first; ties by conversation id, so every instance lists them alike. */
export function byClaim(a: Assignment, b: Assignment): number {
  const difference = Date.parse(a.claimedAt) - Date.parse(b.claimedAt);
  if (difference !== 0) return difference;
  return a.entry.conversationId < b.entry.conversationId ? -1 : a.entry.conversationId > b.entry.conversationId ? 1 : 0;
}

export function handlingMs(assignment: Assignment, now: Date): number {
  // Instances' clocks differ slightly; a negative duration would skew the estimates.
  return Math.max(0, now.getTime() - Date.parse(assignment.claimedAt));
}
