import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import restify from 'restify';
import { acceptedEncodings, matchesIfNoneMatch, sendFile } from '../../bot/http/static-file';

describe('sendFile without precompressed copies (a dev run without a build)', () => {
  let folder: string;
  let server: restify.Server;
  let base: string;
  const content = `console.log(${JSON.stringify(randomBytes(16).toString('hex'))});\n`.repeat(50);

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'static-file-'));
    await writeFile(path.join(folder, 'fresh.js'), content);
    server = restify.createServer();
    const send = async (req: restify.Request, res: restify.Response) =>
      sendFile(req, res, path.join(folder, String(req.params?.name)), {
        contentType: 'application/javascript; charset=utf-8',
        cacheControl: 'public, max-age=300',
      });
    server.get('/:name', send);
    server.head('/:name', send);
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', resolve);
    });
    base = `http://127.0.0.1:${server.address().port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
    });
    await rm(folder, { recursive: true, force: true });
  });

  it('serves the file as it is, with an ETag that answers 304, never an error', async () => {
    const answer = await fetch(`${base}/fresh.js`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-encoding')).toBeNull();
    expect(answer.headers.get('vary')).toBe('Accept-Encoding');
    expect(await answer.text()).toBe(content);
    const etag = answer.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect((await fetch(`${base}/fresh.js`, { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('gives a new ETag when the file changes', async () => {
    const before = (await fetch(`${base}/fresh.js`)).headers.get('etag');
    await writeFile(path.join(folder, 'fresh.js'), `${content}// changed\n`);
    const after = (await fetch(`${base}/fresh.js`)).headers.get('etag');
    expect(after).not.toBe(before);
  });

  it('answers a missing file with a JSON 404', async () => {
    const answer = await fetch(`${base}/missing.js`);
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({ error: 'not_found' });
  });
});

describe('content negotiation helpers', () => {
  it('reads Accept-Encoding with q-values and wildcards', () => {
    expect([...acceptedEncodings('gzip, deflate, br, zstd')].sort()).toEqual(['br', 'deflate', 'gzip', 'zstd']);
    expect(acceptedEncodings('br;q=0, gzip;q=0.5').has('br')).toBe(false);
    expect(acceptedEncodings('*').has('br')).toBe(true);
    expect(acceptedEncodings('*, br;q=0').has('br')).toBe(false);
    expect(acceptedEncodings('x-gzip').has('gzip')).toBe(true);
    expect(acceptedEncodings('').size).toBe(0);
    expect(acceptedEncodings(',,;q=,br;q=abc').has('br')).toBe(false);
  });

  it('compares If-None-Match weakly and accepts *', () => {
    expect(matchesIfNoneMatch('"a", W/"b"', '"b"')).toBe(true);
    expect(matchesIfNoneMatch('*', '"b"')).toBe(true);
    expect(matchesIfNoneMatch('"a"', '"b"')).toBe(false);
    expect(matchesIfNoneMatch('', '"b"')).toBe(false);
  });
});
