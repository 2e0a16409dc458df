import { Redis } from 'ioredis';
import { botStateKeys } from '../../bot/assembly/conversation-eraser';
import { conversationKey } from '../../bot/unanswered/unanswered-question';
import type { IntentDecision } from '../../intents/intent-decision';
import { startAssembledServer, type AssembledServer } from '../support/assembled-server';
import { DirectLineTestClient } from '../support/directline-test-server';
import { ifStarted } from '../support/if-started';
import { StaffClient } from '../support/staff-client';
import { startThrowawayRedis, type ThrowawayRedis } from '../support/throwaway-redis';

/** "medarbejder" asks for a person; "elcykel" is not answered (the unanswered inbox); anything else is about passports. */
function decide(text: string): IntentDecision {
  if (/elcykel/i.test(text)) return { kind: 'fallback', reason: 'low-score' };
  return /medarbejder/i.test(text)
    ? { kind: 'answer', intent: 'agent.handoff', score: 0.9 }
    : { kind: 'answer', intent: 'pas.bestil', score: 0.9 };
}

/**
 * A conversation that has everything a conversation can leave behind: dialogue state, a handoff
 * request taken by an agent, and an internal note. Then the citizen presses "Slet samtalen".
 */
async function conversationWithHandoffAndNote(server: AssembledServer): Promise<DirectLineTestClient> {
  const citizen = new DirectLineTestClient(server.base);
  await citizen.start('boegely');
  expect(
    (await citizen.post({ type: 'message', text: 'hvordan får jeg nyt pas', from: { id: 'citizen' } })).status,
  ).toBe(200);
  await citizen.waitFor((texts) => texts.length >= 3);
  expect((await citizen.post({ type: 'message', text: 'tilskud til elcykel?', from: { id: 'citizen' } })).status).toBe(
    200,
  );
  await citizen.waitFor((texts) => texts.length >= 5);
  expect(
    (await citizen.post({ type: 'message', text: 'Tal med en medarbejder', from: { id: 'citizen' } })).status,
  ).toBe(200);
  await citizen.waitFor((texts) => texts.some((t) => t.startsWith('Du er nummer 1 i køen')));
  const anna = new StaffClient(server.base);
  await anna.signIn('anna', 'demo-anna');
  const claimed = await anna.post(`/conversations/${citizen.conversationId}/claim`);
  expect(claimed.status).toBe(200);
  expect(
    (await anna.post(`/conversations/${citizen.conversationId}/notes`, { text: 'Borgeren mangler pas til rejse.' }))
      .status,
  ).toBe(201);
  await citizen.waitFor((texts) => texts.some((t) => t.startsWith('Anna (medarbejder) har overtaget samtalen')));
  return citizen;
}

async function deleteConversation(server: AssembledServer, citizen: DirectLineTestClient): Promise<void> {
  const deleted = await fetch(`${server.base}/api/webchat/conversations/${citizen.conversationId}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${citizen.token}` },
  });
  expect(deleted.status).toBe(204);
}

describe('"Slet samtalen" with Redis', () => {
  let redis: ThrowawayRedis;
  let server: AssembledServer;
  let inspector: Redis;

  beforeAll(async () => {
    redis = await startThrowawayRedis();
    server = await startAssembledServer({ REDIS_URL: redis.url }, decide);
    inspector = new Redis(redis.url);
  }, 60_000);

  afterAll(async () => {
    await ifStarted(inspector)?.quit();
    await ifStarted(server)?.close();
    await ifStarted(redis)?.stop();
  });

  /** Every key whose name, or whose content (members, fields, elements, value), holds `text`. */
  async function keysHolding(text: string): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await inspector.scan(cursor, 'MATCH', '*', 'COUNT', '1000');
      cursor = next;
      for (const key of keys) {
        if (key.includes(text) || (await contentOf(key)).includes(text)) found.push(key);
      }
    } while (cursor !== '0');
    return found.sort();
  }

  async function contentOf(key: string): Promise<string> {
    switch (await inspector.type(key)) {
      case 'string':
        return (await inspector.get(key)) ?? '';
      case 'list':
        return (await inspector.lrange(key, 0, -1)).join('\n');
      case 'set':
        return (await inspector.smembers(key)).join('\n');
      case 'zset':
        return (await inspector.zrange(key, '0', '-1')).join('\n');
      case 'hash':
        return JSON.stringify(await inspector.hgetall(key));
      case 'stream':
        return JSON.stringify(await inspector.xrange(key, '-', '+'));
      default:
        return '';
    }
  }

  it('leaves no key in Redis that names or holds the conversation', async () => {
    const citizen = await conversationWithHandoffAndNote(server);
    const id = citizen.conversationId;
    // The scan sees what a conversation leaves behind: record, transcript, bot state, assignment, notes.
    const before = await keysHolding(id);
    expect(before).toEqual(
      expect.arrayContaining([
        `bsa:conv:${id}`,
        `bsa:conv:${id}:activities`,
        `bsa:state:${botStateKeys(id)[0]}`,
        `bsa:handoff:assigned:${id}`,
        'bsa:handoff:agent:anna',
        'bsa:handoff:assignments',
        `bsa:handoff:notes:${id}`,
        // When the citizen's chat was last seen (every Direct Line request notes it).
        `bsa:handoff:seen:${id}`,
      ]),
    );
    // The unanswered inbox keeps the question under the hash of the conversation id, never the id.
    const hash = conversationKey(id);
    const [question] = await inspector.smembers(`bsa:unanswered:conversation:${hash}`);
    expect(await keysHolding(hash)).toEqual([`bsa:unanswered:conversation:${hash}`, `bsa:unanswered:q:${question}`]);

    await deleteConversation(server, citizen);

    // Nothing is left that names the conversation (rate-limit buckets are keyed by a hash), nor its inbox entries.
    expect(await keysHolding(id)).toEqual([]);
    expect(await keysHolding(hash)).toEqual([]);
    expect(await keysHolding(question!)).toEqual([]);
    // And the agent's console no longer lists it.
    const anna = new StaffClient(server.base);
    await anna.signIn('anna', 'demo-anna');
    expect((await anna.state()).mine.map((m) => m.conversationId)).not.toContain(id);
  }, 30_000);
});

describe('"Slet samtalen" in memory', () => {
  let server: AssembledServer;

  beforeAll(async () => {
    server = await startAssembledServer({}, decide);
  }, 30_000);

  afterAll(async () => {
    await ifStarted(server)?.close();
  });

  it('leaves nothing in any store', async () => {
    const citizen = await conversationWithHandoffAndNote(server);
    const id = citizen.conversationId;
    const { storage } = server;
    const kept = async () => ({
      conversation: await storage.conversations.getConversation(id),
      activities: (await storage.conversations.activitiesAfter(id)).activities.length,
      botState: Object.keys(await storage.botState.read(botStateKeys(id))).length,
      assignment: await storage.handoffQueue.assignment(id),
      waiting: await storage.handoffQueue.waitingEntry(id),
      held: (await storage.handoffQueue.assignmentsOf('anna')).map((a) => a.entry.conversationId),
      notes: (await storage.notes.list(id)).length,
      lastSeen: await storage.citizenPresence.lastSeen(id),
      departure: await storage.citizenPresence.departureReason(id),
      inbox: (await storage.unanswered.list()).filter((q) => q.conversationKey === conversationKey(id)).length,
    });
    const before = await kept();
    expect(before.conversation?.id).toBe(id);
    expect(before.activities).toBeGreaterThan(0);
    expect(before.botState).toBe(1);
    expect(before.assignment?.agentId).toBe('anna');
    expect(before.held).toContain(id);
    expect(before.notes).toBe(1);
    expect(before.lastSeen).toBeInstanceOf(Date);
    expect(before.inbox).toBe(1);

    await deleteConversation(server, citizen);

    expect(await kept()).toEqual({
      conversation: undefined,
      activities: 0,
      botState: 0,
      assignment: undefined,
      waiting: undefined,
      held: [],
      notes: 0,
      lastSeen: undefined,
      departure: undefined,
      inbox: 0,
    });
  }, 30_000);
});
