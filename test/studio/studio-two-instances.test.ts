import { cheapDemoStaffFile } from '../support/cheap-staff-file';
import { startAssistantProcess, type AssistantProcess } from '../support/browser';
import { askOverDirectLine } from '../support/direct-line-question';
import { ifStarted } from '../support/if-started';
import { startThrowawayRedis, type ThrowawayRedis } from '../support/throwaway-redis';

/**
 * Issue 11, "Done when": an editor on one instance changes a price in one facet, sees the klarsprog
 * meter and a validation error, tries the question, reviews and publishes; a citizen on the other
 * instance gets the new answer; a rollback restores the old one; the audit log shows both. Through
 * the studio's HTTP API as the page uses it (the page itself is tested in test/studio/*-page tests).
 * Limits are generous for a slow CI runner; how fast the switch is belongs in `npm run bench`.
 */
const SECRET = 'studio-two-instances-secret-0123456789abcdef';
const FILE = encodeURIComponent('intents/pas.bestil.yaml');
const QUESTION = 'hvad koster et pas?';
const NEW_PRICE = 'Et pas til en voksen koster 1.234 kr. i prøveversionen.';

describe('the knowledge studio on two instances sharing Redis', () => {
  let redis: ThrowawayRedis;
  let a: AssistantProcess;
  let b: AssistantProcess;

  beforeAll(async () => {
    redis = await startThrowawayRedis({ appendOnly: true });
    const env = {
      REDIS_URL: redis.url,
      DIRECTLINE_TOKEN_SECRET: SECRET,
      STAFF_ACCOUNTS_FILE: await cheapDemoStaffFile(),
      RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '1000',
    };
    // One after the other: the first seeds version 1 and trains, the second starts on its model.
    a = await startAssistantProcess(env, { timeoutMs: 240_000 });
    b = await startAssistantProcess(env, { timeoutMs: 240_000 });
  }, 500_000);

  afterAll(async () => {
    await Promise.all([ifStarted(a)?.stop(), ifStarted(b)?.stop()]);
    await ifStarted(redis)?.stop();
  }, 60_000);

  it('an editor publishes a new price on one instance, a citizen on the other gets it, and a rollback restores the old one', async () => {
    const editor = await signIn(a.url, 'eva');
    const before = await askOverDirectLine(b.url, QUESTION);
    expect(before).not.toContain(NEW_PRICE);

    const file = await editor.json<{ draft: { revision: number } | null }>('GET', `/files/${FILE}`);
    expect(file.draft).toBeNull();
    // A validation error at its field, then the price, with the klarsprog meter beside it.
    const broken = await editor.json<{
      draft: { revision: number };
      problems: { field?: (string | number)[]; message: string }[];
    }>('PATCH', `/files/${FILE}`, {
      set: [{ field: ['facets', 'cost', 'da'], value: 'Se {{links.findesikke}}.' }],
      revision: 0,
    });
    expect(broken.problems).toEqual([
      expect.objectContaining({
        field: ['facets', 'cost', 'da'],
        message: expect.stringContaining('links.findesikke'),
      }),
    ]);
    const priced = await editor.json<{
      draft: { revision: number };
      problems: unknown[];
      plainLanguage: { field: (string | number)[]; lix: number; band: string }[];
    }>('PATCH', `/files/${FILE}`, {
      set: [{ field: ['facets', 'cost', 'da'], value: NEW_PRICE }],
      revision: broken.draft.revision,
    });
    expect(priced.problems).toEqual([]);
    expect(priced.plainLanguage.find((meter) => meter.field.join('.') === 'facets.cost.da')).toMatchObject({
      lix: expect.any(Number),
      band: expect.stringMatching(/^(let|middel|svaer)$/),
    });

    // The test panel, with the draft trained off the main thread.
    const tried = await until(() =>
      editor.request('POST', '/try', { question: QUESTION, municipality: 'boegely', language: 'da' }),
    );
    const trial = (await tried.json()) as {
      replies: { text: string }[];
      classification: { ranked: { intent: string }[] };
    };
    expect(trial.classification.ranked[0]?.intent).toBe('pas.bestil');
    expect(trial.replies.map((reply) => reply.text).join('\n')).toContain(NEW_PRICE);

    const reviewed = await until(() => editor.request('POST', '/publish/review', {}));
    const review = (await reviewed.json()) as { fingerprint: string; basedOn: number; report: { needsAdmin: boolean } };
    expect(review.report.needsAdmin).toBe(false);
    const published = await editor.json<{ version: { number: number } }>(
      'POST',
      '/publish',
      { comment: 'Ny pris på pas', fingerprint: review.fingerprint, basedOn: review.basedOn },
      201,
    );
    const publishedAt = Date.now();
    const onB = await untilAnswer(b.url, (text) => text.includes(NEW_PRICE));
    process.stdout.write(
      `new price on the other instance ${Date.now() - publishedAt} ms after the publish answered (${onB} tries)\n`,
    );

    await editor.json('POST', `/versions/1/restore`, { basedOn: published.version.number }, 201);
    await untilAnswer(b.url, (text) => !text.includes(NEW_PRICE));

    const { entries } = await editor.json<{ entries: { action: string; actor: string; target: string }[] }>(
      'GET',
      '/audit',
    );
    expect(entries.slice(0, 2).map((entry) => entry.action)).toEqual(['version.restored', 'version.published']);
    expect(entries.every((entry) => entry.actor === 'eva')).toBe(true);
  }, 600_000);
});

/** Asks until the answer on `base` passes `test`; returns how many questions it took. */
async function untilAnswer(base: string, test: (text: string) => boolean): Promise<number> {
  const started = Date.now();
  for (let tries = 1; ; tries++) {
    if (test(await askOverDirectLine(base, QUESTION))) return tries;
    if (Date.now() - started > 60_000) throw new Error('the other instance did not switch within 60 s');
  }
}

/** Repeats a request while it answers 202 (training), up to 5 minutes. */
async function until(request: () => Promise<Response>): Promise<Response> {
  const started = Date.now();
  for (;;) {
    const response = await request();
    if (response.status !== 202) {
      if (response.status !== 200) throw new Error(`${response.status} ${await response.text()}`);
      return response;
    }
    if (Date.now() - started > 300_000) throw new Error('still training after 5 minutes');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function signIn(base: string, username: string) {
  const response = await fetch(`${base}/api/staff/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: `demo-${username}` }),
  });
  if (response.status !== 200) throw new Error(`sign-in: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const request = (method: string, route: string, body?: unknown) =>
    fetch(`${base}/api/studio${route}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    request,
    async json<T>(method: string, route: string, body?: unknown, expected = 200): Promise<T> {
      const answer = await request(method, route, body);
      const text = await answer.text();
      if (answer.status !== expected) throw new Error(`${method} ${route}: ${answer.status} ${text}`);
      return JSON.parse(text) as T;
    },
  };
}
