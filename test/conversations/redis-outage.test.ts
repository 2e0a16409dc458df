import type { IntentDecision } from '../../intents/intent-decision';
import { startAssembledServer, type AssembledServer } from '../support/assembled-server';
import { DirectLineTestClient } from '../support/directline-test-server';
import { ifStarted } from '../support/if-started';
import { startThrowawayRedis, type ThrowawayRedis } from '../support/throwaway-redis';

/** Everything is about passports, except asking for a person. */
function decide(text: string): IntentDecision {
  return /medarbejder/i.test(text)
    ? { kind: 'answer', intent: 'agent.handoff', score: 0.9 }
    : { kind: 'answer', intent: 'pas.bestil', score: 0.9 };
}

type Activity = { id: string; type: string; text?: string; replyToId?: string; from: { role?: string } };

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

function requestToken(server: AssembledServer): Promise<Response> {
  return fetch(`${server.base}/api/webchat/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ municipality: 'boegely' }),
  });
}

async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > until) throw new Error(`still not as expected: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Every message the server accepted (2xx) is in the log once and has a reply (replyToId), and
 * nothing it refused got in. Waits for the replies: turns run after the POST returns.
 */
async function expectAcceptedAnswered(
  citizen: DirectLineTestClient,
  accepted: readonly string[],
  refused: readonly string[],
): Promise<void> {
  const activities = await eventually(
    async () => (await citizen.activities()).activities as Activity[],
    (list) =>
      accepted.every((id) => list.some((a) => a.type === 'message' && a.from.role === 'bot' && a.replyToId === id)),
  );
  const fromCitizen = activities.filter((a) => a.type === 'message' && a.from.role === 'user');
  expect(fromCitizen.map((a) => a.id)).toEqual(accepted);
  for (const text of refused) expect(fromCitizen.map((a) => a.text)).not.toContain(text);
}

/** Posts a message; returns its id when the server took it, undefined when it refused it (and says how). */
async function post(citizen: DirectLineTestClient, text: string): Promise<string | undefined> {
  const response = await citizen.post({ type: 'message', text, from: { id: 'citizen' } });
  if (response.status === 200) return String((await json(response)).id);
  expect(response.status).toBe(503);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(await json(response)).toMatchObject({ error: { code: 'ServiceError' } });
  return undefined;
}

describe('when Redis is away', () => {
  let redis: ThrowawayRedis;
  let server: AssembledServer;

  beforeAll(async () => {
    redis = await startThrowawayRedis({ appendOnly: true });
    server = await startAssembledServer({ REDIS_URL: redis.url }, decide);
  }, 60_000);

  afterAll(async () => {
    ifStarted(redis)?.resume();
    await ifStarted(server)?.close();
    await ifStarted(redis)?.stop();
  });

  it('refuses new conversations with 503 and Retry-After, says so on /readyz, and loses nothing it accepted (paused Redis)', async () => {
    const ready = await fetch(`${server.base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await json(ready)).toEqual({ status: 'ready', redis: 'ok' });

    const ongoing = new DirectLineTestClient(server.base);
    await ongoing.start('boegely');
    const accepted: string[] = [];
    const refused: string[] = [];
    const first = await post(ongoing, 'hvordan får jeg nyt pas');
    expect(first).toBeDefined();
    accepted.push(first ?? '');
    // Accepted just before Redis stops: its turn may still be running, and must be answered anyway.
    const second = await post(ongoing, 'og hvad koster det');
    expect(second).toBeDefined();
    accepted.push(second ?? '');

    redis.pause();
    try {
      // Longer than the connection's 2 s command timeout.
      const token = await requestToken(server);
      expect(token.status).toBe(503);
      expect(Number(token.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await json(token)).toEqual({ error: 'unavailable', message: expect.any(String) });

      const readyz = await fetch(`${server.base}/readyz`);
      expect(readyz.status).toBe(503);
      expect(await json(readyz)).toEqual({ status: 'degraded', redis: 'unavailable' });
      expect((await fetch(`${server.base}/healthz`)).status).toBe(200);

      // The ongoing conversation: a message is taken and answered, or visibly refused.
      const during = await post(ongoing, 'må jeg bestille pas til mit barn');
      if (during) accepted.push(during);
      else refused.push('må jeg bestille pas til mit barn');
      // Polling clients keep polling (a 5xx would stop botframework-directlinejs for good).
      const polled = await fetch(
        `${server.base}/v3/directline/conversations/${ongoing.conversationId}/activities?watermark=`,
        { headers: ongoing.headers() },
      );
      expect(polled.status).toBe(200);
    } finally {
      redis.resume();
    }

    const readyAgain = await eventually(
      async () => fetch(`${server.base}/readyz`).then(async (r) => ({ status: r.status, body: await json(r) })),
      (r) => r.status === 200,
    );
    expect(readyAgain.body).toEqual({ status: 'ready', redis: 'ok' });

    const fresh = new DirectLineTestClient(server.base);
    await fresh.start('boegely');
    const freshId = await post(fresh, 'hvordan får jeg nyt pas');
    expect(freshId).toBeDefined();
    await expectAcceptedAnswered(fresh, [freshId ?? ''], []);

    const after = await post(ongoing, 'tak, og hvor lang tid tager det');
    expect(after).toBeDefined();
    accepted.push(after ?? '');
    await expectAcceptedAnswered(ongoing, accepted, refused);
  }, 60_000);

  it('comes back after a Redis restart, with the conversation and new ones working', async () => {
    const ongoing = new DirectLineTestClient(server.base);
    await ongoing.start('boegely');
    const before = await post(ongoing, 'hvordan får jeg nyt pas');
    expect(before).toBeDefined();
    await expectAcceptedAnswered(ongoing, [before ?? ''], []);

    await redis.restart();

    // The connection notices and reconnects; until then the answer is 503, never a 500.
    const token = await eventually(
      () => requestToken(server),
      (r) => {
        expect([200, 503]).toContain(r.status);
        return r.status === 200;
      },
    );
    expect(token.status).toBe(200);
    const again = await eventually(
      () => post(ongoing, 'og hvad koster det'),
      (id) => id !== undefined,
    );
    await expectAcceptedAnswered(ongoing, [before ?? '', again ?? ''], []);
  }, 60_000);
});
