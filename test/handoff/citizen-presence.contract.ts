import { randomUUID } from 'node:crypto';
import { newDeparture, type CitizenPresence, type Departure } from '../../bot/handoff/citizen-presence';

/** A presence store under test, and how to dispose of everything the factory opened. */
export interface CitizenPresenceFixture {
  readonly presence: CitizenPresence;
  /** Another instance on the same backend (Redis: its own connection); memory: itself. */
  readonly openPeer: () => Promise<CitizenPresence>;
  /** Makes the conversation exist where the store looks (Redis: its record's key). */
  readonly startConversation: (conversationId: string) => Promise<void>;
  cleanup(): Promise<void>;
}

const T0 = Date.parse('2030-03-04T09:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

function departure(queueId: string, seconds: number, reason: Departure['reason'] = 'closed', withAgent = false) {
  return newDeparture({
    queueId,
    municipalityId: 'boegely',
    reason,
    at: at(seconds).toISOString(),
    waitedSeconds: seconds,
    withAgent,
  });
}

/**
 * What every CitizenPresence must do. The sweeper on one instance reads what the instance the
 * widget talks to wrote, so each test writes on one instance and reads on its peer.
 */
export function citizenPresenceContract(name: string, open: () => Promise<CitizenPresenceFixture>): void {
  let fixture: CitizenPresenceFixture | undefined;
  async function withPresence(
    test: (writer: CitizenPresence, reader: CitizenPresence) => Promise<void>,
  ): Promise<void> {
    fixture = await open();
    try {
      await test(fixture.presence, await fixture.openPeer());
    } finally {
      await fixture.cleanup();
      fixture = undefined;
    }
  }
  /** A conversation that exists, as the widget's does. */
  const started = async () => {
    const id = `conv-${randomUUID()}`;
    await fixture?.startConversation(id);
    return id;
  };
  const conversation = () => `conv-${randomUUID()}`;
  const queueId = () => `q-${randomUUID().slice(0, 8)}`;

  describe(`${name} (CitizenPresence contract)`, () => {
    it('remembers when a citizen was last seen, for every instance, and never moves it back', () =>
      withPresence(async (writer, reader) => {
        const id = await started();
        expect(await reader.lastSeen(id)).toBeUndefined();
        await writer.seen(id, at(10));
        expect(await reader.lastSeen(id)).toEqual(at(10));
        await writer.seen(id, at(30));
        expect(await reader.lastSeen(id)).toEqual(at(30));
        // A slow request from earlier arrives late: the later time stands.
        await reader.seen(id, at(20));
        expect(await writer.lastSeen(id)).toEqual(at(30));
      }));

    it('reports each absence once, across instances; a later absence is new', () =>
      withPresence(async (writer, reader) => {
        const id = conversation();
        const results = await Promise.all([
          writer.markAway(id, at(10)),
          reader.markAway(id, at(10)),
          writer.markAway(id, at(10)),
        ]);
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await reader.markAway(id, at(10))).toBe(false);
        expect(await reader.markAway(id, at(99))).toBe(true);
      }));

    it('lists departures of the asked queues since a time, newest first, for every instance', () =>
      withPresence(async (writer, reader) => {
        const [a, b, other] = [queueId(), queueId(), queueId()];
        const old = departure(a, 10);
        const first = departure(a, 100, 'started-over');
        const second = departure(b, 200, 'left');
        await writer.departed(conversation(), old);
        await writer.departed(conversation(), first);
        await writer.departed(undefined, second);
        await writer.departed(conversation(), departure(other, 150));
        expect(await reader.departures([a, b], at(50))).toEqual([second, first]);
        expect(await reader.departures([], at(0))).toEqual([]);
      }));

    it("keeps the reason under the conversation's id, unless none is given (a deleted conversation)", () =>
      withPresence(async (writer, reader) => {
        const [left, deleted] = [conversation(), conversation()];
        const q = queueId();
        await writer.departed(left, departure(q, 10, 'started-over', true));
        await writer.departed(undefined, departure(q, 20, 'deleted'));
        expect(await reader.departureReason(left)).toBe('started-over');
        expect(await reader.departureReason(deleted)).toBeUndefined();
        // The departure itself never names a conversation.
        for (const listed of await reader.departures([q], at(0))) {
          expect(JSON.stringify(listed)).not.toContain(left);
        }
      }));

    it("forgets everything kept under a conversation's id", () =>
      withPresence(async (writer, reader) => {
        const id = await started();
        await writer.seen(id, at(10));
        expect(await reader.lastSeen(id)).toEqual(at(10));
        await writer.markAway(id, at(10));
        await writer.departed(id, departure(queueId(), 10, 'closed'));
        await reader.forget(id);
        expect(await writer.lastSeen(id)).toBeUndefined();
        expect(await writer.departureReason(id)).toBeUndefined();
        expect(await writer.markAway(id, at(10))).toBe(true);
        await reader.forget(id); // forgetting twice is harmless
      }));

    it('ignores ids that cannot be conversation ids instead of failing', () =>
      withPresence(async (writer) => {
        await writer.seen('no:such|id', at(1));
        expect(await writer.lastSeen('no:such|id')).toBeUndefined();
        await writer.forget('no:such|id');
      }));
  });
}
