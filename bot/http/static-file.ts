import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Request, Response } from 'restify';
import { contentHash, precompressedPath, type ContentEncoding } from './precompressed-files';

export interface StaticFileOptions {
  readonly contentType: string;
  readonly cacheControl: string;
}

/** The content hash of each file we have sent, until the file changes (size or modification time). */
const hashes = new Map<string, { readonly mtimeMs: number; readonly size: number; readonly hash: string }>();

/**
 * Sends one of our own files (the caller has already confined the path), or a JSON 404: the
 * build's brotli or gzip copy when the client accepts one (br before gzip before the file as it
 * is), with a strong ETag per encoding, `Vary: Accept-Encoding`, 304 for a matching
 * If-None-Match, and no body for HEAD. Security headers are set before routing (security-headers.ts).
 */
export async function sendFile(req: Request, res: Response, file: string, options: StaticFileOptions): Promise<void> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    res.send(404, { error: 'not_found', message: 'No such file.' });
    return;
  }
  const hash = await hashOf(file, info.mtimeMs, info.size);
  const chosen = await chooseRepresentation(req.header('accept-encoding', ''), hash);
  const etag = `"${hash}${chosen ? `-${chosen.encoding}` : ''}"`;
  const headers: Record<string, string | number> = {
    'Content-Type': options.contentType,
    'Cache-Control': options.cacheControl,
    ETag: etag,
    Vary: 'Accept-Encoding',
    ...(chosen ? { 'Content-Encoding': chosen.encoding } : {}),
  };
  if (matchesIfNoneMatch(req.header('if-none-match', ''), etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': chosen ? chosen.size : info.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(chosen ? chosen.path : file).pipe(res);
}

async function hashOf(file: string, mtimeMs: number, size: number): Promise<string> {
  const known = hashes.get(file);
  if (known && known.mtimeMs === mtimeMs && known.size === size) return known.hash;
  const hash = contentHash(await readFile(file));
  hashes.set(file, { mtimeMs, size, hash });
  return hash;
}

/** The best precompressed copy the client accepts and the build made, or undefined for the file as it is. */
async function chooseRepresentation(
  acceptEncoding: string,
  hash: string,
): Promise<{ encoding: ContentEncoding; path: string; size: number } | undefined> {
  const accepted = acceptedEncodings(acceptEncoding);
  for (const encoding of ['br', 'gzip'] as const) {
    if (!accepted.has(encoding)) continue;
    const copy = precompressedPath(hash, encoding);
    const info = await stat(copy).catch(() => undefined);
    if (info?.isFile()) return { encoding, path: copy, size: info.size };
  }
  return undefined;
}

/** Codings the client accepts (q > 0), from an Accept-Encoding header ("gzip, deflate, br;q=0.9"). */
export function acceptedEncodings(header: string): Set<string> {
  const accepted = new Set<string>();
  const refused = new Set<string>();
  let wildcard = false;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    // A malformed q-value counts as a refusal: only a coding clearly accepted is sent.
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const allowed = q === undefined || (/^q=(0(\.[0-9]{0,3})?|1(\.0{0,3})?)$/.test(q) && Number(q.slice(2)) > 0);
    if (name === '*') wildcard = allowed;
    else (allowed ? accepted : refused).add(name === 'x-gzip' ? 'gzip' : name);
  }
  if (wildcard) for (const name of ['br', 'gzip']) if (!refused.has(name)) accepted.add(name);
  return accepted;
}

/** If-None-Match uses the weak comparison: W/"x" matches "x"; `*` matches any. */
export function matchesIfNoneMatch(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
