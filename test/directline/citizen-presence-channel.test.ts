import { WebSocket } from 'ws';
import type { IntentDecision } from '../../intents/intent-decision';
import { startAssembledServer, type AssembledServer } from '../support/assembled-server';
import { DirectLineTestClient } from '../support/directline-test-server';
import { ifStarted } from '../support/if-started';
import { StaffClient } from '../support/staff-client';

/** "medarbejder" asks for a person; anything else is about passports. */
function decide(text: string): IntentDecision {
  return /medarbejder/i.test(text)
    ? { kind: 'answer', intent: 'agent.handoff', score: 0.9 }
    : { kind: 'answer', intent: 'pas.bestil', score: 0.9 };
}

const GRACE_SECONDS = 2;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What the Direct Line channel tells the sweeper about a citizen's chat (the server as assembled,
 * in memory, with a two-second grace period; the test runs the sweeps itself).
 */
describe('a queued citizen, as the channel sees them', () => {
  let server: AssembledServer;
  let anna: StaffClient;

  beforeAll(async () => {
    server = await startAssembledServer({ HANDOFF_CITIZEN_GRACE_SECONDS: String(GRACE_SECONDS) }, decide);
    anna = new StaffClient(server.base);
    await anna.signIn('anna', 'demo-anna');
  }, 30_000);

  afterAll(async () => {
    await ifStarted(server)?.close();
  });

  async function queuedCitizen(): Promise<DirectLineTestClient> {
    const citizen = new DirectLineTestClient(server.base);
    await citizen.start('boegely');
    expect((await citizen.post({ type: 'message', text: 'Tal med en medarbejder', from: { id: 'c' } })).status).toBe(
      200,
    );
    await citizen.waitFor((texts) => texts.some((t) => t.startsWith('Du er nummer')));
    return citizen;
  }

  async function streamOf(citizen: DirectLineTestClient): Promise<WebSocket> {
    const response = await fetch(`${server.base}/v3/directline/conversations/${citizen.conversationId}`, {
      headers: citizen.headers(),
    });
    const { streamUrl } = (await response.json()) as { streamUrl: string };
    const socket = new WebSocket(streamUrl);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return socket;
  }

  const waiting = async (citizen: DirectLineTestClient) =>
    (await anna.state()).queue.some((entry) => entry.conversationId === citizen.conversationId);

  it('keeps a citizen whose WebSocket stays open, though it sends nothing, and lets them go once it closes', async () => {
    const citizen = await queuedCitizen();
    const socket = await streamOf(citizen);
    // Well past the grace period with no poll and no message: only the open stream says they are there.
    await sleep(GRACE_SECONDS * 1000 * 2);
    await server.handoff.sweeper.sweepOnce();
    expect(await waiting(citizen)).toBe(true);

    socket.close();
    await sleep(GRACE_SECONDS * 1000 + 1500);
    await server.handoff.sweeper.sweepOnce();
    expect(await waiting(citizen)).toBe(false);
    expect((await anna.state()).left).toContainEqual(
      expect.objectContaining({ reason: 'closed', municipality: { id: 'boegely', name: 'Bøgely Kommune' } }),
    );
  }, 20_000);

  it('keeps a citizen who polls within the grace period', async () => {
    const citizen = await queuedCitizen();
    for (let i = 0; i < 4; i += 1) {
      await sleep(GRACE_SECONDS * 500);
      await citizen.activities();
      await server.handoff.sweeper.sweepOnce();
    }
    expect(await waiting(citizen)).toBe(true);
    // Tidy up for the other tests: the citizen leaves.
    await citizen.post({ type: 'message', value: { action: 'leave-queue' }, from: { id: 'c' } });
  }, 20_000);

  it('"Start forfra" (POST …/leave with the conversation\'s token) takes the citizen out of the queue at once', async () => {
    const citizen = await queuedCitizen();
    const other = await queuedCitizen();
    const leave = (conversationId: string, token: string | undefined) =>
      fetch(`${server.base}/api/webchat/conversations/${conversationId}/leave`, {
        method: 'POST',
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    expect((await leave(citizen.conversationId, undefined)).status).toBe(401);
    expect((await leave(citizen.conversationId, other.token)).status).toBe(403);
    expect(await waiting(citizen)).toBe(true);

    expect((await leave(citizen.conversationId, citizen.token)).status).toBe(204);
    expect(await waiting(citizen)).toBe(false);
    expect(await waiting(other)).toBe(true);
    expect((await anna.state()).left).toContainEqual(expect.objectContaining({ reason: 'started-over' }));
    // Leaving twice is harmless.
    expect((await leave(citizen.conversationId, citizen.token)).status).toBe(204);
  });
});
