import { z } from 'zod';

/** Everything editors do that changes content or the inbox. */
export const AuditActionSchema = z.enum([
  'draft.saved',
  'draft.discarded',
  'version.published',
  'version.restored',
  'inbox.example-added',
  'inbox.intent-started',
  'inbox.dismissed',
]);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditEntrySchema = z.strictObject({
  /** Unique and increasing in the order entries were appended (a cursor for paging). */
  id: z.string().min(1).max(64),
  at: z.iso.datetime(),
  /** The staff id of whoever did it. */
  actor: z.string().min(1).max(64),
  action: AuditActionSchema,
  /** What it was done to: a file path, "version 12", an inbox question id. */
  target: z.string().min(1).max(300),
  /** A short human-readable detail (a publish comment, an intent id); never a citizen's raw message. */
  detail: z.string().max(2000).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type AuditRecord = Omit<AuditEntry, 'id'>;

/**
 * The studio's audit log: append-only and kept (no retention: it is the record of who changed
 * what the assistant tells citizens). Implementations (in memory for tests, on disk without Redis,
 * in Redis) pass test/studio/audit-log.contract.ts.
 */
export interface AuditLog {
  /** Validates and appends; resolves once the entry is stored durably. */
  append(record: AuditRecord): Promise<AuditEntry>;
  /** Newest first; `before`: only entries older than that id (the next page). */
  list(options?: { readonly limit?: number; readonly before?: string }): Promise<AuditEntry[]>;
}
