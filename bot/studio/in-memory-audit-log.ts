import type { AuditEntry, AuditLog, AuditRecord } from './audit-log';
import { AuditRecordSchema, auditListOptions, entryOf, SEQUENCE_ID, sequenceId } from './audit-entries';

const ListOptionsSchema = auditListOptions(SEQUENCE_ID);

/** The audit log in this process only: for tests and tools; lost on restart. */
export class InMemoryAuditLog implements AuditLog {
  private readonly entries: AuditEntry[] = [];

  async append(record: AuditRecord): Promise<AuditEntry> {
    const entry = entryOf(sequenceId(this.entries.length + 1), AuditRecordSchema.parse(record));
    this.entries.push(entry);
    return { ...entry };
  }

  async list(options?: { readonly limit?: number; readonly before?: string }): Promise<AuditEntry[]> {
    const { limit, before } = ListOptionsSchema.parse(options);
    return this.entries
      .filter((entry) => before === undefined || entry.id < before)
      .reverse()
      .slice(0, limit)
      .map((entry) => ({ ...entry }));
  }
}
