import { readdir } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { MAX_REQUEST_BODY_BYTES, refuseBody } from '../../bot/http/request-body-policy';
import { startAssembledServer, type AssembledServer } from '../support/assembled-server';

interface RawAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** A request exactly as given (fetch would refuse or rewrite some of these headers). */
function rawRequest(
  base: string,
  method: string,
  path: string,
  headers: http.OutgoingHttpHeaders,
  body?: Buffer | string | Buffer[],
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    // The server may answer and close before the whole body is sent; the answer is what counts.
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    );
    if (Array.isArray(body)) {
      for (const part of body) req.write(part);
      req.end();
    } else req.end(body);
  });
}

async function uploadFiles(): Promise<string[]> {
  return (await readdir(os.tmpdir())).filter((name) => name.startsWith('upload_'));
}

describe('request bodies: JSON only, uncompressed, bounded, never on disk', () => {
  let server: AssembledServer;
  beforeAll(async () => {
    server = await startAssembledServer();
  });
  afterAll(async () => server.close());

  const alive = async () => expect((await fetch(`${server.base}/healthz`)).status).toBe(200);

  it('refuses a gzip body that is not gzip with a JSON 415 and stays up (restify crashed on this)', async () => {
    for (const path of ['/healthz', '/api/webchat/token', '/api/staff/session', '/v3/directline/conversations']) {
      const answer = await rawRequest(
        server.base,
        'POST',
        path,
        { 'content-encoding': 'gzip', 'content-type': 'application/json', 'content-length': 1 },
        'x',
      );
      expect(answer.status).toBe(415);
      expect(JSON.parse(answer.body)).toEqual(
        path.startsWith('/v3/directline/')
          ? { error: { code: 'BadArgument', message: expect.stringContaining('compressed') } }
          : { error: 'unsupported_encoding', message: expect.stringContaining('compressed') },
      );
      await alive();
    }
  });

  it('refuses a gzip bomb before unpacking it: memory does not grow by its unpacked size', async () => {
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024, ' '), { level: 9 });
    expect(bomb.length).toBeLessThan(MAX_REQUEST_BODY_BYTES);
    const before = process.memoryUsage().rss;
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        rawRequest(
          server.base,
          'POST',
          '/api/staff/session',
          { 'content-encoding': 'gzip', 'content-type': 'application/json', 'content-length': bomb.length },
          bomb,
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([415, 415, 415]);
    // Three unpacked bombs would be 600 MB; a refused one costs nothing much.
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    await alive();
  });

  it.each(['deflate', 'br', 'GZIP', 'gzip, identity', 'bogus'])('refuses Content-Encoding %s', async (encoding) => {
    const answer = await rawRequest(
      server.base,
      'POST',
      '/api/webchat/token',
      { 'content-encoding': encoding, 'content-type': 'application/json' },
      '{"municipality":"boegely"}',
    );
    expect(answer.status).toBe(415);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'unsupported_encoding' });
  });

  it('takes an explicitly identity-encoded JSON body', async () => {
    const answer = await rawRequest(
      server.base,
      'POST',
      '/api/webchat/token',
      { 'content-encoding': 'identity', 'content-type': 'application/json; charset=utf-8' },
      '{"municipality":"boegely"}',
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ conversationId: expect.any(String) });
  });

  it('refuses multipart uploads on every POST route without writing a file', async () => {
    const before = await uploadFiles();
    const boundary = 'fuzzboundary';
    const file = Buffer.alloc(5 * 1024 * 1024, 'a');
    const parts = [
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="5mb.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ];
    const length = parts.reduce((sum, part) => sum + part.length, 0);
    for (const path of [
      '/api/messages',
      '/api/staff/session',
      '/api/webchat/token',
      '/v3/directline/conversations/abc/upload',
    ]) {
      const answer = await rawRequest(
        server.base,
        'POST',
        path,
        { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': length },
        parts,
      );
      expect(answer.status).toBe(415);
      // Direct Line routes answer in Direct Line's error shape, the others in ours.
      expect(JSON.parse(answer.body)).toMatchObject(
        path.startsWith('/v3/directline/')
          ? { error: { code: 'BadArgument', message: expect.any(String) } }
          : { error: 'unsupported_media_type' },
      );
    }
    expect(await uploadFiles()).toEqual(before);
  });

  it.each([
    ['application/x-www-form-urlencoded', 'municipality=boegely'],
    ['text/plain', '{"municipality":"boegely"}'],
    ['application/octet-stream', 'xx'],
    ['', '{"municipality":"boegely"}'],
  ])('refuses a %s body with a JSON 415', async (type, body) => {
    const headers: http.OutgoingHttpHeaders = type ? { 'content-type': type } : {};
    const answer = await rawRequest(server.base, 'POST', '/api/webchat/token', headers, body);
    expect(answer.status).toBe(415);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'unsupported_media_type' });
  });

  it('refuses a declared length over the limit before reading, and a chunked body that runs over it', async () => {
    const declared = await rawRequest(
      server.base,
      'POST',
      '/api/webchat/token',
      { 'content-type': 'application/json', 'content-length': MAX_REQUEST_BODY_BYTES + 1 },
      Buffer.alloc(MAX_REQUEST_BODY_BYTES + 1, ' '),
    );
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ error: 'payload_too_large' });
    const chunks = Array.from({ length: 20 }, () => Buffer.alloc(32 * 1024, ' '));
    const chunked = await rawRequest(
      server.base,
      'POST',
      '/api/webchat/token',
      { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      chunks,
    );
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body)).toMatchObject({ error: 'payload_too_large' });
    await alive();
  });

  it('answers malformed JSON with a JSON 400', async () => {
    const answer = await rawRequest(
      server.base,
      'POST',
      '/api/webchat/token',
      { 'content-type': 'application/json' },
      '{"municipality":',
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'bad_request' });
  });

  it('lets body-less posts through whatever their type (Direct Line clients start conversations so)', async () => {
    const token = (await (
      await fetch(`${server.base}/api/webchat/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"municipality":"boegely"}',
      })
    ).json()) as { token: string };
    const answer = await rawRequest(server.base, 'POST', '/v3/directline/conversations', {
      authorization: `Bearer ${token.token}`,
      'content-type': 'text/plain',
      'content-length': 0,
    });
    expect(answer.status).toBe(201);
  });
});

describe('refuseBody', () => {
  it('decides from the headers alone', () => {
    expect(refuseBody({})).toBeUndefined();
    expect(
      refuseBody({ 'content-length': '0', 'content-encoding': 'gzip', 'content-type': 'multipart/form-data' }),
    ).toBeUndefined();
    expect(refuseBody({ 'content-length': '10', 'content-type': 'application/json' })).toBeUndefined();
    expect(
      refuseBody({ 'content-length': '10', 'content-type': 'application/vnd.microsoft.activity+json' }),
    ).toBeUndefined();
    expect(refuseBody({ 'content-length': '10', 'content-type': 'Application/JSON; charset=UTF-8' })).toBeUndefined();
    expect(refuseBody({ 'content-length': '-1', 'content-type': 'application/json' })?.status).toBe(413);
    expect(refuseBody({ 'content-length': '1e9', 'content-type': 'application/json' })?.status).toBe(413);
    expect(refuseBody({ 'transfer-encoding': 'chunked', 'content-type': 'application/jsonx' })?.status).toBe(415);
  });
});
