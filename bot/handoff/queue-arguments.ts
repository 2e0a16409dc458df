import { ConversationIdSchema, KeyPartSchema, QueueEntrySchema, type QueueEntry } from './handoff-queue';

/**
 * The argument checks both queue implementations make before they change anything, so that the
 * in-memory and the Redis queue refuse the same input with the same message.
 */
export function validEntry(entry: QueueEntry): QueueEntry {
  const parsed = QueueEntrySchema.safeParse(entry);
  if (!parsed.success)
    throw new Error(
      `handoff queue: not a valid queue entry: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

export function validDate(now: Date): string {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new Error('handoff queue: now must be a valid Date');
  return now.toISOString();
}

/** Queue and agent ids become parts of Redis key names. */
export function isKeyPart(value: string): boolean {
  return KeyPartSchema.safeParse(value).success;
}

export function isConversationId(value: string): boolean {
  return ConversationIdSchema.safeParse(value).success;
}

export function assertAgentId(agentId: string): void {
  if (!isKeyPart(agentId)) throw new Error(`handoff queue: ${JSON.stringify(agentId)} is not a valid agent id`);
}
