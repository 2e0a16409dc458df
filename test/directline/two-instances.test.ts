import WebSocket from 'ws';
import { DEMO_STAFF_FILE } from '../../bot/staff/staff-directory';
import { startAssistantProcess, type AssistantProcess } from '../support/browser';
import { ifStarted } from '../support/if-started';
import { startThrowawayRedis, type ThrowawayRedis } from '../support/throwaway-redis';

const SECRET = 'two-instance-test-secret-0123456789abcdef';

type Activity = { id: string; type: string; text?: string; from: { role?: string } };

describe('two server instances on one Redis', () => {
  let redis: ThrowawayRedis;
  let a: AssistantProcess;
  let b: AssistantProcess;

  beforeAll(async () => {
    redis = await startThrowawayRedis();
    const env = { REDIS_URL: redis.url, DIRECTLINE_TOKEN_SECRET: SECRET, STAFF_ACCOUNTS_FILE: DEMO_STAFF_FILE };
    const started = await Promise.allSettled([startAssistantProcess(env), startAssistantProcess(env)]);
    // If one failed to start, stop the other too: a running server would keep jest from exiting.
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) {
      await Promise.all(started.flatMap((s) => (s.status === 'fulfilled' ? [s.value.stop()] : [])));
      throw failed.reason;
    }
    [a, b] = started.map((s) => (s as PromiseFulfilledResult<AssistantProcess>).value) as [
      AssistantProcess,
      AssistantProcess,
    ];
  }, 180_000);

  afterAll(async () => {
    await Promise.all([ifStarted(a)?.stop(), ifStarted(b)?.stop()]);
    await ifStarted(redis)?.stop();
  });

  it('continues a conversation started on A on B, polling and streaming, with nothing lost or repeated', async () => {
    const issued = (await fetch(`${a.url}/api/webchat/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ municipality: 'boegely' }),
    }).then((r) => r.json())) as { token: string; conversationId: string };
    const auth = { authorization: `Bearer ${issued.token}`, 'content-type': 'application/json' };
    const activitiesUrl = (base: string) => `${base}/v3/directline/conversations/${issued.conversationId}/activities`;

    expect((await fetch(`${a.url}/v3/directline/conversations`, { method: 'POST', headers: auth })).status).toBe(201);

    // Stream from B while the citizen posts to A and to B.
    const reconnect = (await fetch(`${b.url}/v3/directline/conversations/${issued.conversationId}`, {
      headers: auth,
    }).then((r) => r.json())) as { streamUrl: string };
    const streamed: Activity[] = [];
    const ws = new WebSocket(reconnect.streamUrl);
    await new Promise<void>((resolve, reject) => {
      ws.on('open', () => resolve());
      ws.on('error', reject);
    });
    ws.on('message', (data: Buffer) =>
      streamed.push(...(JSON.parse(data.toString()) as { activities: Activity[] }).activities),
    );

    const questions = [
      'jeg har mistet mit pas',
      'hvornår bliver skraldespanden tømt',
      'hvordan melder jeg flytning',
      'tak for hjælpen',
    ];
    for (const [index, text] of questions.entries()) {
      const target = index % 2 === 0 ? a : b;
      const posted = await fetch(activitiesUrl(target.url), {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ type: 'message', text, from: { id: 'citizen-1' } }),
      });
      expect(posted.status).toBe(200);
    }

    // Every question is echoed and answered; wait until the bot has replied to the last one.
    const deadline = Date.now() + 30_000;
    let polled: Activity[];
    let previous = '';
    for (;;) {
      polled = (
        (await fetch(activitiesUrl(b.url), { headers: auth }).then((r) => r.json())) as { activities: Activity[] }
      ).activities;
      const userMessages = polled.filter((x) => x.type === 'message' && x.from.role === 'user');
      const last = polled.filter((x) => x.type === 'message').at(-1);
      const settled = userMessages.length === questions.length && last?.from.role !== 'user';
      // Settled, and the stream has delivered exactly what polling returns (a duplicate or a gap never matches).
      // A reply can be several activities: settled also means the log did not change since the last poll.
      const ids = JSON.stringify(polled.map((x) => x.id));
      const stable = ids === previous;
      previous = ids;
      if (settled && stable && JSON.stringify(streamed.map((x) => x.id)) === ids) break;
      if (Date.now() > deadline) {
        throw new Error(
          `stream and poll differ: ${JSON.stringify({ polled: polled.map((x) => x.id), streamed: streamed.map((x) => x.id) })}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    ws.close();

    const ids = polled.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(polled.filter((x) => x.type === 'message' && x.from.role === 'user').map((x) => x.text)).toEqual(questions);
    // The stream from B delivered exactly what polling B returns, in the same order, once each.
    expect(streamed.map((x) => x.id)).toEqual(ids);
    // Polling A gives the same log.
    const fromA = (
      (await fetch(activitiesUrl(a.url), { headers: auth }).then((r) => r.json())) as { activities: Activity[] }
    ).activities;
    expect(fromA.map((x) => x.id)).toEqual(ids);
  }, 120_000);
});
