import { ConversationState, MemoryStorage } from 'botbuilder';
import type restify from 'restify';
import { AssistantBot } from '../../bot/botframework/assistant-bot';
import { ConfigError, loadConfig, type Config } from '../../bot/runtime/config';
import { AssistantDialogue } from '../../bot/dialogue/assistant-dialogue';
import { createLogger } from '../../bot/runtime/logger';
import { createServer } from '../../bot/server';
import { stubKnowledgeSource } from '../support/stub-knowledge-source';

async function startServer(env: NodeJS.ProcessEnv, ready = true): Promise<{ server: restify.Server; base: string }> {
  const config: Config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
  const live = await stubKnowledgeSource(() => ({ kind: 'fallback', reason: 'none-class' }));
  const dialogue = new AssistantDialogue({
    live,
    defaultMunicipalityId: 'boegely',
    maxMessageLength: 2000,
  });
  const bot = new AssistantBot(dialogue, new ConversationState(new MemoryStorage()));
  const server = createServer({
    config,
    bot: () => (ready ? bot : undefined),
    logger: createLogger('silent'),
    isReady: () => ready,
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return { server, base: `http://127.0.0.1:${port}` };
}

describe('HTTP server', () => {
  let running: restify.Server[] = [];
  afterEach(async () => {
    await Promise.all(
      running.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
          }),
      ),
    );
    running = [];
  });
  const start = async (env: NodeJS.ProcessEnv = {}, ready = true) => {
    const started = await startServer(env, ready);
    running.push(started.server);
    return started.base;
  };

  it('answers /healthz, and /readyz only when ready', async () => {
    const base = await start({}, false);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const notReady = await fetch(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ status: 'starting' });
    const readyBase = await start({}, true);
    expect(await (await fetch(`${readyBase}/readyz`)).json()).toEqual({ status: 'ready' });
  });

  it('keeps /api/messages closed without a Microsoft app id and password (no open relay to any serviceUrl)', async () => {
    const base = await start();
    const response = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        text: 'hej',
        serviceUrl: 'http://attacker.example',
        conversation: { id: 'x' },
      }),
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'channel_disabled' });
  });

  it('rejects unauthenticated and malformed posts to /api/messages when it is enabled', async () => {
    const base = await start({
      MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000000',
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
    });
    const unauthenticated = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        text: 'hej',
        serviceUrl: 'http://attacker.example',
        conversation: { id: 'x' },
        channelId: 'test',
      }),
    });
    expect(unauthenticated.status).toBe(401);
    const malformed = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type": "mess',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/json/);
  });

  it('answers unknown routes and bad bodies with JSON 4xx, never a 500', async () => {
    const base = await start();
    const missing = await fetch(`${base}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/json/);
    const huge = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(300_000) }),
    });
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
  });
});

describe('configuration', () => {
  it('has working defaults for the README run command', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3978,
      HOST: '127.0.0.1',
      DEFAULT_MUNICIPALITY: 'boegely',
      MAX_MESSAGE_LENGTH: 2000,
    });
  });

  it('names every wrong variable', () => {
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', MICROSOFT_APP_ID: 'abc' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/LOG_LEVEL/);
    }
    expect(() => loadConfig({ MICROSOFT_APP_ID: 'abc' })).toThrow(/MICROSOFT_APP_PASSWORD/);
    expect(() =>
      loadConfig({ MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'b', MICROSOFT_APP_TYPE: 'SingleTenant' }),
    ).toThrow(/TENANT/);
  });

  it('treats empty variables from .env files as unset', () => {
    expect(loadConfig({ MICROSOFT_APP_ID: '', MICROSOFT_APP_PASSWORD: '' }).MICROSOFT_APP_ID).toBeUndefined();
  });
});
