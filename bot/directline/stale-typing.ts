import type { Activity } from 'botbuilder';

/** How long a typing indicator means anything; Web Chat itself shows one for about 5 seconds. */
export const TYPING_MEANINGFUL_MS = 10_000;

/**
 * The page without typing indicators older than a few seconds. They stay in the log (the staff
 * console reads it live, and the watermark must not skip), but a client resuming a conversation,
 * or polling after a pause, would otherwise replay "…is typing" for messages long answered; the
 * Direct Line service does not replay them either.
 */
export function withoutStaleTyping(activities: readonly Activity[], now: number): readonly Activity[] {
  return activities.filter((activity) => activity.type !== 'typing' || isRecent(activity.timestamp, now));
}

function isRecent(timestamp: Date | string | undefined, now: number): boolean {
  if (timestamp === undefined) return false;
  const at = new Date(timestamp).getTime();
  return Number.isFinite(at) && now - at <= TYPING_MEANINGFUL_MS;
}
