import { createHash } from 'node:crypto';
import { z } from 'zod';
import { KNOWLEDGE_FILE_PATH, type KnowledgeFiles } from '../../knowledge/knowledge-files';
import { VersionSummarySchema } from './knowledge-version';

/**
 * How a version is stored: its summary and, per file, the sha256 of the file's text. The texts are
 * stored once by that hash, so a version that changes one price adds one file, not a whole copy of
 * the knowledge base.
 */
export const VersionManifestSchema = VersionSummarySchema.extend({
  files: z.record(z.string().regex(KNOWLEDGE_FILE_PATH), z.string().regex(/^[0-9a-f]{64}$/)),
});
export type VersionManifest = z.infer<typeof VersionManifestSchema>;

export function blobHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The blobs of a set of files, by hash, and the manifest's file table. */
export function splitFiles(files: KnowledgeFiles): { table: Record<string, string>; blobs: Map<string, string> } {
  const table: Record<string, string> = {};
  const blobs = new Map<string, string>();
  for (const [relative, text] of Object.entries(files)) {
    const hash = blobHash(text);
    table[relative] = hash;
    blobs.set(hash, text);
  }
  return { table, blobs };
}
