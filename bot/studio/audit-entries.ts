import { z } from 'zod';
import { AuditEntrySchema, type AuditEntry, type AuditRecord } from './audit-log';

export const AuditRecordSchema = AuditEntrySchema.omit({ id: true });

/** A page of the log: 50 entries unless asked otherwise, never more than 500 at once. */
export function auditListOptions(idPattern: RegExp) {
  return z
    .strictObject({
      limit: z.number().int().min(1).max(500).default(50),
      before: z.string().regex(idPattern, 'is not an audit entry id').optional(),
    })
    .default({ limit: 50 });
}

/** An entry from its id and a record; throws a ZodError for an invalid record. */
export function entryOf(id: string, record: AuditRecord): AuditEntry {
  return AuditEntrySchema.parse({ id, ...AuditRecordSchema.parse(record) });
}

/** Ids of the in-memory and disk logs: a zero-padded sequence number, so text order is number order. */
export const SEQUENCE_ID = /^\d{12}$/;
export function sequenceId(sequence: number): string {
  return String(sequence).padStart(12, '0');
}
