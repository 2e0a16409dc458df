import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Response } from 'restify';

/** Streams one of our own files (the caller has already confined the path), or answers a JSON 404. */
export async function sendFile(res: Response, file: string, contentType: string, cacheControl: string, headers: Record<string, string> = {}): Promise<void> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    res.send(404, { error: 'not_found', message: 'No such file.' });
    return;
  }
  res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': info.size, 'Cache-Control': cacheControl, ...headers });
  createReadStream(file).pipe(res);
}
