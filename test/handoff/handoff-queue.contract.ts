import { randomUUID } from 'node:crypto';
import type { Assignment, HandoffQueue, QueueEntry } from '../../bot/handoff/handoff-queue';

/** A queue under test and how to dispose of everything the factory opened. */
export interface HandoffQueueFixture {
  readonly queue: HandoffQueue;
  /**
   * Another instance on the same backend with its own connections, as a second bot instance would
   * have. A queue without a shared backend has no peers and returns itself.
   */
  readonly openPeer: () => Promise<HandoffQueue>;
  /** Closes the queue and any peers. */
  cleanup(): Promise<void>;
  /** Lets the retention pass: moves an injected clock on, or waits it out. */
  passRetention(): Promise<void>;
}

export interface HandoffQueueSettings {
  readonly retentionSeconds: number;
}

export interface HandoffQueueCapabilities {
  /** Several instances share the queue (Redis); the in-memory queue is one process's only. */
  readonly sharedBackend: boolean;
}

const RETENTION_SECONDS = 3600;
/** Retention for the one test that waits it out (Redis: the real clock). */
const SHORT_RETENTION_SECONDS = 1;
/** How long to wait for a hint that should come, and to let a subscription become active. */
const HINT_TIMEOUT_MS = 2000;
const SETTLE_MS = 300;
const TTL_MS = 30_000;
/** Explicit times: the queue takes `now` from its callers, so no test sleeps for them. */
const T0 = Date.parse('2030-03-04T09:00:00.000Z');

/**
 * The behaviour every HandoffQueue must have. Each test opens its own queue (and closes it) and
 * uses queue ids of its own, so implementations need no shared state between tests.
 */
export function handoffQueueContract(
  name: string,
  open: (settings: HandoffQueueSettings) => Promise<HandoffQueueFixture>,
  { sharedBackend }: HandoffQueueCapabilities,
): void {
  async function withQueue(
    test: (queue: HandoffQueue, fixture: HandoffQueueFixture) => Promise<void>,
    retentionSeconds = RETENTION_SECONDS,
  ): Promise<void> {
    const fixture = await open({ retentionSeconds });
    try {
      await test(fixture.queue, fixture);
    } finally {
      await fixture.cleanup();
    }
  }

  /** The instances racing agents are spread over: separate connections where the backend is shared. */
  async function instances(fixture: HandoffQueueFixture, count: number): Promise<HandoffQueue[]> {
    if (!sharedBackend) return [fixture.queue];
    const peers = await Promise.all(Array.from({ length: count - 1 }, () => fixture.openPeer()));
    return [fixture.queue, ...peers];
  }

  describe(`${name} (HandoffQueue contract)`, () => {
    it('enqueues an entry, reads it back and gives places first come, first served', () =>
      withQueue(async (queue) => {
        const q = newQueueId();
        // Enqueued out of order: the place follows enqueuedAt, not the order of the calls.
        const second = entry(q, 20, { topic: 'pas' });
        const first = entry(q, 10, { language: 'en' });
        const third = entry(q, 30);
        for (const e of [second, first, third]) expect(await queue.enqueue(e)).toBe(true);

        expect(await queue.waitingEntry(first.conversationId)).toEqual(first);
        expect(await queue.waitingEntry(second.conversationId)).toEqual(second);
        expect(await queue.waiting([q])).toEqual([first, second, third]);
        expect(await positions(queue, [first, second, third])).toEqual([1, 2, 3]);
      }));

    it('refuses to enqueue a conversation that is already waiting or assigned, changing nothing', () =>
      withQueue(async (queue) => {
        const q = newQueueId();
        const e = entry(q, 10);
        expect(await queue.enqueue(e)).toBe(true);
        expect(await queue.enqueue(e)).toBe(false);
        expect(await queue.enqueue({ ...e, queueId: newQueueId(), enqueuedAt: at(99).toISOString() })).toBe(false);
        expect(await queue.waiting([q])).toEqual([e]);

        await queue.claim(e.conversationId, 'agent-1', at(100));
        expect(await queue.enqueue(e)).toBe(false);
        expect(await queue.waiting([q])).toEqual([]);
        expect((await queue.assignment(e.conversationId))?.agentId).toBe('agent-1');
      }));

    it('answers undefined and empty for what is not waiting', () =>
      withQueue(async (queue) => {
        const unknown = `conv-${randomUUID()}`;
        expect(await queue.position(unknown)).toBeUndefined();
        expect(await queue.waitingEntry(unknown)).toBeUndefined();
        expect(await queue.waiting([newQueueId()])).toEqual([]);
        expect(await queue.waiting([])).toEqual([]);
        expect(await queue.assignment(unknown)).toBeUndefined();
        expect(await queue.recentHandlingTimes(newQueueId())).toEqual([]);
      }));

    it('merges several queues by the same rule, counting places within each queue', () =>
      withQueue(async (queue) => {
        const [a, b] = [newQueueId(), newQueueId()];
        const a1 = entry(a, 10);
        const b1 = entry(b, 15);
        const a2 = entry(a, 20);
        const b2 = entry(b, 25);
        for (const e of [b2, a2, b1, a1]) await queue.enqueue(e);
        expect(await queue.waiting([a, b])).toEqual([a1, b1, a2, b2]);
        expect(await queue.waiting([b, a, b])).toEqual([a1, b1, a2, b2]);
        expect(await queue.waiting([b])).toEqual([b1, b2]);
        expect(await positions(queue, [a1, a2, b1, b2])).toEqual([1, 2, 1, 2]);
      }));

    it('serves entries enqueued at the same moment in one agreed order (by conversation id)', () =>
      withQueue(async (queue) => {
        const [a, b] = [newQueueId(), newQueueId()];
        const tied = ['conv-c', 'conv-a', 'conv-b'].map((id, i) =>
          entry(i === 1 ? b : a, 10, { conversationId: `${id}-${randomUUID()}` }),
        );
        for (const e of tied) await queue.enqueue(e);
        const expected = [...tied].sort((x, y) => (x.conversationId < y.conversationId ? -1 : 1));
        expect(await queue.waiting([a, b])).toEqual(expected);
        const claimed = await queue.claimNext([a, b], 'agent-1', at(100));
        expect(claimed?.entry).toEqual(expected[0]);
      }));

    it('claims the first waiting conversation of several queues, and places shift', () =>
      withQueue(async (queue) => {
        const [a, b] = [newQueueId(), newQueueId()];
        const a1 = entry(a, 20);
        const b1 = entry(b, 10);
        const a2 = entry(a, 30);
        for (const e of [a1, b1, a2]) await queue.enqueue(e);

        const first = await queue.claimNext([a, b], 'agent-1', at(100));
        expect(first).toEqual<Assignment>({ entry: b1, agentId: 'agent-1', claimedAt: at(100).toISOString() });
        expect(await queue.assignment(b1.conversationId)).toEqual(first);
        expect(await queue.waitingEntry(b1.conversationId)).toBeUndefined();
        expect(await queue.position(b1.conversationId)).toBeUndefined();

        const second = await queue.claimNext([a, b], 'agent-2', at(101));
        expect(second?.entry).toEqual(a1);
        expect(await queue.position(a2.conversationId)).toBe(1);
        expect(await queue.waiting([a, b])).toEqual([a2]);
        // Only the queues asked for.
        expect(await queue.claimNext([b], 'agent-3', at(102))).toBeUndefined();
        expect(await queue.claimNext([], 'agent-3', at(102))).toBeUndefined();
      }));

    it('claims a given waiting conversation, and nothing that is not waiting', () =>
      withQueue(async (queue) => {
        const q = newQueueId();
        const [e1, e2, e3] = [entry(q, 10), entry(q, 20), entry(q, 30)];
        for (const e of [e1, e2, e3]) await queue.enqueue(e);

        const claimed = await queue.claim(e2.conversationId, 'agent-1', at(100));
        expect(claimed).toEqual<Assignment>({ entry: e2, agentId: 'agent-1', claimedAt: at(100).toISOString() });
        expect(await positions(queue, [e1, e3])).toEqual([1, 2]);

        expect(await queue.claim(e2.conversationId, 'agent-2', at(101))).toBeUndefined();
        expect(await queue.claim(`conv-${randomUUID()}`, 'agent-2', at(101))).toBeUndefined();
        await queue.cancel(e3.conversationId);
        expect(await queue.claim(e3.conversationId, 'agent-2', at(101))).toBeUndefined();
        expect((await queue.assignment(e2.conversationId))?.agentId).toBe('agent-1');
      }));

    it('lets 20 agents racing with claimNext for 10 conversations take each exactly once', () =>
      withQueue(async (queue, fixture) => {
        const q = newQueueId();
        const entries = Array.from({ length: 10 }, (_, i) => entry(q, i));
        for (const e of entries) await queue.enqueue(e);
        const queues = await instances(fixture, 4);
        const agents = Array.from({ length: 20 }, (_, i) => `agent-${i}`);

        const results = await Promise.all(agents.map((agent, i) => pick(queues, i).claimNext([q], agent, at(100))));
        const claimed = results.filter((result): result is Assignment => result !== undefined);
        expect(claimed).toHaveLength(10);
        expect(sorted(claimed.map((a) => a.entry.conversationId))).toEqual(
          sorted(entries.map((e) => e.conversationId)),
        );
        expect(new Set(claimed.map((a) => a.agentId)).size).toBe(10);
        claimed.forEach((a) => expect(a.agentId).toBe(agents[results.indexOf(a)]));

        expect(await queue.waiting([q])).toEqual([]);
        const all = await queue.allAssignments();
        expect(
          sorted(all.filter((a) => a.entry.queueId === q).map((a) => `${a.entry.conversationId}@${a.agentId}`)),
        ).toEqual(sorted(claimed.map((a) => `${a.entry.conversationId}@${a.agentId}`)));
        for (const agent of agents) expect((await queue.assignmentsOf(agent)).length).toBeLessThanOrEqual(1);
      }));

    it('lets exactly one of 20 agents claiming the same conversation at once have it', () =>
      withQueue(async (queue, fixture) => {
        const q = newQueueId();
        const e = entry(q, 10);
        const other = entry(q, 20);
        await queue.enqueue(e);
        await queue.enqueue(other);
        const queues = await instances(fixture, 4);
        const agents = Array.from({ length: 20 }, (_, i) => `agent-${i}`);

        const results = await Promise.all(
          agents.map((agent, i) => pick(queues, i).claim(e.conversationId, agent, at(100))),
        );
        const winners = results.filter((result): result is Assignment => result !== undefined);
        expect(winners).toHaveLength(1);
        expect(winners[0]?.entry).toEqual(e);
        expect(await queue.assignment(e.conversationId)).toEqual(winners[0]);
        // The other conversation was not touched.
        expect(await queue.waiting([q])).toEqual([other]);
      }));

    it('cancels a waiting conversation once, and places shift', () =>
      withQueue(async (queue) => {
        const q = newQueueId();
        const [e1, e2, e3] = [entry(q, 10), entry(q, 20), entry(q, 30)];
        for (const e of [e1, e2, e3]) await queue.enqueue(e);

        expect(await queue.cancel(e1.conversationId)).toEqual(e1);
        expect(await queue.cancel(e1.conversationId)).toBeUndefined();
        expect(await queue.waitingEntry(e1.conversationId)).toBeUndefined();
        expect(await queue.position(e1.conversationId)).toBeUndefined();
        expect(await positions(queue, [e2, e3])).toEqual([1, 2]);

        // An assigned conversation is not waiting: cancelling it changes nothing.
        await queue.claim(e2.conversationId, 'agent-1', at(100));
        expect(await queue.cancel(e2.conversationId)).toBeUndefined();
        expect((await queue.assignment(e2.conversationId))?.agentId).toBe('agent-1');
        // A cancelled conversation may queue again.
        expect(await queue.enqueue(e1)).toBe(true);
      }));

    it('forgets a conversation whether waiting, offered or assigned, and places shift', () =>
      withQueue(async (queue) => {
        const q = newQueueId();
        const [waiting, held, other] = [entry(q, 10), entry(q, 20), entry(q, 30)];
        for (const e of [waiting, held, other]) await queue.enqueue(e);
        expect(await queue.markWaitOffered(waiting.conversationId)).toBe(true);
        await queue.claim(held.conversationId, 'agent-1', at(100));

        await queue.forget(waiting.conversationId);
        await queue.forget(held.conversationId);
        await queue.forget('never-queued');

        expect(await queue.waitingEntry(waiting.conversationId)).toBeUndefined();
        expect(await queue.assignment(held.conversationId)).toBeUndefined();
        expect(await queue.assignmentsOf('agent-1')).toEqual([]);
        expect((await queue.allAssignments()).map((a) => a.entry.conversationId)).not.toContain(held.conversationId);
        expect(await positions(queue, [other])).toEqual([1]);
        // Nothing of the old entry lingers: it may queue afresh and be offered again.
        expect(await queue.enqueue(waiting)).toBe(true);
        expect(await queue.markWaitOffered(waiting.conversationId)).toBe(true);
      }));

    it('puts a released conversation at the front, keeping enqueuedAt, only for its holder', () =>
      withQueue(async (queue) => {
        const q = newQueueId();
        const [e1, e2, e3] = [entry(q, 10), entry(q, 20), entry(q, 30)];
        for (const e of [e1, e2, e3]) await queue.enqueue(e);
        await queue.claim(e3.conversationId, 'agent-1', at(100));

        // Not the holder: nothing happens.
        expect(await queue.release(e3.conversationId, 'agent-2', at(200))).toBeUndefined();
        expect((await queue.assignment(e3.conversationId))?.agentId).toBe('agent-1');
        expect(await queue.position(e3.conversationId)).toBeUndefined();

        const returned = { ...e3, returnedAt: at(200).toISOString() };
        expect(await queue.release(e3.conversationId, 'agent-1', at(200))).toEqual(returned);
        expect(await queue.assignment(e3.conversationId)).toBeUndefined();
        expect(await queue.assignmentsOf('agent-1')).toEqual([]);
        expect(await queue.waitingEntry(e3.conversationId)).toEqual(returned);
        // Before e1 and e2, which have waited longer but were never served.
        expect(await queue.waiting([q])).toEqual([returned, e1, e2]);
        expect(await positions(queue, [returned, e1, e2])).toEqual([1, 2, 3]);
        // Released once only.
        expect(await queue.release(e3.conversationId, 'agent-1', at(201))).toBeUndefined();

        // And it is the next one served.
        expect((await queue.claimNext([q], 'agent-2', at(300)))?.entry).toEqual(returned);
      }));

    it('orders several returned entries by when they first joined the queue', () =>
      withQueue(async (queue) => {
        const q = newQueueId();
        const [early, late, waiting] = [entry(q, 10), entry(q, 20), entry(q, 5)];
        for (const e of [early, late]) await queue.enqueue(e);
        await queue.claim(early.conversationId, 'agent-1', at(100));
        await queue.claim(late.conversationId, 'agent-2', at(100));
        await queue.enqueue(waiting);
        // The later one is returned first; the one that joined earlier still goes before it.
        await queue.release(late.conversationId, 'agent-2', at(200));
        await queue.release(early.conversationId, 'agent-1', at(300));
        expect((await queue.waiting([q])).map((e) => e.conversationId)).toEqual([
          early.conversationId,
          late.conversationId,
          waiting.conversationId,
        ]);
      }));

    it('lets two instances noticing the same drop return the conversation once', () =>
      withQueue(async (queue, fixture) => {
        const q = newQueueId();
        const e = entry(q, 10);
        await queue.enqueue(e);
        await queue.claim(e.conversationId, 'agent-1', at(100));
        const queues = await instances(fixture, 3);
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) => pick(queues, i).release(e.conversationId, 'agent-1', at(200))),
        );
        expect(results.filter((r) => r !== undefined)).toHaveLength(1);
        expect(await queue.waiting([q])).toEqual([{ ...e, returnedAt: at(200).toISOString() }]);
      }));

    it('completes an assignment only for its holder, recording handling times newest first', () =>
      withQueue(async (queue) => {
        const q = newQueueId();
        const [e1, e2] = [entry(q, 10), entry(q, 20)];
        for (const e of [e1, e2]) await queue.enqueue(e);
        const a1 = await queue.claim(e1.conversationId, 'agent-1', at(100));
        const a2 = await queue.claim(e2.conversationId, 'agent-2', at(110));

        expect(await queue.complete(e1.conversationId, 'agent-2', at(400))).toBeUndefined();
        expect(await queue.assignment(e1.conversationId)).toEqual(a1);

        expect(await queue.complete(e1.conversationId, 'agent-1', at(400))).toEqual(a1);
        expect(await queue.assignment(e1.conversationId)).toBeUndefined();
        expect(await queue.complete(e1.conversationId, 'agent-1', at(500))).toBeUndefined();
        expect(await queue.complete(e2.conversationId, 'agent-2', at(230))).toEqual(a2);

        // 300 s for the first, then 120 s for the second, which ended last.
        expect(await queue.recentHandlingTimes(q)).toEqual([120_000, 300_000]);
        expect(await queue.allAssignments()).not.toContainEqual(a1);
        // Completed is neither waiting nor assigned: it may queue again.
        expect(await queue.enqueue(e1)).toBe(true);
      }));

    it('keeps the 50 most recent handling times', () =>
      withQueue(async (queue) => {
        const q = newQueueId();
        for (let i = 1; i <= 53; i += 1) {
          const e = entry(q, i);
          await queue.enqueue(e);
          await queue.claim(e.conversationId, 'agent-1', at(1000));
          await queue.complete(e.conversationId, 'agent-1', at(1000 + i));
        }
        const times = await queue.recentHandlingTimes(q);
        expect(times).toHaveLength(50);
        expect(times[0]).toBe(53_000);
        expect(times.at(-1)).toBe(4_000);
      }));

    it('lists an agent’s assignments oldest claim first, and all assignments', () =>
      withQueue(async (queue) => {
        const q = newQueueId();
        const agent = `agent-${randomUUID().slice(0, 8)}`;
        const [e1, e2, e3] = [entry(q, 10), entry(q, 20), entry(q, 30)];
        for (const e of [e1, e2, e3]) await queue.enqueue(e);
        const later = await queue.claim(e1.conversationId, agent, at(300));
        const earlier = await queue.claim(e2.conversationId, agent, at(200));
        const others = await queue.claim(e3.conversationId, 'agent-other', at(100));

        expect(await queue.assignmentsOf(agent)).toEqual([earlier, later]);
        expect(await queue.assignmentsOf('agent-nobody')).toEqual([]);
        const all = (await queue.allAssignments()).filter((a) => a.entry.queueId === q);
        expect(all).toEqual([others, earlier, later]);
      }));

    it('marks the wait offer once per waiting entry, also when raced', () =>
      withQueue(async (queue, fixture) => {
        const q = newQueueId();
        const [e1, e2] = [entry(q, 10), entry(q, 20)];
        for (const e of [e1, e2]) await queue.enqueue(e);

        expect(await queue.markWaitOffered(e1.conversationId)).toBe(true);
        expect(await queue.markWaitOffered(e1.conversationId)).toBe(false);
        expect(await queue.markWaitOffered(`conv-${randomUUID()}`)).toBe(false);

        const queues = await instances(fixture, 3);
        const raced = await Promise.all(
          Array.from({ length: 12 }, (_, i) => pick(queues, i).markWaitOffered(e2.conversationId)),
        );
        expect(raced.filter(Boolean)).toHaveLength(1);

        // Not waiting (assigned): no offer. Back in the queue after a drop: a new wait, a new offer.
        await queue.claim(e1.conversationId, 'agent-1', at(100));
        expect(await queue.markWaitOffered(e1.conversationId)).toBe(false);
        await queue.release(e1.conversationId, 'agent-1', at(200));
        expect(await queue.markWaitOffered(e1.conversationId)).toBe(true);
        // Cancelled and queued again: likewise.
        await queue.cancel(e2.conversationId);
        expect(await queue.markWaitOffered(e2.conversationId)).toBe(false);
        await queue.enqueue(e2);
        expect(await queue.markWaitOffered(e2.conversationId)).toBe(true);
      }));

    it('counts agents on duty per queue until their ttl runs out, and at once after signing off', () =>
      withQueue(async (queue) => {
        const [a, b] = [newQueueId(), newQueueId()];
        const [anna, bo] = [`anna-${randomUUID().slice(0, 8)}`, `bo-${randomUUID().slice(0, 8)}`];
        expect(await queue.isOnDuty(anna, at(0))).toBe(false);
        expect(await queue.agentsOnDuty(a, at(0))).toBe(0);

        await queue.heartbeat(anna, [a, b], at(0), TTL_MS);
        await queue.heartbeat(bo, [a], at(10), TTL_MS);
        expect(await queue.isOnDuty(anna, at(29))).toBe(true);
        expect(await queue.agentsOnDuty(a, at(29))).toBe(2);
        expect(await queue.agentsOnDuty(b, at(29))).toBe(1);
        // Anna's ttl ran out at 30 s; Bo's runs to 40 s.
        expect(await queue.isOnDuty(anna, at(30))).toBe(false);
        expect(await queue.agentsOnDuty(a, at(30))).toBe(1);
        expect(await queue.agentsOnDuty(b, at(30))).toBe(0);
        expect(await queue.agentsOnDuty(a, at(40))).toBe(0);

        // A heartbeat renews duty, for the queues it names now.
        await queue.heartbeat(anna, [a, b], at(50), TTL_MS);
        await queue.heartbeat(bo, [a], at(50), TTL_MS);
        await queue.heartbeat(anna, [b], at(55), TTL_MS);
        expect(await queue.agentsOnDuty(a, at(60))).toBe(1);
        expect(await queue.agentsOnDuty(b, at(60))).toBe(1);
        expect(await queue.isOnDuty(anna, at(84))).toBe(true);

        await queue.signOff(anna);
        expect(await queue.isOnDuty(anna, at(60))).toBe(false);
        expect(await queue.agentsOnDuty(b, at(60))).toBe(0);
        expect(await queue.agentsOnDuty(a, at(60))).toBe(1);
        await queue.signOff(anna); // signing off twice is harmless
      }));

    it('counts only available agents on duty: away and on a break they still hold their conversations, across heartbeats, until they are available again or sign off', () =>
      withQueue(async (queue) => {
        const [a, b] = [newQueueId(), newQueueId()];
        const [anna, bo] = [`anna-${randomUUID().slice(0, 8)}`, `bo-${randomUUID().slice(0, 8)}`];
        expect(await queue.presenceOf([anna], at(0))).toEqual(
          new Map([[anna, { connected: false, status: 'available' }]]),
        );
        await queue.heartbeat(anna, [a, b], at(0), TTL_MS);
        await queue.heartbeat(bo, [a], at(0), TTL_MS);
        expect(await queue.agentsOnDuty(a, at(1))).toBe(2);

        await queue.setStatus(anna, 'break', at(1));
        expect(await queue.agentsOnDuty(a, at(2))).toBe(1);
        expect(await queue.agentsOnDuty(b, at(2))).toBe(0);
        // Connected all the same: her conversations are not handed back to the queue.
        expect(await queue.isOnDuty(anna, at(2))).toBe(true);
        // The status outlasts her console's heartbeats.
        await queue.heartbeat(anna, [a, b], at(20), TTL_MS);
        expect(await queue.agentsOnDuty(a, at(21))).toBe(1);
        expect(await queue.presenceOf([anna, bo, 'nobody'], at(21))).toEqual(
          new Map([
            [anna, { connected: true, status: 'break' }],
            [bo, { connected: true, status: 'available' }],
            ['nobody', { connected: false, status: 'available' }],
          ]),
        );

        await queue.setStatus(anna, 'away', at(22));
        expect((await queue.presenceOf([anna], at(22))).get(anna)?.status).toBe('away');
        expect(await queue.agentsOnDuty(b, at(22))).toBe(0);
        await queue.setStatus(anna, 'available', at(23));
        expect(await queue.agentsOnDuty(a, at(24))).toBe(2);
        expect(await queue.agentsOnDuty(b, at(24))).toBe(1);
        // Her duty still ends with her last heartbeat's ttl (20 s + 30 s).
        expect(await queue.agentsOnDuty(b, at(50))).toBe(0);

        // Signing off forgets the status: the next sign-in starts available.
        await queue.setStatus(bo, 'break', at(25));
        await queue.signOff(bo);
        expect(await queue.presenceOf([bo], at(26))).toEqual(
          new Map([[bo, { connected: false, status: 'available' }]]),
        );
        await queue.heartbeat(bo, [a], at(27), TTL_MS);
        expect(await queue.agentsOnDuty(a, at(28))).toBe(2);
        // A status set before the first heartbeat holds from it on.
        const cy = `cy-${randomUUID().slice(0, 8)}`;
        await queue.setStatus(cy, 'away', at(28));
        await queue.heartbeat(cy, [a], at(29), TTL_MS);
        expect(await queue.agentsOnDuty(a, at(29))).toBe(2);
        expect(await queue.presenceOf([cy], at(29))).toEqual(new Map([[cy, { connected: true, status: 'away' }]]));
      }));

    it('hints the queues an agent serves when their status or duty changes (the estimates change)', () =>
      withQueue(async (queue) => {
        const q = newQueueId();
        const hints = recorder();
        const unsubscribe = queue.subscribe(hints.listener);
        await sleep(SETTLE_MS);
        // Each change's hint is awaited before the next change: a late one (Redis pub/sub) would
        // otherwise count for the next step and leave the last one to arrive after the end.
        await queue.heartbeat('agent-1', [q], at(0), TTL_MS);
        await waitFor(() => hints.seen.includes(q), `a hint for queue ${q} after coming on duty first`);
        hints.reset();
        await queue.setStatus('agent-1', 'break', at(1));
        await waitFor(() => hints.seen.includes(q), `a hint for queue ${q} after a break`);
        hints.reset();
        await queue.setStatus('agent-1', 'available', at(2));
        await waitFor(() => hints.seen.includes(q), `a hint for queue ${q} after coming back`);
        // Signing off and coming on duty again change the estimates too; a renewal does not.
        hints.reset();
        await queue.signOff('agent-1');
        await waitFor(() => hints.seen.includes(q), `a hint for queue ${q} after signing off`);
        hints.reset();
        await queue.heartbeat('agent-1', [q], at(3), TTL_MS);
        await waitFor(() => hints.seen.includes(q), `a hint for queue ${q} after coming on duty`);
        hints.reset();
        await queue.heartbeat('agent-1', [q], at(4), TTL_MS);
        await sleep(SETTLE_MS);
        expect(hints.seen).toEqual([]);
        unsubscribe();
      }));

    it('hints subscribers with the queue id after each change, and stops after unsubscribe', () =>
      withQueue(async (queue) => {
        const q = newQueueId();
        const hints = recorder();
        const unsubscribe = queue.subscribe(hints.listener);
        await sleep(SETTLE_MS);
        const e = entry(q, 10);

        const changes: [string, () => Promise<unknown>][] = [
          ['enqueue', () => queue.enqueue(e)],
          ['claim', () => queue.claim(e.conversationId, 'agent-1', at(100))],
          ['release', () => queue.release(e.conversationId, 'agent-1', at(200))],
          ['claimNext', () => queue.claimNext([q], 'agent-2', at(300))],
          ['complete', () => queue.complete(e.conversationId, 'agent-2', at(400))],
          ['enqueue again', () => queue.enqueue(e)],
          ['cancel', () => queue.cancel(e.conversationId)],
          ['enqueue to forget', () => queue.enqueue(e)],
          ['forget', () => queue.forget(e.conversationId)],
          // A change kept beside the queue (a departure) is announced like one of the queue's own.
          ['announce', () => queue.announce(q)],
        ];
        for (const [change, run] of changes) {
          hints.reset();
          await run();
          await waitFor(() => hints.seen.includes(q), `a hint for queue ${q} after ${change}`);
        }

        unsubscribe();
        unsubscribe(); // idempotent
        await sleep(SETTLE_MS);
        hints.reset();
        await queue.enqueue(entry(q, 20));
        await sleep(SETTLE_MS);
        expect(hints.seen).toEqual([]);
      }));

    it('keeps hinting other listeners when one throws, and the change still succeeds', () =>
      withQueue(async (queue) => {
        const q = newQueueId();
        const good = recorder();
        const unsubscribeBroken = queue.subscribe(() => {
          throw new Error('broken listener');
        });
        const unsubscribeGood = queue.subscribe(good.listener);
        await sleep(SETTLE_MS);
        good.reset();
        await expect(queue.enqueue(entry(q, 10))).resolves.toBe(true);
        await waitFor(() => good.seen.includes(q), 'a hint to the working listener');
        unsubscribeBroken();
        unsubscribeGood();
      }));

    it('rejects entries with ids that do not fit a key, and treats such ids as absent when reading', () =>
      withQueue(async (queue) => {
        const q = newQueueId();
        const victim = entry(q, 10);
        await queue.enqueue(victim);

        for (const bad of [
          { ...entry(q, 5), conversationId: `${victim.conversationId}:x` },
          { ...entry(q, 5), conversationId: 'has space' },
          { ...entry(q, 5), conversationId: '' },
          { ...entry(q, 5), queueId: `${q}:entry` },
          { ...entry(q, 5), queueId: 'Has Space' },
          { ...entry(q, 5), enqueuedAt: 'yesterday' },
        ]) {
          await expect(queue.enqueue(bad)).rejects.toThrow(Error);
        }
        for (const bad of ['x:y', 'has space', '', `${victim.conversationId}:x`]) {
          expect(await queue.position(bad)).toBeUndefined();
          expect(await queue.waitingEntry(bad)).toBeUndefined();
          expect(await queue.claim(bad, 'agent-1', at(100))).toBeUndefined();
          expect(await queue.cancel(bad)).toBeUndefined();
          expect(await queue.assignment(bad)).toBeUndefined();
          expect(await queue.markWaitOffered(bad)).toBe(false);
          expect(await queue.release(bad, 'agent-1', at(100))).toBeUndefined();
          expect(await queue.complete(bad, 'agent-1', at(100))).toBeUndefined();
        }
        expect(await queue.waiting([`${q}:x`, 'bad queue', '*'])).toEqual([]);
        expect(await queue.claimNext(['bad queue', `queue:*`], 'agent-1', at(100))).toBeUndefined();
        expect(await queue.assignmentsOf('Bad Agent')).toEqual([]);
        expect(await queue.recentHandlingTimes('bad queue')).toEqual([]);
        expect(await queue.isOnDuty('bad:agent', at(0))).toBe(false);
        expect(await queue.agentsOnDuty('bad queue', at(0))).toBe(0);
        await expect(queue.claim(victim.conversationId, 'Bad Agent', at(100))).rejects.toThrow(Error);
        await expect(queue.claimNext([q], 'agent:x', at(100))).rejects.toThrow(Error);
        await expect(queue.heartbeat('agent:x', [q], at(0), TTL_MS)).rejects.toThrow(Error);
        await expect(queue.heartbeat('agent-1', ['bad queue'], at(0), TTL_MS)).rejects.toThrow(Error);
        await expect(queue.setStatus('agent:x', 'away', at(0))).rejects.toThrow(Error);
        await expect(queue.setStatus('agent-1', 'asleep' as 'away', at(0))).rejects.toThrow(Error);
        await expect(queue.claim(victim.conversationId, 'agent-1', new Date(Number.NaN))).rejects.toThrow(Error);

        // Nothing of the above touched the real entry.
        expect(await queue.waiting([q])).toEqual([victim]);
        expect(await queue.position(victim.conversationId)).toBe(1);
      }));

    it('forgets waiting entries and assignments once the retention has passed', () =>
      withQueue(async (queue, fixture) => {
        const q = newQueueId();
        const [expiring, held] = [entry(q, 10), entry(q, 20)];
        await queue.enqueue(expiring);
        await queue.enqueue(held);
        await queue.claim(held.conversationId, 'agent-1', at(100));

        await fixture.passRetention();

        expect(await queue.waitingEntry(expiring.conversationId)).toBeUndefined();
        expect(await queue.position(expiring.conversationId)).toBeUndefined();
        expect(await queue.markWaitOffered(expiring.conversationId)).toBe(false);
        expect(await queue.cancel(expiring.conversationId)).toBeUndefined();
        // A newcomer is first: the expired entry no longer counts, nor is it ever served.
        const newcomer = entry(q, 30);
        await queue.enqueue(newcomer);
        expect(await queue.position(newcomer.conversationId)).toBe(1);
        expect(await queue.waiting([q])).toEqual([newcomer]);
        expect((await queue.claimNext([q], 'agent-2', at(200)))?.entry).toEqual(newcomer);
        expect(await queue.claimNext([q], 'agent-3', at(200))).toBeUndefined();

        expect(await queue.assignment(held.conversationId)).toBeUndefined();
        expect(await queue.assignmentsOf('agent-1')).toEqual([]);
        expect((await queue.allAssignments()).map((a) => a.entry.conversationId)).not.toContain(held.conversationId);
        // Both may queue again.
        expect(await queue.enqueue(expiring)).toBe(true);
        expect(await queue.enqueue(held)).toBe(true);
        expect(await queue.waiting([q])).toEqual([expiring, held]);
      }, SHORT_RETENTION_SECONDS));

    if (sharedBackend) {
      it('shares waiting entries, assignments and hints between instances', () =>
        withQueue(async (queue, fixture) => {
          const peer = await fixture.openPeer();
          const q = newQueueId();
          const hintsAtPeer = recorder();
          const unsubscribe = peer.subscribe(hintsAtPeer.listener);
          await sleep(SETTLE_MS);
          hintsAtPeer.reset();

          const [e1, e2] = [entry(q, 10), entry(q, 20)];
          await queue.enqueue(e1);
          await waitFor(() => hintsAtPeer.seen.includes(q), 'a hint at the other instance');
          await queue.enqueue(e2);
          expect(await peer.waiting([q])).toEqual([e1, e2]);
          expect(await peer.position(e2.conversationId)).toBe(2);

          const claimed = await peer.claimNext([q], 'agent-1', at(100));
          expect(await queue.assignment(e1.conversationId)).toEqual(claimed);
          expect(await queue.position(e2.conversationId)).toBe(1);
          expect(await queue.release(e1.conversationId, 'agent-1', at(200))).toBeDefined();
          expect((await peer.waiting([q])).map((e) => e.conversationId)).toEqual([
            e1.conversationId,
            e2.conversationId,
          ]);

          await queue.heartbeat('agent-1', [q], at(0), TTL_MS);
          expect(await peer.isOnDuty('agent-1', at(1))).toBe(true);
          expect(await peer.agentsOnDuty(q, at(1))).toBe(1);
          await queue.setStatus('agent-1', 'break', at(1));
          expect(await peer.agentsOnDuty(q, at(2))).toBe(0);
          expect((await peer.presenceOf(['agent-1'], at(2))).get('agent-1')).toEqual({
            connected: true,
            status: 'break',
          });

          hintsAtPeer.reset();
          await queue.announce(q);
          await waitFor(() => hintsAtPeer.seen.includes(q), 'an announced hint at the other instance');
          unsubscribe();
        }));
    }
  });
}

function newQueueId(): string {
  return `q-${randomUUID().slice(0, 8)}`;
}

function at(seconds: number): Date {
  return new Date(T0 + seconds * 1000);
}

function entry(queueId: string, enqueuedSecond: number, overrides: Partial<QueueEntry> = {}): QueueEntry {
  return {
    conversationId: `conv-${randomUUID()}`,
    queueId,
    municipalityId: 'aarhus',
    language: 'da',
    topic: 'flytning',
    enqueuedAt: at(enqueuedSecond).toISOString(),
    ...overrides,
  };
}

async function positions(queue: HandoffQueue, entries: readonly QueueEntry[]): Promise<(number | undefined)[]> {
  const places: (number | undefined)[] = [];
  for (const e of entries) places.push(await queue.position(e.conversationId));
  return places;
}

function pick(queues: readonly HandoffQueue[], i: number): HandoffQueue {
  const queue = queues[i % queues.length];
  if (!queue) throw new Error('no queue instances');
  return queue;
}

function sorted(values: readonly string[]): string[] {
  return [...values].sort();
}

function recorder(): { readonly seen: string[]; listener: (queueId: string) => void; reset(): void } {
  const seen: string[] = [];
  return {
    seen,
    listener: (queueId) => {
      seen.push(queueId);
    },
    reset: () => {
      seen.length = 0;
    },
  };
}

async function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = HINT_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await sleep(20);
  }
}
