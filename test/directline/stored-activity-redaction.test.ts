import { REDACTION_MARKERS } from '../../privacy/personal-data-redactor';
import { DirectLineTestClient, startDirectLineTestServer, type TestServer } from '../support/directline-test-server';

/** Personal data a client can put anywhere in an activity, and every form it must not be found in. */
const CPR = '150312-4417';
const PHONE = '29 40 51 62';
const EMAIL = 'hans.ærø@example.dk';
const TRACES = [CPR, '150312', PHONE, '29405162', EMAIL, 'hans.ærø', 'example.dk'];

function expectNoTrace(where: string, json: unknown): void {
  const text = JSON.stringify(json);
  for (const trace of TRACES)
    expect({ where, trace, found: text.includes(trace) }).toEqual({ where, trace, found: false });
}

interface StoredActivity {
  readonly id: string;
  readonly type: string;
  readonly text?: string;
  readonly name?: string;
  readonly locale?: string;
  readonly value?: unknown;
  readonly from: { readonly id: string; readonly name?: string; readonly role?: string };
  readonly attachments?: readonly { readonly contentType: string; readonly name?: string }[];
  readonly channelData?: { readonly clientActivityID?: string };
}

describe('what a client sends is stored and echoed without personal data', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDirectLineTestServer({
      RATE_LIMIT_MESSAGES_PER_MINUTE: '1000',
      RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '1000',
    });
  });
  afterAll(async () => {
    await server.close();
  });

  /** Posts one activity and returns it as stored, as echoed to the client, and every activity of the conversation. */
  async function postAndRead(client: DirectLineTestClient, activity: Record<string, unknown>) {
    const posted = await client.post(activity);
    expect(posted.status).toBe(200);
    const { id } = (await posted.json()) as { id: string };
    const stored = (await server.store.activitiesAfter(client.conversationId))
      .activities as unknown as StoredActivity[];
    const echoed = (await client.activities()).activities as unknown as StoredActivity[];
    return {
      stored: stored.find((a) => a.id === id),
      echoed: echoed.find((a) => a.id === id),
      all: { stored, echoed },
    };
  }

  it('redacts from.name, every string in a nested value (keys too), long numbers in it, attachment names and types, and the event name', async () => {
    const client = new DirectLineTestClient(server.base);
    await client.start();
    const { stored, echoed, all } = await postAndRead(client, {
      type: 'event',
      name: `form-${PHONE}`,
      from: { id: 'bsa-0a1b2c3d', name: `Hans ${CPR} ${EMAIL}` },
      value: {
        form: { notes: [`ring ${PHONE}`, { deeper: [[`mail ${EMAIL}`]] }], phoneAsNumber: 29405162, age: 42 },
        [`cpr ${CPR}`]: true,
        consent: false,
        nothing: null,
      },
      attachments: [
        { contentType: `text/plain; name=${EMAIL}`, name: `cpr ${CPR}.pdf`, contentUrl: `https://example.dk/${CPR}` },
      ],
      channelData: { clientActivityID: 'k3j4h5g6f7' },
    });
    expectNoTrace('store', all.stored);
    expectNoTrace('echo', all.echoed);
    expect(echoed).toEqual(JSON.parse(JSON.stringify(stored)));
    expect(stored).toMatchObject({
      type: 'event',
      name: `form-${REDACTION_MARKERS.phone}`,
      from: {
        id: 'bsa-0a1b2c3d',
        role: 'user',
        name: `Hans ${REDACTION_MARKERS.cpr} ${REDACTION_MARKERS.email}`.slice(0, 64),
      },
      value: {
        form: {
          notes: [`ring ${REDACTION_MARKERS.phone}`, { deeper: [[`mail ${REDACTION_MARKERS.email}`]] }],
          phoneAsNumber: REDACTION_MARKERS.phone,
          age: 42,
        },
        [`cpr ${REDACTION_MARKERS.cpr}`]: true,
        consent: false,
        nothing: null,
      },
      attachments: [
        { contentType: `text/plain; name=${REDACTION_MARKERS.email}`, name: `cpr ${REDACTION_MARKERS.cpr}.pdf` },
      ],
      channelData: { clientActivityID: 'k3j4h5g6f7' },
    });
  });

  it('redacts them in a message too, with the text, and the bot still answers it', async () => {
    const client = new DirectLineTestClient(server.base);
    await client.start();
    const { stored } = await postAndRead(client, {
      type: 'message',
      text: `nyt pas, ring ${PHONE}`,
      from: { id: 'bsa-1', name: EMAIL },
      attachments: [{ contentType: 'image/png', name: `${PHONE}.png` }],
    });
    expect(stored).toMatchObject({
      text: `nyt pas, ring ${REDACTION_MARKERS.phone}`,
      from: { name: REDACTION_MARKERS.email },
      attachments: [{ name: `${REDACTION_MARKERS.phone}.png` }],
    });
    await client.waitFor((texts) => texts.some((text) => /^Du søger om pas/.test(text)));
    expectNoTrace('store after the turn', await server.store.activitiesAfter(client.conversationId));
  });

  it('shortens a long display name after redacting it, so no half number is left behind', async () => {
    const client = new DirectLineTestClient(server.base);
    await client.start();
    const name = `${'x'.repeat(56)} ${CPR}`;
    const { stored } = await postAndRead(client, { type: 'message', text: 'hej', from: { name } });
    expect(stored?.from.name).toBe(`${'x'.repeat(56)} ${REDACTION_MARKERS.cpr}`.slice(0, 64));
    expect(stored?.from.name).not.toMatch(/\d/);
  });

  it('drops a user id, a client activity id or a locale that holds personal data instead of storing it', async () => {
    const client = new DirectLineTestClient(server.base);
    await client.start();
    const { stored, all } = await postAndRead(client, {
      type: 'message',
      text: 'hej',
      from: { id: 'hans.ærø@example.dk' },
      locale: '29405162',
      channelData: { clientActivityID: EMAIL },
    });
    expectNoTrace('store', all.stored);
    expect(stored?.from.id).toBe('citizen');
    expect(stored?.locale).toBeUndefined();
    expect(stored?.channelData?.clientActivityID).toBeUndefined();
    const withCprId = await postAndRead(client, { type: 'message', text: 'hej', from: { id: '1503124417' } });
    expect(withCprId.stored?.from.id).toBe('citizen');
  });

  it('keeps button values intact, so answer and feedback buttons still work', async () => {
    const client = new DirectLineTestClient(server.base);
    await client.start();
    const answer = { action: 'answer', intent: 'pas.bestil' };
    const { stored } = await postAndRead(client, { type: 'message', value: answer, from: { id: 'bsa-2', name: '' } });
    expect(stored?.value).toEqual(answer);
    await client.waitFor((texts) => texts.some((text) => /^Du søger om pas/.test(text)));

    const feedback = { action: 'feedback', intent: 'pas.bestil', helpful: true };
    const rated = await postAndRead(client, { type: 'message', value: feedback });
    expect(rated.stored?.value).toEqual(feedback);
    await client.waitFor((texts) => texts.includes('Tak for din tilbagemelding.'));
  });
});
