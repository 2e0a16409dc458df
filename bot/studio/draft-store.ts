import { z } from 'zod';
import { KNOWLEDGE_FILE_PATH } from '../../knowledge/knowledge-files';

/**
 * One content file as the shared draft has it. There is one draft per deployment, shared by all
 * editors (as in a shared virtual contact centre): what one editor saves, the others see, and a
 * save names the revision it was made on, so nobody overwrites another's change without seeing it.
 */
export const DraftFileSchema = z.strictObject({
  path: z.string().regex(KNOWLEDGE_FILE_PATH, 'is not a knowledge file path'),
  /** The file's text in the draft; null when the draft removes the file. */
  text: z.string().max(200_000).nullable(),
  /** 1 at the first save of this file since the last publish, then +1 per save. */
  revision: z.number().int().min(1),
  /** The published version the editor was looking at when the file was first changed. */
  basedOnVersion: z.number().int().min(0),
  /** The staff id of whoever saved last. */
  editedBy: z.string().min(1).max(64),
  editedAt: z.iso.datetime(),
});
export type DraftFile = z.infer<typeof DraftFileSchema>;

/** What an editor saves: the file and who, when; the store numbers the revision. */
export type DraftChange = Omit<DraftFile, 'revision'>;

/**
 * The shared draft: every change not yet published, saved as the editor types. Implementations
 * (in memory for tests, on disk without Redis, in Redis) pass test/studio/draft-store.contract.ts.
 * Nothing here expires: a draft survives restarts until it is published or discarded.
 */
export interface DraftStore {
  /** Every changed file, in path order. */
  list(): Promise<DraftFile[]>;
  get(path: string): Promise<DraftFile | undefined>;
  /**
   * Saves a file's draft if its current revision is `expectedRevision` (0: no draft of it yet);
   * otherwise throws DraftConflictError with what is there now. Returns the saved draft.
   */
  save(change: DraftChange, expectedRevision: number): Promise<DraftFile>;
  /** Drops a file's draft if its revision is `expectedRevision`; DraftConflictError otherwise. False when there was none. */
  discard(path: string, expectedRevision: number): Promise<boolean>;
  /**
   * After a publish: drops the drafts that went into it, each only if still at the revision that
   * was published, so a change saved while the version was being trained stays a draft.
   */
  settle(published: readonly { readonly path: string; readonly revision: number }[]): Promise<void>;
}

export class DraftConflictError extends Error {
  constructor(
    readonly path: string,
    readonly expectedRevision: number,
    /** The draft as it is now (undefined: there is none any more). */
    readonly current: DraftFile | undefined,
  ) {
    super(
      current
        ? `${path} was changed by ${current.editedBy} (revision ${current.revision}) after revision ${expectedRevision}`
        : `${path} has no draft at revision ${expectedRevision} any more`,
    );
    this.name = 'DraftConflictError';
  }
}
