import { DEMO_STAFF_FILE } from '../../bot/staff/staff-directory';
import { alwaysStaffedKnowledge } from '../support/always-staffed-knowledge';
import { startAssistantProcess, type AssistantProcess } from '../support/browser';
import { DirectLineTestClient } from '../support/directline-test-server';
import { ifStarted } from '../support/if-started';
import { StaffClient } from '../support/staff-client';
import { startThrowawayRedis, type ThrowawayRedis } from '../support/throwaway-redis';

const SECRET = 'queue-restart-test-secret-0123456789abcdef';

/**
 * The queue lives in Redis, not in an instance: an instance killed outright (no graceful
 * shutdown) while citizens wait loses nobody, nor does a Redis restart with AOF persistence.
 */
describe('citizens waiting for staff when the server dies', () => {
  let redis: ThrowawayRedis;
  let knowledge: Awaited<ReturnType<typeof alwaysStaffedKnowledge>>;
  const servers: AssistantProcess[] = [];
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    [redis, knowledge] = await Promise.all([startThrowawayRedis({ appendOnly: true }), alwaysStaffedKnowledge()]);
    env = {
      REDIS_URL: redis.url,
      DIRECTLINE_TOKEN_SECRET: SECRET,
      STAFF_ACCOUNTS_FILE: DEMO_STAFF_FILE,
      KNOWLEDGE_DIR: knowledge.directory,
      RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '1000',
    };
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await ifStarted(redis)?.stop();
    await ifStarted(knowledge)?.remove();
  }, 30_000);

  it('keeps every waiting citizen, in order, through a killed instance and a Redis restart', async () => {
    const first = await startAssistantProcess(env);
    servers.push(first);
    const citizens = [
      new DirectLineTestClient(first.url),
      new DirectLineTestClient(first.url),
      new DirectLineTestClient(first.url),
    ];
    for (const [index, citizen] of citizens.entries()) {
      await citizen.start('boegely');
      const posted = await citizen.post({
        type: 'message',
        text: 'Tal med en medarbejder',
        value: { action: 'handoff' },
        from: { id: `citizen-${index}` },
      });
      expect(posted.status).toBe(200);
      await citizen.waitFor((texts) => texts.some((t) => t.startsWith(`Du er nummer ${index + 1} i køen`)), 10_000);
    }

    await first.kill();
    await redis.restart();

    const second = await startAssistantProcess(env);
    servers.push(second);
    const anna = new StaffClient(second.url);
    await anna.signIn('anna', 'demo-anna');
    const { queue } = await anna.state();
    expect(queue.map((entry) => entry.conversationId)).toEqual(citizens.map((c) => c.conversationId));
    expect(queue.map((entry) => entry.position)).toEqual([1, 2, 3]);

    // First come, first served: the next one is the citizen who asked first, who learns it on the new instance.
    const claimed = await anna.post('/queue/next');
    expect(claimed.status).toBe(200);
    expect(((await claimed.json()) as { conversationId: string }).conversationId).toBe(citizens[0]?.conversationId);
    const firstCitizen = new DirectLineTestClient(second.url);
    Object.assign(firstCitizen, { token: citizens[0]?.token, conversationId: citizens[0]?.conversationId });
    await firstCitizen.waitFor(
      (texts) => texts.includes('Anna (medarbejder) har overtaget samtalen. Du skriver nu med et menneske.'),
      10_000,
    );
    // The others moved up, and were told.
    const third = new DirectLineTestClient(second.url);
    Object.assign(third, { token: citizens[2]?.token, conversationId: citizens[2]?.conversationId });
    await third.waitFor((texts) => texts.length > 0, 1000);
    expect((await anna.state()).queue.map((entry) => entry.position)).toEqual([1, 2]);
  }, 240_000);
});
