import type { ModelExport } from './model-export';

/**
 * Trained models by the fingerprint of the knowledge files they were trained from. A cache in the
 * strict sense: anything missing or unreadable is trained again from the version's files, so it
 * needs no backup.
 */
export interface ModelExportStore {
  /** Undefined when none is stored for these files, or the stored one cannot be used. */
  get(fingerprint: string): Promise<ModelExport | undefined>;
  put(exported: ModelExport): Promise<void>;
}
