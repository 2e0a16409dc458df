import { AuditEntrySchema, type AuditEntry, type AuditLog, type AuditRecord } from './audit-log';

/** The audit log in this process: for tests; lost on restart. */
export class InMemoryAuditLog implements AuditLog {
  private readonly entries: AuditEntry[] = [];

  async append(record: AuditRecord): Promise<AuditEntry> {
    const entry = AuditEntrySchema.parse({ ...record, id: String(this.entries.length + 1).padStart(12, '0') });
    this.entries.push(entry);
    return entry;
  }

  async list(options: { readonly limit?: number; readonly before?: string } = {}): Promise<AuditEntry[]> {
    const { before } = options;
    const older = before === undefined ? this.entries : this.entries.filter((entry) => entry.id < before);
    return older
      .slice()
      .reverse()
      .slice(0, options.limit ?? 50);
  }
}
