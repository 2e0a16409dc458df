import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { projectRoot } from '../../knowledge/load-knowledge-base';

/**
 * Brotli and gzip copies of our static files, made once at `npm run build` (dist/ is build
 * output, never committed) instead of on every request. Each copy is named by the SHA-256 of the
 * original's bytes, so a copy can never be served for a file that has changed since: the server
 * hashes the file it is about to send and looks for that name, and serves the file as it is when
 * there is no copy (a dev run without a build).
 */
export const PRECOMPRESSED_DIRECTORY = path.join(projectRoot(), 'dist', 'precompressed');

export type ContentEncoding = 'br' | 'gzip';
const SUFFIX: Readonly<Record<ContentEncoding, string>> = { br: '.br', gzip: '.gz' };

/** The content hash naming a file's copies and its ETag. */
export function contentHash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('base64url').slice(0, 32);
}

export function precompressedPath(
  hash: string,
  encoding: ContentEncoding,
  directory = PRECOMPRESSED_DIRECTORY,
): string {
  return path.join(directory, `${hash}${SUFFIX[encoding]}`);
}

const compressors: Readonly<Record<ContentEncoding, (bytes: Buffer) => Promise<Buffer>>> = {
  // Slow (≈ 12 s for the 3.9 MB Web Chat bundle) but done once per content: the smallest transfer.
  br: (bytes) =>
    promisify(brotliCompress)(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }),
  gzip: (bytes) => promisify(gzip)(bytes, { level: 9 }),
};

export interface PrecompressResult {
  readonly file: string;
  readonly bytes: number;
  readonly br: number;
  readonly gzip: number;
  /** False when both copies were already there (an unchanged file). */
  readonly made: boolean;
}

/**
 * Writes the copies of each file that lacks them, and removes copies of contents that are no
 * longer among `files`. A copy smaller than its original is always kept even when barely so: the
 * server still prefers it, and the file's ETag stays the same either way.
 */
export async function precompressFiles(
  files: readonly string[],
  directory = PRECOMPRESSED_DIRECTORY,
): Promise<PrecompressResult[]> {
  await mkdir(directory, { recursive: true });
  const wanted = new Set<string>();
  const results: PrecompressResult[] = [];
  for (const file of files) {
    const bytes = await readFile(file);
    const hash = contentHash(bytes);
    let made = false;
    const sizes: Record<ContentEncoding, number> = { br: 0, gzip: 0 };
    for (const encoding of ['br', 'gzip'] as const) {
      const target = precompressedPath(hash, encoding, directory);
      wanted.add(path.basename(target));
      const existing = await stat(target).catch(() => undefined);
      if (existing?.isFile()) {
        sizes[encoding] = existing.size;
        continue;
      }
      const compressed = await compressors[encoding](bytes);
      // Written under a temporary name and renamed, so a server reading meanwhile never sees half a file.
      const partial = `${target}.${process.pid}.partial`;
      await writeFile(partial, compressed);
      await rename(partial, target);
      sizes[encoding] = compressed.length;
      made = true;
    }
    results.push({ file, bytes: bytes.length, br: sizes.br, gzip: sizes.gzip, made });
  }
  for (const name of await readdir(directory)) {
    if (!wanted.has(name)) await unlink(path.join(directory, name));
  }
  return results;
}
