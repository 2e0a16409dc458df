import { DraftConflictError, DraftFileSchema, type DraftChange, type DraftFile, type DraftStore } from './draft-store';
import { ExpectedRevisionSchema, nextDraft, PublishedRevisionsSchema } from './draft-change';

/** The shared draft in this process only: for tests and tools; lost on restart. */
export class InMemoryDraftStore implements DraftStore {
  private readonly drafts = new Map<string, DraftFile>();

  async list(): Promise<DraftFile[]> {
    return [...this.drafts.values()].sort((a, b) => a.path.localeCompare(b.path)).map((draft) => ({ ...draft }));
  }

  async get(path: string): Promise<DraftFile | undefined> {
    const draft = this.drafts.get(path);
    return draft && { ...draft };
  }

  async save(change: DraftChange, expectedRevision: number): Promise<DraftFile> {
    const draft = nextDraft(change, expectedRevision);
    const current = this.drafts.get(draft.path);
    if ((current?.revision ?? 0) !== expectedRevision)
      throw new DraftConflictError(draft.path, expectedRevision, current && { ...current });
    this.drafts.set(draft.path, draft);
    return { ...draft };
  }

  async discard(path: string, expectedRevision: number): Promise<boolean> {
    const file = DraftFileSchema.shape.path.parse(path);
    const expected = ExpectedRevisionSchema.parse(expectedRevision);
    const current = this.drafts.get(file);
    // Nothing to drop is what the editor wanted, whoever got there first.
    if (!current) return false;
    if (current.revision !== expected) throw new DraftConflictError(file, expected, { ...current });
    this.drafts.delete(file);
    return true;
  }

  async settle(published: readonly { readonly path: string; readonly revision: number }[]): Promise<void> {
    for (const { path, revision } of PublishedRevisionsSchema.parse(published))
      if (this.drafts.get(path)?.revision === revision) this.drafts.delete(path);
  }
}
