import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AuditEntrySchema, type AuditEntry, type AuditLog, type AuditRecord } from './audit-log';
import { auditListOptions, entryOf, SEQUENCE_ID, sequenceId } from './audit-entries';
import { hasErrorCode, KeyedSerialiser, syncDirectory } from './durable-files';

const ListOptionsSchema = auditListOptions(SEQUENCE_ID);

/** One per process, by file: appends take turns even from two logs opened on one file. */
const appenders = new KeyedSerialiser();
/** The last id written to each file, once read: appends need not reread the whole file. */
const lastIds = new Map<string, number>();

export interface DiskAuditLogOptions {
  /** Told about lines that cannot be read (a write torn by a crash), which are skipped. */
  readonly onWarning?: (message: string) => void;
}

/**
 * The audit log on disk, for a deployment without Redis: `<dir>/audit.jsonl`, one JSON entry per
 * line, only ever appended to. An append resolves once the line is flushed to disk (fsync). A
 * crash in the middle of an append can leave a torn last line: it is skipped with a warning and
 * closed with a newline, so every earlier entry and every later one stays readable. Ids are a
 * zero-padded sequence number, so they increase and sort as text. One running instance owns the
 * file (several instances share Redis instead).
 */
export class DiskAuditLog implements AuditLog {
  private readonly file: string;
  private readonly warn: (message: string) => void;

  constructor(directory: string, options: DiskAuditLogOptions = {}) {
    this.file = path.join(path.resolve(directory), 'audit.jsonl');
    this.warn = options.onWarning ?? ((message) => process.emitWarning(message));
  }

  async append(record: AuditRecord): Promise<AuditEntry> {
    // Validated before taking a turn, so invalid input never touches the file.
    entryOf(sequenceId(1), record);
    return appenders.run(this.file, async () => {
      const last = lastIds.get(this.file) ?? (await this.openForAppending());
      const entry = entryOf(sequenceId(last + 1), record);
      try {
        await this.appendLine(`${JSON.stringify(entry)}\n`);
      } catch (error) {
        // The line may or may not be on disk: read the last id again next time.
        lastIds.delete(this.file);
        throw error;
      }
      lastIds.set(this.file, last + 1);
      return entry;
    });
  }

  async list(options?: { readonly limit?: number; readonly before?: string }): Promise<AuditEntry[]> {
    const { limit, before } = ListOptionsSchema.parse(options);
    const entries = await this.readEntries();
    return entries
      .filter((entry) => before === undefined || entry.id < before)
      .reverse()
      .slice(0, limit);
  }

  /** Reads the last id (once per file and process). */
  private async openForAppending(): Promise<number> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const entries = this.parse(await this.readText());
    const last = entries[entries.length - 1];
    return last ? Number(last.id) : 0;
  }

  private async readEntries(): Promise<AuditEntry[]> {
    return this.parse(await this.readText());
  }

  private async readText(): Promise<string> {
    return readFile(this.file, 'utf8').catch((error: unknown) => {
      if (hasErrorCode(error, 'ENOENT')) return '';
      throw error;
    });
  }

  private parse(text: string): AuditEntry[] {
    const entries: AuditEntry[] = [];
    let skipped = 0;
    for (const line of text.split('\n')) {
      if (line === '') continue;
      const parsed = AuditEntrySchema.safeParse(parseOrUndefined(line));
      if (parsed.success && SEQUENCE_ID.test(parsed.data.id)) entries.push(parsed.data);
      else skipped += 1;
    }
    if (skipped > 0) this.warn(`studio audit log: skipped ${skipped} unreadable line(s) in ${this.file}`);
    return entries;
  }

  /**
   * Appends a line and flushes it. A file that does not end in a newline ends in a line torn by a
   * crash (or a failed write): the new line starts on a line of its own, so only the torn one is lost.
   */
  private async appendLine(line: string): Promise<void> {
    const handle = await open(this.file, 'a+');
    let created: boolean;
    try {
      const { size } = await handle.stat();
      created = size === 0;
      let text = line;
      if (size > 0) {
        const { buffer } = await handle.read(Buffer.alloc(1), 0, 1, size - 1);
        if (buffer[0] !== 0x0a) {
          this.warn(
            `studio audit log: ${this.file} ended in an incomplete line (a crash while writing); it is skipped`,
          );
          text = `\n${line}`;
        }
      }
      await handle.appendFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    // A new file is only durable once its folder entry is.
    if (created) await syncDirectory(path.dirname(this.file));
  }
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
