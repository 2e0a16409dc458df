import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DraftConflictError, DraftFileSchema, type DraftChange, type DraftFile, type DraftStore } from './draft-store';
import { ExpectedRevisionSchema, nextDraft, PublishedRevisionsSchema } from './draft-change';
import { hasErrorCode, KeyedSerialiser, removeDurably, replaceDurably } from './durable-files';

/** One per process: two stores opened on the same folder (as in tests) still take turns. */
const writers = new KeyedSerialiser();

const DRAFT_FILE_NAME = /^[a-z0-9._%-]+\.json$/i;

/**
 * The shared draft on disk, for a deployment without Redis: `<dir>/<path, URL-encoded>.json` holds
 * each changed file's draft (e.g. `intents%2Fpas.bestil.yaml.json`). Every write replaces the
 * file atomically and durably (replaceDurably), and the compare of the revision and the write run
 * in turn with every other writer in this process, so two saves on one revision cannot both win.
 * Nothing expires. One running instance owns the folder.
 */
export class DiskDraftStore implements DraftStore {
  private readonly directory: string;

  constructor(directory: string) {
    this.directory = path.resolve(directory);
  }

  async list(): Promise<DraftFile[]> {
    const names = await readdir(this.directory).catch((error: unknown) => {
      if (hasErrorCode(error, 'ENOENT')) return [];
      throw error;
    });
    const drafts: DraftFile[] = [];
    for (const name of names.filter((n) => DRAFT_FILE_NAME.test(n))) {
      const draft = await this.read(path.join(this.directory, name));
      if (draft) drafts.push(draft);
    }
    return drafts.sort((a, b) => a.path.localeCompare(b.path));
  }

  async get(filePath: string): Promise<DraftFile | undefined> {
    const valid = DraftFileSchema.shape.path.safeParse(filePath);
    return valid.success ? this.read(this.fileOf(valid.data)) : undefined;
  }

  async save(change: DraftChange, expectedRevision: number): Promise<DraftFile> {
    const draft = nextDraft(change, expectedRevision);
    return writers.run(this.directory, async () => {
      const file = this.fileOf(draft.path);
      const current = await this.read(file);
      if ((current?.revision ?? 0) !== expectedRevision)
        throw new DraftConflictError(draft.path, expectedRevision, current);
      await mkdir(this.directory, { recursive: true });
      await replaceDurably(file, JSON.stringify(draft));
      return draft;
    });
  }

  async discard(filePath: string, expectedRevision: number): Promise<boolean> {
    const valid = DraftFileSchema.shape.path.parse(filePath);
    const expected = ExpectedRevisionSchema.parse(expectedRevision);
    return writers.run(this.directory, async () => {
      const file = this.fileOf(valid);
      const current = await this.read(file);
      // Nothing to drop is what the editor wanted, whoever got there first.
      if (!current) return false;
      if (current.revision !== expected) throw new DraftConflictError(valid, expected, current);
      await removeDurably(file);
      return true;
    });
  }

  async settle(published: readonly { readonly path: string; readonly revision: number }[]): Promise<void> {
    const valid = PublishedRevisionsSchema.parse(published);
    await writers.run(this.directory, async () => {
      for (const { path: filePath, revision } of valid) {
        const file = this.fileOf(filePath);
        if ((await this.read(file))?.revision === revision) await removeDurably(file);
      }
    });
  }

  private fileOf(filePath: string): string {
    return path.join(this.directory, `${encodeURIComponent(filePath)}.json`);
  }

  /** A draft file that is not a valid draft was altered outside the studio: an error, not a silent skip. */
  private async read(file: string): Promise<DraftFile | undefined> {
    const text = await readFile(file, 'utf8').catch((error: unknown) => {
      if (hasErrorCode(error, 'ENOENT')) return undefined;
      throw error;
    });
    if (text === undefined) return undefined;
    const parsed = DraftFileSchema.safeParse(parseOrUndefined(text));
    if (!parsed.success)
      throw new Error(`studio drafts: ${path.basename(file)} is not a valid draft; fix or remove it`);
    return parsed.data;
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
