import { Redis } from 'ioredis';
import { RedisInsightStore } from '../../bot/insight/redis-insight-store';
import { startAssistantProcess, type AssistantProcess } from '../support/browser';
import { cheapDemoStaffFile } from '../support/cheap-staff-file';
import { DirectLineTestClient } from '../support/directline-test-server';
import { ifStarted } from '../support/if-started';
import { startThrowawayRedis, type ThrowawayRedis } from '../support/throwaway-redis';

const SECRET = 'insight-restart-secret-0123456789abcdef';
const MESSAGES = ['hvad koster et pas', 'hvornår har I åbent', 'jeg er flyttet', 'skifte læge', 'tak'];

/**
 * Issue 12: restarting an instance loses no counted event. Messages are answered, and the instance
 * is stopped (SIGTERM, as a deploy or an orchestrator does) the moment the last reply is there,
 * before its insight queue has necessarily been written; the events are all in Redis afterwards,
 * each once, and a new instance on the same Redis counts on from there.
 */
describe('insight events across an instance restart', () => {
  let redis: ThrowawayRedis;
  let first: AssistantProcess | undefined;
  let second: AssistantProcess | undefined;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    redis = await startThrowawayRedis({ appendOnly: true });
    env = {
      REDIS_URL: redis.url,
      DIRECTLINE_TOKEN_SECRET: SECRET,
      STAFF_ACCOUNTS_FILE: await cheapDemoStaffFile(),
      INSIGHT_HASH_SECRET: 'insight-restart-hash-secret-0123456789',
      RATE_LIMIT_MESSAGES_PER_MINUTE: '1000',
    };
    first = await startAssistantProcess(env, { timeoutMs: 240_000 });
  }, 300_000);

  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await ifStarted(redis)?.stop();
  }, 60_000);

  it('counts every message of a conversation once, though the instance stops right after the last reply', async () => {
    if (!first) throw new Error('the assistant did not start');
    const client = new DirectLineTestClient(first.url);
    await client.start('boegely');
    for (const [index, text] of MESSAGES.entries()) {
      const posted = await client.post({ type: 'message', from: { id: 'citizen' }, text });
      expect(posted.status).toBe(200);
      // The greeting, then one reply (or more) per message.
      await client.waitFor((texts) => texts.length >= index + 2, 30_000);
    }
    await first.stop();

    const reader = new Redis(redis.url);
    const store = new RedisInsightStore({ client: reader, aggregateRetentionDays: 800 });
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });
    const turns = async () =>
      (await store.events(['boegely'], new Date(Date.now() - 24 * 3600_000), new Date(Date.now() + 60_000))).filter(
        (e) => e.event.kind === 'turn',
      );
    expect(await turns()).toHaveLength(MESSAGES.length);
    const [aggregate] = await store.aggregates(['boegely'], [today]);
    expect(aggregate?.fields.messages).toBe(MESSAGES.length);
    expect(aggregate?.fields.conversations).toBe(1);

    // A new instance on the same Redis: the conversation goes on and is still one conversation.
    second = await startAssistantProcess(env, { timeoutMs: 240_000 });
    const resumed = new DirectLineTestClient(second.url);
    resumed.token = client.token;
    resumed.conversationId = client.conversationId;
    expect((await resumed.post({ type: 'message', from: { id: 'citizen' }, text: 'hvad koster et pas' })).status).toBe(
      200,
    );
    const until = Date.now() + 30_000;
    while ((await turns()).length < MESSAGES.length + 1 && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await turns()).toHaveLength(MESSAGES.length + 1);
    const [after] = await store.aggregates(['boegely'], [today]);
    expect(after?.fields.messages).toBe(MESSAGES.length + 1);
    expect(after?.fields.conversations).toBe(1);
    await reader.quit();
  }, 600_000);
});
