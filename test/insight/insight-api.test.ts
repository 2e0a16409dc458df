import * as argon2 from 'argon2';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { IntentDecision } from '../../intents/intent-decision';
import { startAssembledServer, type AssembledServer } from '../support/assembled-server';
import { cheapDemoStaffFile } from '../support/cheap-staff-file';
import { DirectLineTestClient } from '../support/directline-test-server';
import { StaffClient } from '../support/staff-client';

/** A manager limited to Havbakke, added to the (cheaply hashed) demo accounts. */
async function staffFileWithLimitedManager(dir: string): Promise<string> {
  const hash = await argon2.hash('demo-lis', { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 });
  const demo = await readFile(await cheapDemoStaffFile(), 'utf8');
  const lis = [
    '  - id: lis',
    '    name: Lis',
    '    role: manager',
    `    passwordHash: "${hash}"`,
    '    municipalities: [havbakke]',
    '',
  ];
  const file = path.join(dir, 'staff.yaml');
  // Accounts come first in the file; the new one goes right after the "accounts:" line.
  await writeFile(file, demo.replace(/^accounts:\n/m, `accounts:\n${lis.join('\n')}`));
  return file;
}

/** The classifier's answer by the message's first word: "pas" is an answer, anything else a fallback. */
function decide(text: string): IntentDecision {
  return text.startsWith('pas')
    ? { kind: 'answer', intent: 'pas.bestil', score: 0.9 }
    : { kind: 'fallback', reason: 'low-score' };
}

const today = DateTime.now().setZone('Europe/Copenhagen').toFormat('yyyy-MM-dd');
const month = today.slice(0, 7);

describe('the insight API', () => {
  let server: AssembledServer;
  let dir: string;
  const signedIn = new Map<string, StaffClient>();

  async function as(username: string): Promise<StaffClient> {
    let client = signedIn.get(username);
    if (!client) {
      client = new StaffClient(server.base);
      await client.signIn(username, `demo-${username}`);
      signedIn.set(username, client);
    }
    return client;
  }

  async function get(
    username: string | undefined,
    route: string,
  ): Promise<{ status: number; body: unknown; response: Response }> {
    const cookie = username ? (await as(username)).cookieHeader : '';
    const response = await fetch(`${server.base}/api/insight${route}`, { headers: cookie ? { cookie } : {} });
    const type = response.headers.get('content-type') ?? '';
    const body: unknown = type.includes('json') ? await response.json() : await response.text();
    return { status: response.status, body, response };
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'insight-api-'));
    server = await startAssembledServer({ STAFF_ACCOUNTS_FILE: await staffFileWithLimitedManager(dir) }, decide);

    // Two citizens in Bøgely: one is answered and gives 👍; the other is not understood and asks for a person.
    const answered = new DirectLineTestClient(server.base);
    await answered.start('boegely');
    await answered.post({ type: 'message', text: 'pas', from: { id: 'citizen-1' } });
    await answered.waitFor((texts) => texts.includes('Hjalp svaret?'));
    await answered.post({
      type: 'message',
      text: '👍 Ja',
      value: { action: 'feedback', intent: 'pas.bestil', helpful: true },
      from: { id: 'citizen-1' },
    });
    await answered.waitFor((texts) => texts.includes('Tak for din tilbagemelding.'));

    const helped = new DirectLineTestClient(server.base);
    await helped.start('boegely');
    await helped.post({ type: 'message', text: 'blabla', from: { id: 'citizen-2' } });
    await helped.waitFor((texts) => texts.length >= 2);
    await helped.post({
      type: 'message',
      text: 'Tal med en medarbejder',
      value: { action: 'handoff' },
      from: { id: 'citizen-2' },
    });
    await helped.waitFor((texts) => texts.some((t) => t.startsWith('Du er nummer 1 i køen')));
    const anna = await as('anna');
    expect((await anna.post(`/conversations/${helped.conversationId}/claim`)).status).toBe(200);
    expect((await anna.post(`/conversations/${helped.conversationId}/end`)).status).toBe(204);

    // And one in Havbakke, for the limited manager.
    const havbakke = new DirectLineTestClient(server.base);
    await havbakke.start('havbakke');
    await havbakke.post({ type: 'message', text: 'pas', from: { id: 'citizen-3' } });
    await havbakke.waitFor((texts) => texts.includes('Hjalp svaret?'));
    await server.insight.recorder.flush();
  }, 60_000);

  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('counts the scripted turns in Bøgely’s figures', async () => {
    const { status, body } = await get('lene', `/figures?scope=municipality:boegely&from=${today}&to=${today}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      scope: 'municipality:boegely',
      from: today,
      to: today,
      timeZone: 'Europe/Copenhagen',
      totals: {
        conversations: 2,
        // "pas", "blabla", and the button asking for a person.
        messages: 3,
        answered: 1,
        fallbacks: 1,
        referrals: 1,
        handoffRequested: 1,
        handoffQueued: 1,
        handoffClaimed: 1,
        abandonedInQueue: 0,
        callbacks: 0,
        contained: 1,
        feedbackUp: 1,
        feedbackDown: 0,
      },
      rates: { containment: 0.5, handoff: 0.5 },
      perDay: [{ date: today, conversations: 2, messages: 3 }],
      handoffReasons: [{ reason: 'asked', count: 1 }],
      // Asking for a person by its button is a turn about the "talk to staff" topic too.
      topIntents: [
        { intent: 'agent.handoff', title: 'Tal med en medarbejder', turns: 1, feedbackUp: 0, feedbackDown: 0 },
        { intent: 'pas.bestil', title: 'Bestil pas', turns: 1, feedbackUp: 1, feedbackDown: 0 },
      ],
      queueWait: { count: 1 },
      handlingTime: { count: 1 },
    });
    const figures = body as { perHourOfWeek: unknown[]; outsideOpeningHours: { conversations: number } };
    expect(figures.perHourOfWeek).toHaveLength(168);
    // The test's municipalities are staffed around the clock.
    expect(figures.outsideOpeningHours).toEqual({ conversations: 0, share: 0 });
  });

  it('adds the shared pool up from both municipalities', async () => {
    const { status, body } = await get('sofie', `/figures?scope=queue:faelles&from=${today}&to=${today}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ totals: { conversations: 3, messages: 4, answered: 2 } });
  });

  it('lists the scopes each account may see', async () => {
    expect((await get('lene', '/scopes')).body).toEqual({
      scopes: [
        { id: 'municipality:boegely', kind: 'municipality', label: 'Bøgely Kommune' },
        { id: 'municipality:havbakke', kind: 'municipality', label: 'Havbakke Kommune' },
        { id: 'queue:faelles', kind: 'queue', label: 'Fælles kø: Bøgely, Havbakke' },
      ],
    });
    // Lis reads Havbakke only, so not the pool Havbakke shares with Bøgely.
    expect((await get('lis', '/scopes')).body).toEqual({
      scopes: [{ id: 'municipality:havbakke', kind: 'municipality', label: 'Havbakke Kommune' }],
    });
  });

  it('refuses without a session, agents and editors, and a limited manager outside her municipalities', async () => {
    const route = `/figures?scope=municipality:boegely&from=${today}&to=${today}`;
    expect(await get(undefined, route)).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    for (const username of ['anna', 'eva'])
      expect({ username, ...(await get(username, route)) }).toMatchObject({
        username,
        status: 403,
        body: { error: 'forbidden' },
      });
    expect(await get('lis', route)).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(await get('lis', `/figures?scope=queue:faelles&from=${today}&to=${today}`)).toMatchObject({ status: 403 });
    expect(await get('lis', `/figures?scope=municipality:havbakke&from=${today}&to=${today}`)).toMatchObject({
      status: 200,
      body: { totals: { conversations: 1 } },
    });
    expect(await get('anna', '/scopes')).toMatchObject({ status: 403 });
    expect(await get('lis', `/report?scope=municipality:boegely&month=${month}`)).toMatchObject({ status: 403 });
  });

  it.each([
    ['no scope', `/figures?from=${today}&to=${today}`, /scope/],
    ['a scope of no kind', `/figures?scope=boegely&from=${today}&to=${today}`, /municipality:<kommune>/],
    ['an unknown municipality', `/figures?scope=municipality:atlantis&from=${today}&to=${today}`, /findes ikke/],
    [
      'a date that does not exist',
      '/figures?scope=municipality:boegely&from=2026-02-30&to=2026-03-01',
      /dato, der findes/,
    ],
    ['a date in another form', '/figures?scope=municipality:boegely&from=1.12.2026&to=2026-12-31', /2026-12-01/],
    ['from after to', '/figures?scope=municipality:boegely&from=2026-12-02&to=2026-12-01', /før/],
    ['more than 400 days', '/figures?scope=municipality:boegely&from=2025-01-01&to=2026-12-31', /400 dage/],
    ['an unknown parameter', `/figures?scope=municipality:boegely&from=${today}&to=${today}&x=1`, /x/],
    ['an unknown table', `/figures.csv?scope=municipality:boegely&from=${today}&to=${today}&table=secrets`, /perDay/],
    ['a month in another form', '/report?scope=municipality:boegely&month=2026-13', /måned/],
    ['a report for a pool', `/report?scope=queue:faelles&month=${month}`, /pr. kommune/],
  ])('answers %s with 400 and a Danish message', async (_case, route, message) => {
    const { status, body } = await get('lene', route);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'bad_request', message: expect.stringMatching(message) });
  });

  it('exports a table as CSV with Danish column names', async () => {
    const { status, body, response } = await get(
      'lene',
      `/figures.csv?scope=municipality:boegely&from=${today}&to=${today}&table=perDay`,
    );
    expect(status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="indsigt-perDay-municipality-boegely-${today}-${today}.csv"`,
    );
    expect(body).toBe(`dato,samtaler,beskeder\n${today},2,3\n`);
    const totals = await get('lene', `/figures.csv?scope=municipality:boegely&from=${today}&to=${today}&table=totals`);
    expect(totals.body).toContain('andel klaret uden medarbejder,0.5\n');
  });

  it('makes the monthly effect report, as JSON and as CSV', async () => {
    const { status, body } = await get('lene', `/report?scope=municipality:boegely&month=${month}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      scope: 'municipality:boegely',
      month,
      minutesPerInquiry: 8,
      // One contained conversation × 8 minutes.
      staffHoursSaved: 0.1,
      satisfactionShare: null,
      figures: { totals: { conversations: 2, contained: 1 } },
      topUnmetNeeds: [{ intent: null, count: 1 }],
    });
    const csv = await get('lene', `/report.csv?scope=municipality:boegely&month=${month}`);
    expect(csv.status).toBe(200);
    expect(String(csv.body).split('\n').slice(0, 3)).toEqual(['måling,værdi', `måned,${month}`, 'samtaler,2']);
  });
});
