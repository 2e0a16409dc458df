import { z } from 'zod';
import { KnowledgeFilesSchema } from '../../knowledge/knowledge-files';

/** Who published, when and why: what the version list and the audit log show. */
export const VersionSummarySchema = z.strictObject({
  /** 1, 2, 3 … in the order published; never reused, also not by a rollback (which is a new version). */
  number: z.number().int().min(1),
  publishedAt: z.iso.datetime(),
  author: z.string().min(1).max(64),
  comment: z.string().max(500),
  /** Set when the version restores an earlier one. */
  restores: z.number().int().min(1).optional(),
  /** sha256 of the files (knowledge-files.ts), to see that two versions hold the same content. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
});
export type VersionSummary = z.infer<typeof VersionSummarySchema>;

/** A published knowledge base: the content files, exactly as editors left them. */
export const KnowledgeVersionSchema = VersionSummarySchema.extend({ files: KnowledgeFilesSchema });
export type KnowledgeVersion = z.infer<typeof KnowledgeVersionSchema>;

/** The summary of a version or a manifest: everything but the files. */
export function summaryOf(version: VersionSummary & { readonly files: unknown }): VersionSummary {
  const { number, publishedAt, author, comment, restores, fingerprint } = version;
  return { number, publishedAt, author, comment, ...(restores !== undefined ? { restores } : {}), fingerprint };
}
