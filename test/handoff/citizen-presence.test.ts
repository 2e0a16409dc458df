import { InMemoryCitizenPresence } from '../../bot/handoff/citizen-presence';
import { citizenPresenceContract } from './citizen-presence.contract';

citizenPresenceContract('InMemoryCitizenPresence', async () => {
  const presence = new InMemoryCitizenPresence({ retentionSeconds: 3600, departureSeconds: 600 });
  // One process: the store is its own peer.
  // Knows nothing of conversations: every id may be noted.
  return {
    presence,
    openPeer: async () => presence,
    startConversation: async () => undefined,
    cleanup: () => presence.close(),
  };
});

describe('InMemoryCitizenPresence retention', () => {
  it('drops a last-seen time after the retention, and departures after theirs', async () => {
    let clock = Date.parse('2030-03-04T09:00:00.000Z');
    const presence = new InMemoryCitizenPresence({ retentionSeconds: 60, departureSeconds: 30 }, () => clock);
    await presence.seen('c1', new Date(clock));
    await presence.departed('c1', {
      id: 'departure-1',
      queueId: 'q',
      municipalityId: 'boegely',
      reason: 'closed',
      at: new Date(clock).toISOString(),
      waitedSeconds: 5,
      withAgent: false,
    });
    clock += 31_000;
    expect(await presence.departureReason('c1')).toBeUndefined();
    expect(await presence.departures(['q'], new Date(0))).toEqual([]);
    expect(await presence.lastSeen('c1')).toBeDefined();
    clock += 30_000;
    expect(await presence.lastSeen('c1')).toBeUndefined();
  });
});
