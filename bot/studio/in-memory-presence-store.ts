import {
  freshPresence,
  PresenceEditorSchema,
  PresencePathSchema,
  type EditorPresence,
  type PresenceStore,
} from './presence-store';

/** Who has which file open, in this process only: for a single instance without Redis, and tests. */
export class InMemoryPresenceStore implements PresenceStore {
  /** File path → editor id → when last heard from (ms). */
  private readonly files = new Map<string, Map<string, number>>();

  async beat(path: string, editorId: string, at: Date): Promise<EditorPresence[]> {
    const file = PresencePathSchema.parse(path);
    const editor = PresenceEditorSchema.parse(editorId);
    const editors = this.files.get(file) ?? new Map<string, number>();
    editors.set(editor, at.getTime());
    const fresh = freshPresence(editors, at);
    // Expired entries are dropped here, so the map holds only files someone has open.
    this.files.set(file, new Map(fresh.map((entry) => [entry.editorId, Date.parse(entry.seenAt)])));
    return fresh;
  }

  async leave(path: string, editorId: string): Promise<void> {
    const file = PresencePathSchema.parse(path);
    const editors = this.files.get(file);
    editors?.delete(PresenceEditorSchema.parse(editorId));
    if (editors?.size === 0) this.files.delete(file);
  }
}
