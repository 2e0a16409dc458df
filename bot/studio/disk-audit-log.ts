import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AuditEntrySchema, type AuditEntry, type AuditLog, type AuditRecord } from './audit-log';
import { auditListOptions, entryOf, SEQUENCE_ID, sequenceId } from './audit-entries';
import { hasErrorCode, KeyedSerialiser, syncDirectory } from './durable-files';

const ListOptionsSchema = auditListOptions(SEQUENCE_ID);

/** One per process, by file: appends take turns even from two logs opened on one file. */
const appenders = new KeyedSerialiser();
/**
 * The last id written to each file and the file's size just after: appends need not reread the
 * whole file, unless it has grown meanwhile (another process appended, e.g. knowledge:import).
 */
const lastWritten = new Map<string, { readonly id: number; readonly size: number }>();

export interface DiskAuditLogOptions {
  /** Told about lines that cannot be read (a write torn by a crash), which are skipped. */
  readonly onWarning?: (message: string) => void;
}

/**
 * The audit log on disk, for a deployment without Redis: `<dir>/audit.jsonl`, one JSON entry per
 * line, only ever appended to. An append resolves once the line is flushed to disk (fsync). A
 * crash in the middle of an append can leave a torn last line: it is skipped with a warning and
 * closed with a newline, so every earlier entry and every later one stays readable. Ids are a
 * zero-padded sequence number, so they increase and sort as text. Appends in this process take
 * turns; another process appending now and then (npm run knowledge:import) is noticed by the file's
 * size, but two processes appending at the same instant could number an entry twice: one running
 * instance owns the file (several instances share Redis instead).
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
      await mkdir(path.dirname(this.file), { recursive: true });
      const handle = await open(this.file, 'a+');
      let entry: AuditEntry;
      let created: boolean;
      try {
        const { size } = await handle.stat();
        created = size === 0;
        const known = lastWritten.get(this.file);
        const last = known?.size === size ? known.id : this.lastIdIn(await this.readText());
        entry = entryOf(sequenceId(last + 1), record);
        let line = `${JSON.stringify(entry)}\n`;
        // A file that does not end in a newline ends in a line torn by a crash (or a failed write):
        // the entry starts on a line of its own, so only the torn line is lost.
        if (size > 0 && !(await endsInNewline(handle, size))) {
          this.warn(
            `studio audit log: ${this.file} ended in an incomplete line (a crash while writing); it is skipped`,
          );
          line = `\n${line}`;
        }
        lastWritten.delete(this.file);
        await handle.appendFile(line, 'utf8');
        await handle.sync();
        lastWritten.set(this.file, { id: last + 1, size: size + Buffer.byteLength(line, 'utf8') });
      } finally {
        await handle.close();
      }
      // A new file is only durable once its folder entry is.
      if (created) await syncDirectory(path.dirname(this.file));
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

  private lastIdIn(text: string): number {
    return Math.max(0, ...this.parse(text).map((entry) => Number(entry.id)));
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
}

async function endsInNewline(handle: FileHandle, size: number): Promise<boolean> {
  const { buffer } = await handle.read(Buffer.alloc(1), 0, 1, size - 1);
  return buffer[0] === 0x0a;
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
