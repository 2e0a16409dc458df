import { DraftConflictError, DraftFileSchema, type DraftChange, type DraftFile, type DraftStore } from './draft-store';

/** The shared draft in this process: for tests and the terminal; lost on restart. */
export class InMemoryDraftStore implements DraftStore {
  private readonly files = new Map<string, DraftFile>();

  async list(): Promise<DraftFile[]> {
    return [...this.files.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  async get(path: string): Promise<DraftFile | undefined> {
    return this.files.get(path);
  }

  async save(change: DraftChange, expectedRevision: number): Promise<DraftFile> {
    const current = this.files.get(change.path);
    if ((current?.revision ?? 0) !== expectedRevision)
      throw new DraftConflictError(change.path, expectedRevision, current);
    const saved = DraftFileSchema.parse({ ...change, revision: expectedRevision + 1 });
    this.files.set(saved.path, saved);
    return saved;
  }

  async discard(path: string, expectedRevision: number): Promise<boolean> {
    const current = this.files.get(path);
    if (!current) return false;
    if (current.revision !== expectedRevision) throw new DraftConflictError(path, expectedRevision, current);
    this.files.delete(path);
    return true;
  }

  async settle(published: readonly { readonly path: string; readonly revision: number }[]): Promise<void> {
    for (const { path, revision } of published)
      if (this.files.get(path)?.revision === revision) this.files.delete(path);
  }
}
