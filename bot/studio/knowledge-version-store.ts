import type { KnowledgeFiles } from '../../knowledge/knowledge-files';
import type { KnowledgeVersion, VersionSummary } from './knowledge-version';

export interface Publication {
  readonly files: KnowledgeFiles;
  readonly author: string;
  readonly comment: string;
  /** The version this one restores (a rollback). */
  readonly restores?: number;
}

/**
 * Every published version of the knowledge base, kept: the newest is what citizens get. Publishing
 * names the version it was based on, so that two editors publishing at once cannot overwrite each
 * other's work without seeing it: the second gets a VersionConflictError.
 */
export interface KnowledgeVersionStore {
  /** The newest version, or undefined before the first publish. */
  latest(): Promise<KnowledgeVersion | undefined>;
  get(number: number): Promise<KnowledgeVersion | undefined>;
  /** Newest first, without the files. */
  list(): Promise<readonly VersionSummary[]>;
  /** `basedOn`: the number of the newest version the editor saw (0 before any). */
  publish(publication: Publication, basedOn: number): Promise<KnowledgeVersion>;
}

export class VersionConflictError extends Error {
  constructor(
    readonly basedOn: number,
    readonly latest: number,
  ) {
    super(`version ${latest} was published after version ${basedOn}, which this change was based on`);
    this.name = 'VersionConflictError';
  }
}
