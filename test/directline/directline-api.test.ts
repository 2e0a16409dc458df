import WebSocket from 'ws';
import { DirectLineTokens } from '../../bot/directline/directline-tokens';
import { DirectLineTestClient, startDirectLineTestServer, type TestServer } from '../support/directline-test-server';

describe('Direct Line 3.0 over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDirectLineTestServer({
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
      channelData: { clientActivityID: 'client-1' },
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
      channelData: { clientActivityID: 'client-1' },
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
    expect(await foreign.json()).toMatchObject({ error: 'forbidden' });
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
    expect(await malformed.json()).toMatchObject({ error: 'bad_request' });
    const unknownType = await client.post({ type: 'invoke', name: 'x' });
    expect(unknownType.status).toBe(400);
    expect(await unknownType.json()).toMatchObject({ error: 'bad_activity' });
    expect((await client.post({ type: 'message', text: 'x'.repeat(20_001) })).status).toBe(400);
    expect((await client.post({ type: 'message', value: { blob: 'x'.repeat(9000) } })).status).toBe(413);
    const notJson = await fetch(url, {
      method: 'POST',
      headers: { ...client.headers(), 'content-type': 'text/plain' },
      body: 'hello',
    });
    // Refused before any body parser reads it (see test/http/request-body-policy.test.ts).
    expect(notJson.status).toBe(415);
    expect(await notJson.json()).toMatchObject({ error: 'unsupported_media_type' });
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

  it('rate-limits a flood from one conversation with 429 and Retry-After, without affecting others', async () => {
    const flooder = new DirectLineTestClient(server.base);
    await flooder.start();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await flooder.post({ type: 'message', text: `pas ${i}` })).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
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
    expect(await after.json()).toMatchObject({ error: 'conversation_not_found' });
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
