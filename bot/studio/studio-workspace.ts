import type { KnowledgeFiles } from '../../knowledge/knowledge-files';
import type { DraftFile, DraftStore } from './draft-store';
import type { KnowledgeVersion } from './knowledge-version';
import type { KnowledgeVersionStore } from './knowledge-version-store';

/** The knowledge base as editors are shaping it: the published version with the shared draft on top. */
export interface DraftKnowledge {
  /** The newest published version (undefined before the first). */
  readonly published: KnowledgeVersion | undefined;
  readonly drafts: readonly DraftFile[];
  /** The published files with every draft change applied (removed files left out). */
  readonly files: KnowledgeFiles;
}

/**
 * Reads the published version and the drafts together. Versions never change once published, so
 * the newest one is kept in memory and only re-read when its number moves on.
 */
export class StudioWorkspace {
  private cached: KnowledgeVersion | undefined;

  constructor(
    readonly versions: KnowledgeVersionStore,
    readonly drafts: DraftStore,
  ) {}

  async published(): Promise<KnowledgeVersion | undefined> {
    const [newest] = await this.versions.list();
    if (!newest) return undefined;
    if (this.cached?.number !== newest.number) this.cached = await this.versions.get(newest.number);
    return this.cached;
  }

  async current(): Promise<DraftKnowledge> {
    const [published, drafts] = await Promise.all([this.published(), this.drafts.list()]);
    const files = new Map(Object.entries(published?.files ?? {}));
    for (const draft of drafts) {
      if (draft.text === null) files.delete(draft.path);
      else files.set(draft.path, draft.text);
    }
    return { published, drafts, files: Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : 1))) };
  }
}
