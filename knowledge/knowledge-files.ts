import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * The knowledge base as editors own it: the text of every content file, by its path under the
 * knowledge folder. The YAML and Markdown files stay the exchange format (Git review, export and
 * import), and a published version is exactly such a set of files. Staff accounts and the README
 * in the same folder are not content and are never part of it.
 */
export const KNOWLEDGE_FILE_PATH =
  /^(intents\/[a-z0-9][a-z0-9._-]*\.yaml|guides\/[a-z0-9][a-z0-9-]*\.md|municipalities\/[a-z0-9][a-z0-9-]*\.yaml|out-of-scope\.yaml)$/;

/** A file is at most 200 KB and the whole knowledge base at most 2,000 files: far above today's, far below harm. */
export const KnowledgeFilesSchema = z
  .record(z.string().regex(KNOWLEDGE_FILE_PATH, 'is not a knowledge file path'), z.string().max(200_000))
  .refine((files) => Object.keys(files).length <= 2_000, { error: 'has more than 2,000 files' });
export type KnowledgeFiles = z.infer<typeof KnowledgeFilesSchema>;

const FOLDERS = ['intents', 'guides', 'municipalities'] as const;

/** The content files of a knowledge folder, in a stable order. */
export async function readKnowledgeFiles(directory: string): Promise<KnowledgeFiles> {
  const paths: string[] = [];
  for (const folder of FOLDERS) {
    const names = await readdir(path.join(directory, folder)).catch((error: unknown) => {
      if (isMissing(error)) return [];
      throw error;
    });
    paths.push(...names.map((name) => `${folder}/${name}`));
  }
  paths.push('out-of-scope.yaml');
  const files: Record<string, string> = {};
  for (const relative of paths.filter((p) => KNOWLEDGE_FILE_PATH.test(p)).sort()) {
    const text = await readFile(path.join(directory, relative), 'utf8').catch((error: unknown) => {
      if (isMissing(error)) return undefined;
      throw error;
    });
    if (text !== undefined) files[relative] = text;
  }
  return files;
}

/**
 * Makes a knowledge folder hold exactly these content files: writes each, and removes content
 * files it does not list. Other files (staff accounts, README) are left alone.
 */
export async function writeKnowledgeFiles(directory: string, files: KnowledgeFiles): Promise<void> {
  const valid = KnowledgeFilesSchema.parse(files);
  const present = await readKnowledgeFiles(directory);
  for (const relative of Object.keys(present)) {
    if (!(relative in valid)) await rm(path.join(directory, relative));
  }
  for (const [relative, text] of Object.entries(valid)) {
    if (present[relative] === text) continue;
    await mkdir(path.dirname(path.join(directory, relative)), { recursive: true });
    await writeFile(path.join(directory, relative), text, 'utf8');
  }
}

/** Identifies a set of files by content: the same files give the same fingerprint, in any order. */
export function fingerprintOf(files: KnowledgeFiles): string {
  const hash = createHash('sha256');
  for (const relative of Object.keys(files).sort())
    hash
      .update(relative)
      .update('\0')
      .update(files[relative] ?? '')
      .update('\0');
  return hash.digest('hex');
}

/** Checked by shape, not `instanceof Error`: errors from another realm (a vm, jest) are Errors too. */
function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
