import type { Browser, Page } from 'playwright-core';
import { DEMO_STAFF_FILE } from '../../bot/staff/staff-directory';
import { launchChromium, startAssistantProcess, type AssistantProcess } from '../support/browser';
import { ifStarted } from '../support/if-started';
import { startThrowawayRedis, type ThrowawayRedis } from '../support/throwaway-redis';

/**
 * Microsoft's own client (botframework-directlinejs, as bundled in Web Chat) against our channel
 * while Redis stalls: polling must survive it. A 5xx on GET activities makes that client stop
 * polling for good while it still reports Online, so a citizen would never see another reply.
 */
interface ClientLog {
  texts: string[];
  statuses: number[];
  postFailures: number;
}

declare global {
  interface Window {
    WebChat: { createDirectLine(options: Record<string, unknown>): OfficialDirectLine };
    directLine: OfficialDirectLine;
    clientLog: ClientLog;
  }
}

interface OfficialDirectLine {
  activity$: { subscribe(next: (activity: { type: string; text?: string; from: { role?: string } }) => void): unknown };
  connectionStatus$: { subscribe(next: (status: number) => void): unknown };
  postActivity(activity: Record<string, unknown>): {
    subscribe(next: (id: string) => void, error: (error: unknown) => void): unknown;
  };
}

describe('the official Direct Line client while Redis stalls', () => {
  let redis: ThrowawayRedis;
  let server: AssistantProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    redis = await startThrowawayRedis();
    [server, browser] = await Promise.all([
      startAssistantProcess({
        REDIS_URL: redis.url,
        DIRECTLINE_TOKEN_SECRET: 'official-client-outage-secret-0123456789',
        STAFF_ACCOUNTS_FILE: DEMO_STAFF_FILE,
      }),
      launchChromium(),
    ]);
  }, 180_000);

  afterAll(async () => {
    await ifStarted(browser)?.close();
    await ifStarted(server)?.stop();
    await ifStarted(redis)?.stop();
  });

  const say = (text: string) =>
    page.evaluate(
      (message) =>
        new Promise<void>((resolve) => {
          window.directLine
            .postActivity({ type: 'message', from: { id: 'citizen', role: 'user' }, text: message })
            .subscribe(
              () => resolve(),
              () => {
                window.clientLog.postFailures += 1;
                resolve();
              },
            );
        }),
      text,
    );
  const waitForBotReplies = (count: number) =>
    page.waitForFunction((n) => window.clientLog.texts.length >= n, count, { timeout: 30_000, polling: 100 });

  it('keeps polling through a stall and delivers the replies afterwards', async () => {
    page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.addScriptTag({ url: '/webchat/vendor/webchat-4.18.1.js' });
    const polls: number[] = [];
    page.on('response', (response) => {
      if (/\/activities\?/.test(response.url()) && response.request().method() === 'GET') polls.push(response.status());
    });
    await page.evaluate(async () => {
      const issued = (await (
        await fetch('/api/webchat/token', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"municipality":"boegely"}',
        })
      ).json()) as { token: string };
      window.clientLog = { texts: [], statuses: [], postFailures: 0 };
      window.directLine = window.WebChat.createDirectLine({
        token: issued.token,
        domain: `${location.origin}/v3/directline`,
        webSocket: false,
        pollingInterval: 300,
      });
      window.directLine.connectionStatus$.subscribe((status) => window.clientLog.statuses.push(status));
      window.directLine.activity$.subscribe((activity) => {
        if (activity.type === 'message' && activity.from.role !== 'user')
          window.clientLog.texts.push(activity.text ?? '');
      });
    });
    // The welcome arrives by polling.
    await waitForBotReplies(1);
    const welcomed = await page.evaluate(() => window.clientLog.texts.length);

    redis.pause();
    const pollsBefore = polls.length;
    // Longer than the 2 s command timeout: polls during the stall are answered, not left hanging.
    await page.waitForTimeout(4500);
    redis.resume();
    expect(polls.length).toBeGreaterThan(pollsBefore);
    expect(polls.filter((status) => status >= 500)).toEqual([]);

    await say('Hvordan bestiller jeg et nyt pas?');
    await waitForBotReplies(welcomed + 1);
    const log = await page.evaluate(() => window.clientLog);
    expect(log.texts.length).toBeGreaterThan(welcomed);
    expect(log.postFailures).toBe(0);
    // Online (2) throughout, never FailedToConnect (4) or Ended (5).
    expect(log.statuses).toContain(2);
    expect(log.statuses.filter((status) => status >= 4)).toEqual([]);
  }, 120_000);
});
