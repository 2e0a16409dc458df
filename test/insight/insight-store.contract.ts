import { localDayAndHour } from '../../bot/insight/insight-buckets';
import type { InsightStore } from '../../bot/insight/insight-store';
import { answeredTurn, conversationNamed, insightEvent } from './insight-event-fixtures';

export interface InsightStoreFixture {
  readonly store: InsightStore;
  /** Another store on the same backend, as a second instance would have. */
  readonly openPeer?: () => Promise<InsightStore>;
  cleanup(): Promise<void>;
}

/** The behaviour every InsightStore must have. */
export function insightStoreContract(
  name: string,
  create: () => Promise<InsightStoreFixture>,
  { sharedBackend }: { sharedBackend: boolean },
): void {
  async function withStore(test: (store: InsightStore, fixture: InsightStoreFixture) => Promise<void>) {
    const fixture = await create();
    try {
      await test(fixture.store, fixture);
    } finally {
      await fixture.cleanup();
    }
  }

  describe(`${name} (InsightStore contract)`, () => {
    it('counts messages, conversations and decisions per local day and hour, and keeps the events', () =>
      withStore(async (store) => {
        const anna = conversationNamed('anna');
        // 09:15 and 09:40 UTC on 2 December are 10:15 and 10:40 in Copenhagen (winter time).
        await store.record(insightEvent(answeredTurn('2026-12-02T09:15:00.000Z'), { conversation: anna }));
        await store.record(
          insightEvent(
            { ...answeredTurn('2026-12-02T09:40:00.000Z', 'flytning.anmeld'), decision: 'fallback', confidence: 'low' },
            { conversation: anna },
          ),
        );
        await store.record(
          insightEvent(
            { kind: 'feedback', at: '2026-12-02T09:16:00.000Z', intent: 'pas.bestil', helpful: true },
            {
              conversation: anna,
            },
          ),
        );
        const [day] = await store.aggregates(['boegely'], ['2026-12-02']);
        expect(day?.fields).toEqual({
          conversations: 1,
          'conversations@10': 1,
          messages: 2,
          'messages@10': 2,
          'decision:answer': 1,
          'decision:fallback': 1,
          'intent-turns:pas.bestil': 1,
          'intent-weak:flytning.anmeld': 1,
          'feedback-up': 1,
          'intent-up:pas.bestil': 1,
        });
        const events = await store.events(
          ['boegely'],
          new Date('2026-12-02T00:00:00Z'),
          new Date('2026-12-03T00:00:00Z'),
        );
        expect(events.map((e) => [e.event.kind, e.startsConversation])).toEqual([
          ['turn', true],
          ['feedback', false],
          ['turn', false],
        ]);
        expect(await store.aggregates(['havbakke'], ['2026-12-02'])).toEqual([]);
      }));

    it('counts an event recorded twice (a retried turn) once', () =>
      withStore(async (store) => {
        const event = insightEvent(answeredTurn('2026-12-02T09:15:00.000Z'), { id: 'abc:turn:activity-1' });
        expect(await store.record(event)).toBe(true);
        expect(await store.record(event)).toBe(false);
        const [day] = await store.aggregates(['boegely'], ['2026-12-02']);
        expect(day?.fields.messages).toBe(1);
        const all = await store.events(['boegely'], new Date(0), new Date('2030-01-01'));
        expect(all).toHaveLength(1);
      }));

    it('puts days and hours in Copenhagen time: midnight and the change to summer time', () =>
      withStore(async (store) => {
        // 23:30 UTC on 31 December is 00:30 on 1 January in Copenhagen.
        await store.record(
          insightEvent(answeredTurn('2026-12-31T23:30:00.000Z'), { conversation: conversationNamed('a') }),
        );
        // Summer time starts 29 March 2026 at 01:00 UTC: 01:30 UTC is 03:30 local, 00:30 UTC is 01:30.
        await store.record(
          insightEvent(answeredTurn('2026-03-29T00:30:00.000Z'), { conversation: conversationNamed('b') }),
        );
        await store.record(
          insightEvent(answeredTurn('2026-03-29T01:30:00.000Z'), { conversation: conversationNamed('c') }),
        );
        const days = await store.aggregates(['boegely'], ['2026-12-31', '2027-01-01', '2026-03-29']);
        expect(
          days.map((d) => [
            d.day,
            d.fields['conversations@00'],
            d.fields['conversations@01'],
            d.fields['conversations@03'],
          ]),
        ).toEqual([
          ['2027-01-01', 1, undefined, undefined],
          ['2026-03-29', undefined, 1, 1],
        ]);
      }));

    it('counts a handoff once per conversation, on the day the conversation started', () =>
      withStore(async (store) => {
        const late = conversationNamed('late');
        // Starts at 23:50 local on 2 December, asks for a person at 00:10 on 3 December, twice.
        await store.record(insightEvent(answeredTurn('2026-12-02T22:50:00.000Z'), { conversation: late }));
        for (const at of ['2026-12-02T23:10:00.000Z', '2026-12-02T23:12:00.000Z'])
          await store.record(insightEvent({ kind: 'handoff-requested', at, reason: 'asked' }, { conversation: late }));
        await store.record(
          insightEvent({ kind: 'callback-requested', at: '2026-12-02T23:20:00.000Z' }, { conversation: late }),
        );
        const [start, next] = await store.aggregates(['boegely'], ['2026-12-02', '2026-12-03']);
        expect(start?.fields).toMatchObject({
          conversations: 1,
          'conversations-handoff': 1,
          'conversations-escalated': 1,
        });
        expect(next?.fields).toEqual({ 'handoff-requested': 2, 'handoff-reason:asked': 2, callbacks: 1 });
      }));

    it('keeps each municipality apart and returns events in the time range only', () =>
      withStore(async (store) => {
        await store.record(insightEvent(answeredTurn('2026-12-02T09:00:00.000Z'), { municipalityId: 'havbakke' }));
        await store.record(
          insightEvent(answeredTurn('2026-12-02T10:00:00.000Z'), { conversation: conversationNamed('x') }),
        );
        await store.record(
          insightEvent(answeredTurn('2026-12-04T10:00:00.000Z'), { conversation: conversationNamed('y') }),
        );
        const range = [new Date('2026-12-02T09:30:00Z'), new Date('2026-12-04T10:00:00Z')] as const;
        expect((await store.events(['boegely'], ...range)).map((e) => e.event.at)).toEqual([
          '2026-12-02T10:00:00.000Z',
        ]);
        expect(
          (await store.events(['boegely', 'havbakke'], new Date(0), range[1])).map((e) => e.event.municipalityId),
        ).toEqual(['havbakke', 'boegely']);
      }));

    it('refuses an event with text or an unknown field', () =>
      withStore(async (store) => {
        const withText = { ...insightEvent(answeredTurn('2026-12-02T09:00:00.000Z')), text: 'mit cpr er 010101-1234' };
        await expect(store.record(withText)).rejects.toThrow();
        const badIntent = insightEvent({ ...answeredTurn('2026-12-02T09:00:00.000Z'), intent: 'Hvad koster et pas?' });
        await expect(store.record(badIntent)).rejects.toThrow();
        expect(await store.events(['boegely'], new Date(0), new Date('2030-01-01'))).toEqual([]);
      }));

    it('purges event details before the retention cut-off and keeps recent ones and the aggregates', () =>
      withStore(async (store) => {
        const old = new Date(Date.now() - 400 * 24 * 3600_000).toISOString();
        const recent = new Date(Date.now() - 3600_000).toISOString();
        await store.record(insightEvent(answeredTurn(old), { conversation: conversationNamed('old') }));
        await store.record(insightEvent(answeredTurn(recent), { conversation: conversationNamed('new') }));
        const cutoff = new Date(Date.now() - 395 * 24 * 3600_000);
        expect(await store.purge(cutoff, '2000-01-01')).toBe(1);
        const left = await store.events(['boegely'], new Date(0), new Date(Date.now() + 3600_000));
        expect(left.map((e) => e.event.at)).toEqual([recent]);
        const [oldDay] = await store.aggregates(['boegely'], [localDayAndHour(old).day]);
        expect(oldDay?.fields.messages).toBe(1);
      }));

    if (sharedBackend) {
      it('counts an event two instances both record once, and sees the other instance’s events', () =>
        withStore(async (store, fixture) => {
          const peer = await fixture.openPeer!();
          const event = insightEvent(answeredTurn('2026-12-02T09:15:00.000Z'), { id: 'abc:turn:activity-2' });
          const results = await Promise.all([store.record(event), peer.record(event)]);
          expect(results.sort()).toEqual([false, true]);
          await peer.record(
            insightEvent(answeredTurn('2026-12-02T09:20:00.000Z'), { conversation: conversationNamed('peer') }),
          );
          const [day] = await store.aggregates(['boegely'], ['2026-12-02']);
          expect(day?.fields).toMatchObject({ messages: 2, conversations: 2 });
        }));
    }
  });
}
