import type { Activity } from 'botbuilder';
import { DirectLineTestClient, startDirectLineTestServer, type TestServer } from '../support/directline-test-server';

/** Asks for a new conversation as the widget does, with an X-Forwarded-For header. */
async function newConversation(base: string, forwardedFor?: string): Promise<number> {
  const response = await fetch(`${base}/api/webchat/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify({ municipality: 'boegely' }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('new-conversation limit behind a trusted reverse proxy', () => {
  let server: TestServer;
  beforeAll(async () => {
    // The test talks to the server from 127.0.0.1, as a proxy on the same machine would.
    server = await startDirectLineTestServer({ TRUST_PROXY: '127.0.0.1', RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '2' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('counts each client the proxy names separately', async () => {
    expect([
      await newConversation(server.base, '203.0.113.1'),
      await newConversation(server.base, '203.0.113.1'),
    ]).toEqual([200, 200]);
    expect(await newConversation(server.base, '203.0.113.1')).toBe(429);
    // Another citizen behind the same proxy is not held up by the first.
    expect([
      await newConversation(server.base, '203.0.113.2'),
      await newConversation(server.base, '203.0.113.2'),
    ]).toEqual([200, 200]);
    // A client cannot escape by adding its own entry: the proxy's entry (rightmost) is the one read.
    expect(await newConversation(server.base, '198.51.100.77, 203.0.113.1')).toBe(429);
  });
});

describe('new-conversation limit without TRUST_PROXY', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDirectLineTestServer({ RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '2' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('ignores a forged X-Forwarded-For and counts the socket address', async () => {
    expect([
      await newConversation(server.base, '203.0.113.1'),
      await newConversation(server.base, '203.0.113.2'),
    ]).toEqual([200, 200]);
    const third = await fetch(`${server.base}/api/webchat/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.3' },
      body: JSON.stringify({ municipality: 'boegely' }),
    });
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await third.json()).toMatchObject({ error: 'rate_limited' });
  });
});

describe('typing indicators and the message allowance', () => {
  let server: TestServer;
  beforeAll(async () => {
    // 18 a minute: a burst of exactly 6 messages, so a single typing indicator counted against it would show.
    server = await startDirectLineTestServer({
      RATE_LIMIT_MESSAGES_PER_MINUTE: '18',
      RATE_LIMIT_TYPING_PER_MINUTE: '30',
      RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '1000',
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('accepts all 6 messages after many typing indicators, and drops typing beyond its own allowance quietly with 200', async () => {
    const client = new DirectLineTestClient(server.base);
    await client.start();
    const typing: { status: number; body: unknown }[] = [];
    for (let i = 0; i < 40; i += 1) {
      const response = await client.post({ type: 'typing', channelData: { clientActivityID: `t${i}` } });
      typing.push({ status: response.status, body: await response.json() });
    }
    expect(typing.every((answer) => answer.status === 200)).toBe(true);
    // Beyond the typing burst (30 a minute: 10 at once) they are not stored: an empty id says so.
    const dropped = typing.filter((answer) => (answer.body as { id: string }).id === '');
    expect(dropped.length).toBeGreaterThanOrEqual(40 - 11);
    const messages: number[] = [];
    for (let i = 0; i < 6; i += 1)
      messages.push(
        (await client.post({ type: 'message', text: `pas ${i}`, channelData: { clientActivityID: `m${i}` } })).status,
      );
    expect(messages).toEqual([200, 200, 200, 200, 200, 200]);
    // Messages keep their own limit: beyond it five more are stored and answered later, then a flood gets 429.
    const over: number[] = [];
    for (let i = 0; i < 6; i += 1) over.push((await client.post({ type: 'message', text: `pas igen ${i}` })).status);
    expect(over).toEqual([200, 200, 200, 200, 200, 429]);
    const stored = (await server.store.activitiesAfter(client.conversationId, '', 1000)).activities;
    expect(stored.filter((a: Partial<Activity>) => a.type === 'typing' && a.from?.role === 'user').length).toBe(
      40 - dropped.length,
    );
  });
});
