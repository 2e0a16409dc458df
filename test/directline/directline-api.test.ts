import WebSocket from 'ws';
import { AssistantBot } from '../../bot/botframework/assistant-bot';
import { DirectLineTokens } from '../../bot/directline/directline-tokens';
import { DirectLineTestClient, startDirectLineTestServer, type TestServer } from '../support/directline-test-server';

const SECRET = 'directline-api-test-secret-0123456789abcdef';

describe('Direct Line 3.0 over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDirectLineTestServer({
      DIRECTLINE_TOKEN_SECRET: SECRET,
      RATE_LIMIT_MESSAGES_PER_MINUTE: '6',
      RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '1000',
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('starts a conversation with a welcome, echoes the citizen with id, timestamp and clientActivityID, and answers', async () => {
    const client = new DirectLineTestClient(server.base);
    await client.start();
    expect(client.conversationId).toMatch(/^[A-Za-z0-9_-]{32}$/); // 192 random bits
    await client.waitFor((t) => t.some((x) => /virtuelle assistent/.test(x)));
    const posted = await client.post({
      type: 'message',
      text: 'nyt pas',
      from: { id: 'dl_citizen' },
      locale: 'da-DK',
      channelData: { clientActivityID: 'client-1', clientTimestamp: '2026-12-03T16:05:00.123Z' },
    });
    expect(posted.status).toBe(200);
    const { id } = (await posted.json()) as { id: string };
    expect(id.startsWith(`${client.conversationId}|`)).toBe(true);
    await client.waitFor((t) => t.some((x) => /^Du søger om pas/.test(x)));
    const { activities, watermark } = await client.activities();
    const echo = activities.find((a) => a.id === id);
    expect(echo).toMatchObject({
      type: 'message',
      text: 'nyt pas',
      from: { role: 'user' },
      channelData: { clientActivityID: 'client-1', clientTimestamp: '2026-12-03T16:05:00.123Z' },
    });
    expect(activities.some((a) => a.type === 'typing')).toBe(true);
    expect((await client.activities(watermark)).activities).toHaveLength(0);
  });

  it('stores and echoes the redacted text, never the CPR number', async () => {
    const client = new DirectLineTestClient(server.base);
    await client.start();
    await client.post({ type: 'message', text: 'mit cpr er 010190-1234', channelData: { clientActivityID: 'c' } });
    const texts = await client.waitFor((t) => t.some((x) => /fjernet et CPR-nummer/.test(x)));
    expect(texts.join(' ')).not.toContain('010190');
    const page = await server.store.activitiesAfter(client.conversationId);
    expect(JSON.stringify(page.activities)).not.toContain('010190');
  });

  it('streams over WebSocket from a watermark and pushes new activities', async () => {
    const client = new DirectLineTestClient(server.base);
    await client.start();
    await client.waitFor((t) => t.length >= 1);
    const started = (await fetch(`${server.base}/v3/directline/conversations/${client.conversationId}?watermark=0`, {
      headers: client.headers(),
    }).then((r) => r.json())) as { streamUrl: string };
    expect(started.streamUrl).toMatch(/^ws:\/\/.+\/stream\?t=.+&watermark=0$/);
    const ws = new WebSocket(started.streamUrl);
    const received: string[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.on('open', () => void client.post({ type: 'message', text: 'pas' }));
      ws.on('message', (data: Buffer) => {
        const group = JSON.parse(data.toString()) as { activities: { type: string; text?: string }[] };
        for (const a of group.activities) if (a.type === 'message') received.push(a.text ?? '');
        if (received.some((t) => /^Du søger om pas/.test(t))) resolve();
      });
      ws.on('error', reject);
    });
    ws.close();
    expect(received[0]).toBe('pas'); // the welcome (watermark 0) is not sent again
  });

  it('refuses missing, expired, forged and foreign tokens', async () => {
    const a = new DirectLineTestClient(server.base);
    const b = new DirectLineTestClient(server.base);
    await a.start();
    await b.start();
    const url = `${server.base}/v3/directline/conversations/${b.conversationId}/activities`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer nonsense' } })).status).toBe(401);
    const foreign = await fetch(url, { headers: { authorization: `Bearer ${a.token}` } });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: { code: 'Forbidden', message: expect.any(String) } });
    const otherSecret = new DirectLineTokens('x'.repeat(40), 1800).issue({
      conversationId: b.conversationId,
      municipalityId: 'boegely',
      origin: '',
    });
    expect((await fetch(url, { headers: { authorization: `Bearer ${otherSecret}` } })).status).toBe(401);
    const expired = new DirectLineTokens(undefined, 60);
    expect(() =>
      expired.verify(
        expired.issue({ conversationId: 'x', municipalityId: 'boegely', origin: '' }).replace(/\.[^.]+$/, '.tampered'),
      ),
    ).toThrow(/invalid/);
    const ws = new WebSocket(
      `${server.base.replace('http', 'ws')}/v3/directline/conversations/${b.conversationId}/stream?t=${a.token}`,
    );
    const status = await new Promise<number>((resolve) =>
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(403);
  });

  it('answers an expired token with 403 TokenExpired, as the Direct Line service does, on every route and the stream', async () => {
    const client = new DirectLineTestClient(server.base);
    await client.start();
    // Signed with the server's own secret, for the right conversation, one minute past its lifetime.
    const expired = new DirectLineTokens(SECRET, -60).issue({
      conversationId: client.conversationId,
      municipalityId: 'boegely',
      origin: '',
    });
    const routes: [string, string][] = [
      ['GET', `/v3/directline/conversations/${client.conversationId}/activities`],
      ['POST', `/v3/directline/conversations/${client.conversationId}/activities`],
      ['GET', `/v3/directline/conversations/${client.conversationId}`],
      ['POST', '/v3/directline/tokens/refresh'],
      ['POST', '/v3/directline/conversations'],
    ];
    for (const [method, path] of routes) {
      const response = await fetch(`${server.base}${path}`, {
        method,
        headers: { authorization: `Bearer ${expired}`, 'content-type': 'application/json' },
        ...(method === 'POST' ? { body: JSON.stringify({ type: 'message', text: 'pas' }) } : {}),
      });
      expect([method, path, response.status]).toEqual([method, path, 403]);
      expect(await response.json()).toEqual({ error: { code: 'TokenExpired', message: expect.any(String) } });
    }
    const ws = new WebSocket(
      `${server.base.replace('http', 'ws')}/v3/directline/conversations/${client.conversationId}/stream?t=${expired}`,
    );
    const status = await new Promise<number>((resolve) =>
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(403);
  });

  it('welcomes in the language of conversationStartProperties.locale', async () => {
    const client = new DirectLineTestClient(server.base);
    await client.start('boegely', undefined, 'en-GB');
    const texts = await client.waitFor((t) => t.length > 0);
    expect(texts[0]).toMatch(/virtual assistant/);
    const danish = new DirectLineTestClient(server.base);
    await danish.start('boegely', 'en-US', 'da-DK');
    expect((await danish.waitFor((t) => t.length > 0))[0]).toMatch(/virtuelle assistent/);
  });

  it("gives the bot the client's event activities (Web Chat's webchat/join), and never typing", async () => {
    const client = new DirectLineTestClient(server.base);
    await client.start();
    await client.waitFor((t) => t.length > 0);
    const seen: string[] = [];
    const run = jest.spyOn(AssistantBot.prototype, 'run').mockImplementation(async function (context) {
      seen.push(`${context.activity.type}:${context.activity.name ?? ''}`);
    });
    try {
      expect((await client.post({ type: 'event', name: 'webchat/join', value: { language: 'da-DK' } })).status).toBe(
        200,
      );
      expect((await client.post({ type: 'typing' })).status).toBe(200);
      const until = Date.now() + 2000;
      while (seen.length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(seen).toEqual(['event:webchat/join']);
    } finally {
      run.mockRestore();
    }
  });

  it('refreshes a token for the same conversation', async () => {
    const client = new DirectLineTestClient(server.base);
    await client.start();
    const refreshed = await fetch(`${server.base}/v3/directline/tokens/refresh`, {
      method: 'POST',
      headers: client.headers(),
    });
    expect(refreshed.status).toBe(200);
    const body = (await refreshed.json()) as { conversationId: string; token: string; expires_in: number };
    expect(body.conversationId).toBe(client.conversationId);
    expect(body.expires_in).toBe(1800);
    client.token = body.token;
    expect((await client.activities()).activities.length).toBeGreaterThan(0);
  });

  it('answers bad input with JSON 4xx: malformed JSON, unknown types, oversized text, big values', async () => {
    const client = new DirectLineTestClient(server.base);
    await client.start();
    const url = `${server.base}/v3/directline/conversations/${client.conversationId}/activities`;
    const malformed = await fetch(url, { method: 'POST', headers: client.headers(), body: '{"type": "mess' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'BadArgument' } });
    const unknownType = await client.post({ type: 'invoke', name: 'x' });
    expect(unknownType.status).toBe(400);
    expect(await unknownType.json()).toMatchObject({ error: { code: 'BadArgument' } });
    expect((await client.post({ type: 'message', text: 'x'.repeat(20_001) })).status).toBe(400);
    expect((await client.post({ type: 'message', value: { blob: 'x'.repeat(9000) } })).status).toBe(413);
    const notJson = await fetch(url, {
      method: 'POST',
      headers: { ...client.headers(), 'content-type': 'text/plain' },
      body: 'hello',
    });
    // Refused before any body parser reads it (see test/http/request-body-policy.test.ts).
    expect(notJson.status).toBe(415);
    expect(await notJson.json()).toMatchObject({ error: { code: 'BadArgument' } });
    const unknownConversation = await fetch(`${server.base}/v3/directline/conversations/nope/activities`, {
      headers: client.headers(),
    });
    expect(unknownConversation.status).toBe(403);
  });

  it('declines attachments politely in the chat', async () => {
    const client = new DirectLineTestClient(server.base);
    await client.start();
    const posted = await client.post({
      type: 'message',
      attachments: [{ contentType: 'image/png', name: 'pas.png', contentUrl: 'data:x' }],
    });
    expect(posted.status).toBe(200);
    await client.waitFor((t) => t.some((x) => /filer eller billeder/.test(x)));
    const upload = await fetch(`${server.base}/v3/directline/conversations/${client.conversationId}/upload`, {
      method: 'POST',
      headers: client.headers(),
    });
    expect(upload.status).toBe(415);
  });

  it('stores messages over the allowance for a later answer, and refuses only a flood with 429 and Retry-After', async () => {
    const flooder = new DirectLineTestClient(server.base);
    await flooder.start();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await flooder.post({ type: 'message', text: `pas ${i}` })).status);
    // Six a minute: a burst of two answered now, five stored and answered after a pause, then 429.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 429]);
    const stored = (await flooder.activities()).activities.filter(
      (a) => a.type === 'message' && a.from.role === 'user',
    );
    expect(stored.map((a) => a.text)).toEqual(['pas 0', 'pas 1', 'pas 2', 'pas 3', 'pas 4', 'pas 5', 'pas 6']);
    const limited = await flooder.post({ type: 'message', text: 'pas igen' });
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    const other = new DirectLineTestClient(server.base);
    await other.start();
    expect((await other.post({ type: 'message', text: 'pas' })).status).toBe(200);
  });

  it('lets the citizen delete the conversation, after which it is gone', async () => {
    const client = new DirectLineTestClient(server.base);
    await client.start();
    const url = `${server.base}/api/webchat/conversations/${client.conversationId}`;
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(401);
    expect((await fetch(url, { method: 'DELETE', headers: client.headers() })).status).toBe(204);
    expect(await server.store.getConversation(client.conversationId)).toBeUndefined();
    const after = await client.post({ type: 'message', text: 'pas' });
    expect(after.status).toBe(404);
    expect(await after.json()).toMatchObject({ error: { code: 'NotFound' } });
  });
});

describe('widget API and origins', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDirectLineTestServer({ RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '1000' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('gives the municipality configuration, 404 for an unknown one', async () => {
    const config = await fetch(`${server.base}/api/webchat/config?municipality=havbakke`).then((r) => r.json());
    expect(config).toMatchObject({
      municipality: { id: 'havbakke', name: 'Havbakke Kommune', primaryColor: '#0d47a1' },
    });
    expect((await fetch(`${server.base}/api/webchat/config?municipality=atlantis`)).status).toBe(404);
  });

  it('issues tokens only to the municipality’s own sites (and our own demo page)', async () => {
    const token = (origin: string, municipality = 'boegely') =>
      fetch(`${server.base}/api/webchat/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ municipality }),
      });
    expect((await token('https://www.boegely.example')).status).toBe(200);
    expect((await token('https://www.boegely.example', 'havbakke')).status).toBe(403);
    expect((await token('https://evil.example')).status).toBe(403);
    expect((await token(server.base)).status).toBe(200);
    const bad = await fetch(`${server.base}/api/webchat/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ municipality: '../etc' }),
    });
    expect(bad.status).toBe(400);
    expect(
      (
        await fetch(`${server.base}/api/webchat/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ municipality: 'atlantis' }),
        })
      ).status,
    ).toBe(404);
  });

  it('answers CORS preflights for allowed origins only, with the headers Web Chat sends', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.base}/v3/directline/conversations`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,x-ms-bot-agent',
        },
      });
    const allowed = await preflight('https://www.havbakke.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://www.havbakke.example');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/x-ms-bot-agent/);
    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('opens a WebSocket stream only for the site the token was issued to', async () => {
    const client = new DirectLineTestClient(server.base, 'https://www.boegely.example');
    await client.start();
    const url = `${server.base.replace('http', 'ws')}/v3/directline/conversations/${client.conversationId}/stream?t=${client.token}`;
    const foreign = new WebSocket(url, { origin: 'https://evil.example' });
    expect(
      await new Promise<number>((resolve) =>
        foreign.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
      ),
    ).toBe(403);
    const own = new WebSocket(url, { origin: 'https://www.boegely.example' });
    await new Promise<void>((resolve, reject) => {
      own.on('open', () => resolve());
      own.on('error', reject);
    });
    own.close();
  });

  it('binds a token to the site it was issued to', async () => {
    const client = new DirectLineTestClient(server.base, 'https://www.boegely.example');
    await client.start();
    const elsewhere = await fetch(`${server.base}/v3/directline/conversations/${client.conversationId}/activities`, {
      headers: { authorization: `Bearer ${client.token}`, origin: 'https://www.havbakke.example' },
    });
    expect(elsewhere.status).toBe(403);
  });

  it('serves the widget files and the Web Chat bundle, and nothing outside webchat/', async () => {
    expect((await fetch(`${server.base}/webchat/vendor/webchat.js`, { method: 'HEAD' })).status).toBe(200);
    for (const path of [
      '/webchat/%2e%2e/package.json',
      '/webchat/../package.json',
      '/webchat/%2e%2e%2f.env.example',
      '/webchat/..%5cpackage.json',
      '/webchat/%E0%A4%A',
    ]) {
      const response = await fetch(`${server.base}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
  });
});
