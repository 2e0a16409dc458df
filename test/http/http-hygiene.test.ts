import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { precompressFiles } from '../../bot/http/precompressed-files';
import {
  UNVERSIONED_BUNDLE_PATH,
  VERSIONED_BUNDLE_PATH,
  WEBCHAT_VERSION,
  filesToPrecompress,
} from '../../bot/webchat/widget-files';
import { startDirectLineTestServer, type TestServer } from '../support/directline-test-server';
import { PROJECT_ROOT } from '../support/project-paths';

/**
 * Static files (precompressed, ETags, caching), security headers, and where "our own origin"
 * comes from, against the real HTTP server.
 */

interface RawAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** node:http rather than fetch: fetch forbids setting Host and decodes bodies itself. */
function request(
  base: string,
  method: string,
  urlPath: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${urlPath}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const EMBED = path.join(PROJECT_ROOT, 'webchat', 'embed.js');

let server: TestServer;
beforeAll(async () => {
  // What `npm run build` does; quick when the build has already made the copies.
  await precompressFiles(filesToPrecompress());
  server = await startDirectLineTestServer();
}, 120_000);
afterAll(async () => {
  await server.close();
});

describe('static files', () => {
  it('sends brotli when the browser accepts it, gzip when only that, and the file as it is otherwise', async () => {
    const original = await readFile(EMBED);
    const br = await request(server.base, 'GET', '/webchat/embed.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(original.length / 2);
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true);

    const gzip = await request(server.base, 'GET', '/webchat/embed.js', { 'accept-encoding': 'gzip, deflate' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(original)).toBe(true);

    const refusedBr = await request(server.base, 'GET', '/webchat/embed.js', {
      'accept-encoding': 'br;q=0, gzip;q=0.5',
    });
    expect(refusedBr.headers['content-encoding']).toBe('gzip');

    for (const acceptEncoding of [undefined, 'identity', 'deflate']) {
      const plain = await request(
        server.base,
        'GET',
        '/webchat/embed.js',
        acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
      );
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
      expect(plain.body.equals(original)).toBe(true);
    }
  });

  it('gives each encoding its own strong ETag and answers a matching If-None-Match with 304 and no body', async () => {
    const br = await request(server.base, 'GET', '/webchat/embed.js', { 'accept-encoding': 'br' });
    const gzip = await request(server.base, 'GET', '/webchat/embed.js', { 'accept-encoding': 'gzip' });
    const plain = await request(server.base, 'GET', '/webchat/embed.js');
    const etags = [br, gzip, plain].map((answer) => answer.headers.etag);
    for (const etag of etags) expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(new Set(etags).size).toBe(3);

    const notModified = await request(server.base, 'GET', '/webchat/embed.js', {
      'accept-encoding': 'br',
      'if-none-match': String(br.headers.etag),
    });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    expect(notModified.headers.etag).toBe(br.headers.etag);
    expect(notModified.headers['cache-control']).toBe('public, max-age=300');

    const weakToo = await request(server.base, 'GET', '/webchat/embed.js', {
      'if-none-match': `"other", W/${String(plain.headers.etag)}`,
    });
    expect(weakToo.status).toBe(304);
    const changed = await request(server.base, 'GET', '/webchat/embed.js', {
      'accept-encoding': 'br',
      'if-none-match': '"something-else"',
    });
    expect(changed.status).toBe(200);
    const otherEncoding = await request(server.base, 'GET', '/webchat/embed.js', {
      'accept-encoding': 'gzip',
      'if-none-match': String(br.headers.etag),
    });
    expect(otherEncoding.status).toBe(200);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    for (const urlPath of ['/webchat/embed.js', '/', VERSIONED_BUNDLE_PATH]) {
      const get = await request(server.base, 'GET', urlPath, { 'accept-encoding': 'br' });
      const head = await request(server.base, 'HEAD', urlPath, { 'accept-encoding': 'br' });
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      for (const name of ['content-type', 'content-length', 'content-encoding', 'etag', 'cache-control', 'vary'])
        expect(head.headers[name]).toBe(get.headers[name]);
    }
  });

  it('serves the Web Chat bundle at a versioned address cached for good, which chat-panel.js loads', async () => {
    expect(VERSIONED_BUNDLE_PATH).toBe(`/webchat/vendor/webchat-${WEBCHAT_VERSION}.js`);
    const panel = await readFile(path.join(PROJECT_ROOT, 'webchat', 'chat-panel.js'), 'utf8');
    expect(panel).toContain(`'${VERSIONED_BUNDLE_PATH}'`);

    const bundle = await request(server.base, 'GET', VERSIONED_BUNDLE_PATH, { 'accept-encoding': 'gzip, deflate, br' });
    expect(bundle.status).toBe(200);
    expect(bundle.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(bundle.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(bundle.headers['content-encoding']).toBe('br');
    // ≈ 3.9 MB as it is; the point of the exercise.
    expect(bundle.body.length).toBeLessThan(1024 * 1024);

    const unversioned = await request(server.base, 'GET', UNVERSIONED_BUNDLE_PATH, { 'accept-encoding': 'br' });
    expect(unversioned.status).toBe(200);
    expect(unversioned.headers['cache-control']).toBe('public, max-age=300');
    expect(unversioned.headers.etag).toBe(bundle.headers.etag);
    expect((await request(server.base, 'GET', '/webchat/vendor/webchat-0.0.1.js')).status).toBe(404);
  });

  it('has the demo pages revalidated every time and the widget files after five minutes', async () => {
    expect((await request(server.base, 'GET', '/')).headers['cache-control']).toBe('no-cache');
    expect((await request(server.base, 'GET', '/webchat/demo/en.html')).headers['cache-control']).toBe('no-cache');
    expect((await request(server.base, 'GET', '/webchat/chat-panel.css')).headers['cache-control']).toBe(
      'public, max-age=300',
    );
  });
});

describe('security headers', () => {
  it('gives the demo pages a CSP that forbids framing, and nosniff and no referrer', async () => {
    for (const urlPath of [
      '/',
      '/webchat/demo/index.html',
      '/webchat/demo/en.html',
      '/webchat/demo/polling.html',
      '/webchat/demo/index%2ehtml',
      '/webchat/x/../demo/en.html',
    ]) {
      const page = await request(server.base, 'GET', urlPath);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['content-security-policy']).not.toContain('unsafe-eval');
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('lets other sites load the widget files (no same-origin resource policy on them)', async () => {
    for (const urlPath of [
      '/webchat/embed.js',
      '/webchat/chat-panel.js',
      '/webchat/chat-panel.css',
      VERSIONED_BUNDLE_PATH,
    ]) {
      const file = await request(server.base, 'GET', urlPath, { origin: 'https://www.boegely.example' });
      expect(file.status).toBe(200);
      expect(file.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.headers['content-security-policy']).toBeUndefined();
    }
  });

  it('does not serve the staff console under /webchat/ (it lives at /console/ with its own headers)', async () => {
    for (const urlPath of [
      '/webchat/console/index.html',
      '/webchat/console/console.js',
      '/webchat/%63onsole/index.html',
      '/webchat/demo/../console/index.html',
      '/webchat/console/API.md',
    ]) {
      const answer = await request(server.base, 'GET', urlPath);
      expect(answer.status).toBe(404);
      expect(JSON.parse(answer.body.toString())).toMatchObject({ error: 'not_found' });
    }
  });

  it('marks tokens, Direct Line answers, deletions and errors no-store, nosniff and unframeable', async () => {
    const origin = server.base;
    const token = await request(
      server.base,
      'POST',
      '/api/webchat/token',
      { 'content-type': 'application/json', origin },
      JSON.stringify({ municipality: 'boegely' }),
    );
    expect(token.status).toBe(200);
    const { token: bearer, conversationId } = JSON.parse(token.body.toString()) as {
      token: string;
      conversationId: string;
    };
    const auth = { authorization: `Bearer ${bearer}`, origin };
    const answers = [
      token,
      await request(server.base, 'POST', '/v3/directline/conversations', auth),
      await request(server.base, 'GET', `/v3/directline/conversations/${conversationId}/activities`, auth),
      await request(server.base, 'POST', '/v3/directline/tokens/refresh', auth),
      await request(server.base, 'DELETE', `/api/webchat/conversations/${conversationId}`, auth),
      await request(server.base, 'GET', '/api/webchat/config?municipality=boegely'),
      await request(server.base, 'GET', '/no/such/path'),
      await request(server.base, 'OPTIONS', '/api/webchat/token', { origin, 'access-control-request-method': 'POST' }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 201, 200, 200, 204, 200, 404, 204]);
    for (const answer of answers) {
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });
});

describe('our own origin comes from the configuration and the listening address, not the Host header', () => {
  const tokenRequest = (base: string, headers: Record<string, string>) =>
    request(
      base,
      'POST',
      '/api/webchat/token',
      { 'content-type': 'application/json', ...headers },
      JSON.stringify({ municipality: 'boegely' }),
    );

  it('refuses a forged Host and Origin pair: 403 and no CORS header', async () => {
    const forged = { origin: 'http://evil.example', host: 'evil.example' };
    const token = await tokenRequest(server.base, forged);
    expect(token.status).toBe(403);
    expect(JSON.parse(token.body.toString())).toMatchObject({ error: 'origin_not_allowed' });
    expect(token.headers['access-control-allow-origin']).toBeUndefined();

    const preflight = await request(server.base, 'OPTIONS', '/api/webchat/token', {
      ...forged,
      'access-control-request-method': 'POST',
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();

    // The same with the real port in both.
    const port = new URL(server.base).port;
    const samePort = await tokenRequest(server.base, {
      origin: `http://evil.example:${port}`,
      host: `evil.example:${port}`,
    });
    expect(samePort.status).toBe(403);
  });

  it('refuses a token issued to our own page when it is used from a forged one', async () => {
    const own = await tokenRequest(server.base, { origin: server.base });
    const { token } = JSON.parse(own.body.toString()) as { token: string };
    const forged = await request(server.base, 'POST', '/v3/directline/conversations', {
      authorization: `Bearer ${token}`,
      origin: 'http://evil.example',
      host: 'evil.example',
    });
    expect(forged.status).toBe(403);
  });

  it('knows its own listening address under 127.0.0.1 and localhost without PUBLIC_BASE_URL', async () => {
    const port = new URL(server.base).port;
    for (const origin of [server.base, `http://localhost:${port}`]) {
      const token = await tokenRequest(server.base, { origin });
      expect(token.status).toBe(200);
      expect(token.headers['access-control-allow-origin']).toBe(origin);
    }
    // Another port on the same machine is another origin.
    expect((await tokenRequest(server.base, { origin: `http://127.0.0.1:${Number(port) + 1}` })).status).toBe(403);
  });

  it('with PUBLIC_BASE_URL trusts that origin only, whatever the Host header says', async () => {
    const behindProxy = await startDirectLineTestServer({ PUBLIC_BASE_URL: 'https://chat.kommune.example/assistent' });
    try {
      const host = new URL(behindProxy.base).host;
      expect(
        (await tokenRequest(behindProxy.base, { origin: 'https://chat.kommune.example', host: 'chat.kommune.example' }))
          .status,
      ).toBe(200);
      expect((await tokenRequest(behindProxy.base, { origin: 'https://chat.kommune.example' })).status).toBe(200);
      expect((await tokenRequest(behindProxy.base, { origin: behindProxy.base, host })).status).toBe(403);
      // A municipality's own site (its allowedOrigins) is still allowed.
      expect((await tokenRequest(behindProxy.base, { origin: 'https://www.boegely.example' })).status).toBe(200);
    } finally {
      await behindProxy.close();
    }
  });
});
