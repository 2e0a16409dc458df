import type { Browser, Page } from 'playwright-core';
import { DirectLineTokens } from '../../bot/directline/directline-tokens';
import { launchChromium, startAssistantProcess, type AssistantProcess } from '../support/browser';
import { ifStarted } from '../support/if-started';

/**
 * Microsoft's own Direct Line client (botframework-directlinejs, as bundled in Web Chat) against our
 * channel's error answers: an expired token must become the client's ExpiredToken status (so the
 * page can reconnect with a fresh one) rather than end the conversation; a rate-limited post must
 * fail visibly, never resolve as if it were sent; the start locale must choose the welcome's language.
 */
interface ClientLog {
  texts: string[];
  statuses: number[];
}

interface PostOutcome {
  readonly id?: string;
  readonly status?: number;
}

/** The page's globals: Web Chat's bundle, and what the test keeps there. */
interface TestWindow {
  WebChat: { createDirectLine(options: Record<string, unknown>): OfficialDirectLine };
  directLine: OfficialDirectLine;
  clientLog: ClientLog;
}

interface OfficialDirectLine {
  token: string;
  conversationId: string;
  activity$: { subscribe(next: (activity: { type: string; text?: string; from: { role?: string } }) => void): unknown };
  connectionStatus$: { subscribe(next: (status: number) => void): unknown };
  postActivity(activity: Record<string, unknown>): {
    subscribe(next: (id: string) => void, error: (error: { status?: number }) => void): unknown;
  };
  reconnect(conversation: { token: string; streamUrl?: string }): void;
}

const SECRET = 'official-client-errors-secret-0123456789abcdef';
const EXPIRED_TOKEN = 3;
const ONLINE = 2;

describe('the official Direct Line client and our error answers', () => {
  let server: AssistantProcess;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startAssistantProcess({
        DIRECTLINE_TOKEN_SECRET: SECRET,
        // Six a minute, bursts of two: a third quick message is over the allowance.
        RATE_LIMIT_MESSAGES_PER_MINUTE: '6',
        RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '1000',
      }),
      launchChromium(),
    ]);
  }, 180_000);

  afterAll(async () => {
    await ifStarted(browser)?.close();
    await ifStarted(server)?.stop();
  });

  /** A page with Web Chat's bundle and an official client on a fresh conversation (polling). */
  async function connect(options: { startLocale?: string } = {}): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.addScriptTag({ url: '/webchat/vendor/webchat-4.18.1.js' });
    await page.evaluate(async (startLocale) => {
      const issued = (await (
        await fetch('/api/webchat/token', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"municipality":"boegely"}',
        })
      ).json()) as { token: string };
      const globals = window as unknown as TestWindow;
      globals.clientLog = { texts: [], statuses: [] };
      globals.directLine = globals.WebChat.createDirectLine({
        token: issued.token,
        domain: `${location.origin}/v3/directline`,
        webSocket: false,
        pollingInterval: 300,
        ...(startLocale ? { conversationStartProperties: { locale: startLocale } } : {}),
      });
      globals.directLine.connectionStatus$.subscribe((status) => globals.clientLog.statuses.push(status));
      globals.directLine.activity$.subscribe((activity) => {
        if (activity.type === 'message' && activity.from.role !== 'user')
          globals.clientLog.texts.push(activity.text ?? '');
      });
    }, options.startLocale);
    await waitForReplies(page, 1);
    return page;
  }

  const waitForReplies = (page: Page, count: number) =>
    page.waitForFunction((n) => (window as unknown as TestWindow).clientLog.texts.length >= n, count, {
      timeout: 60_000,
      polling: 100,
    });
  const replyCount = (page: Page) => page.evaluate(() => (window as unknown as TestWindow).clientLog.texts.length);

  const post = (page: Page, text: string) =>
    page.evaluate(
      (message) =>
        new Promise<PostOutcome>((resolve) => {
          (window as unknown as TestWindow).directLine
            .postActivity({ type: 'message', from: { id: 'citizen', role: 'user' }, text: message })
            .subscribe(
              (id) => resolve({ id }),
              (error) => resolve({ status: error.status ?? -1 }),
            );
        }),
      text,
    );

  const tokenFor = (conversationId: string, ttlSeconds: number) =>
    new DirectLineTokens(SECRET, ttlSeconds).issue({ conversationId, municipalityId: 'boegely', origin: '' });

  it('turns an expired token into ExpiredToken, not an ended conversation, and polls on after a reconnect', async () => {
    const page = await connect();
    const conversationId = await page.evaluate(() => (window as unknown as TestWindow).directLine.conversationId);
    // The token runs out while the citizen is away (a laptop asleep longer than its lifetime).
    await page.evaluate(
      (token) => {
        (window as unknown as TestWindow).directLine.token = token;
      },
      tokenFor(conversationId, -60),
    );
    await page.waitForFunction(
      (expired) => (window as unknown as TestWindow).clientLog.statuses.includes(expired),
      EXPIRED_TOKEN,
      { timeout: 15_000 },
    );
    // The page gets a fresh token for the same conversation and hands it over, as Web Chat hosts do.
    await page.evaluate(
      (token) => (window as unknown as TestWindow).directLine.reconnect({ token }),
      tokenFor(conversationId, 1800),
    );
    const replies = await replyCount(page);
    const outcome = await post(page, 'Hvordan bestiller jeg et nyt pas?');
    expect(outcome.id).toMatch(new RegExp(`^${conversationId}\\|`));
    await waitForReplies(page, replies + 1);
    const statuses = await page.evaluate(() => (window as unknown as TestWindow).clientLog.statuses);
    // Online again after ExpiredToken; never FailedToConnect (4) or Ended (5).
    expect(statuses.slice(statuses.indexOf(EXPIRED_TOKEN))).toContain(ONLINE);
    expect(statuses.filter((status) => status >= 4)).toEqual([]);
    await page.close();
  }, 120_000);

  it('stores and answers quick messages over the allowance a little later, none resolved as a silent "retry"', async () => {
    const page = await connect();
    const before = await replyCount(page);
    const outcomes: PostOutcome[] = [];
    // Four in a row where the allowance takes two: the client would drop a 429 as "retry".
    for (const text of ['nyt pas', 'pas til barn', 'pas pris', 'pas hvor lang tid'])
      outcomes.push(await post(page, text));
    expect(outcomes.every((outcome) => /\|/.test(outcome.id ?? ''))).toBe(true);
    // Every one answered: the two over the allowance within the ten-second pause each.
    await waitForReplies(page, before + 4);
    await page.close();
  }, 120_000);

  it('welcomes in the language of conversationStartProperties.locale', async () => {
    const page = await connect({ startLocale: 'en-GB' });
    const [welcome] = await page.evaluate(() => (window as unknown as TestWindow).clientLog.texts);
    expect(welcome).toMatch(/virtual assistant/);
    await page.close();
  }, 120_000);
});
