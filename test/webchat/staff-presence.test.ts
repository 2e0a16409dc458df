import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_STAFF_FILE } from '../../bot/staff/staff-directory';
import { alwaysStaffedKnowledge } from '../support/always-staffed-knowledge';
import { launchChromium, startAssistantProcess, type AssistantProcess } from '../support/browser';
import { ifStarted } from '../support/if-started';
import { StaffClient } from '../support/staff-client';
import { startThrowawayRedis, type ThrowawayRedis } from '../support/throwaway-redis';
import {
  accessibilityViolations,
  openChat,
  openDemoPage,
  suggestedAction,
  UI_TIMEOUT,
  waitForBotMessage,
} from '../support/webchat-page';

const SECRET = 'staff-presence-secret-0123456789abcdef';

/**
 * Presence in two consoles on two instances sharing Redis (issue 14): Anna on A, Bo on B. Bo on a
 * break takes no citizen and does not count on duty, and Anna sees it; back available and left
 * idle, Bo's console sets him away by itself (instance B sets idle agents away after 3 seconds;
 * instance A never does, so Anna stays available while the test works in Bo's console).
 */
describe('staff presence and wrap-up codes in two consoles on two instances', () => {
  let redis: ThrowawayRedis;
  let knowledge: Awaited<ReturnType<typeof alwaysStaffedKnowledge>>;
  let a: AssistantProcess | undefined;
  let b: AssistantProcess | undefined;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [redis, knowledge, browser] = await Promise.all([
      startThrowawayRedis(),
      alwaysStaffedKnowledge(),
      launchChromium(),
    ]);
    const env = {
      REDIS_URL: redis.url,
      DIRECTLINE_TOKEN_SECRET: SECRET,
      STAFF_ACCOUNTS_FILE: DEMO_STAFF_FILE,
      KNOWLEDGE_DIR: knowledge.directory,
    };
    a = await startAssistantProcess({ ...env, STAFF_AWAY_AFTER_MINUTES: '0' }, { timeoutMs: 240_000 });
    b = await startAssistantProcess({ ...env, STAFF_AWAY_AFTER_MINUTES: '0.05' }, { timeoutMs: 240_000 });
  }, 500_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await ifStarted(browser)?.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await ifStarted(redis)?.stop();
    await ifStarted(knowledge)?.remove();
  }, 60_000);

  async function signIn(base: string, username: string): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'da-DK' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/console/`);
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(`demo-${username}`);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.locator('#app').waitFor({ state: 'visible' });
    return { page, errors };
  }

  it('Bo on a break is excluded from claims and the on-duty count, colleagues see it, and idle he goes away by himself', async () => {
    if (!a || !b) throw new Error('servers did not start');
    const anna = await signIn(a.url, 'anna');
    const bo = await signIn(b.url, 'bo');
    // Bo goes on a break at once, by keyboard (his console would set him away after 3 idle seconds).
    const status = bo.page.getByLabel('Status', { exact: true });
    await status.focus();
    await status.selectOption('break');
    await expectText(bo.page.locator('#status'), /Din status er nu: Pause/);
    expect(await bo.page.locator('#next').isDisabled()).toBe(true);
    await expectText(bo.page.locator('#not-available-hint'), /Du tager ikke nye borgere, mens din status er Pause/);

    // Anna, on the other instance, sees it, and counts only herself as available.
    await expectText(anna.page.locator('#colleagues'), /Bo: Pause, 0 samtaler/);
    await expectText(anna.page.locator('#onduty-count'), /^1 ledig medarbejder på vagt$/);
    expect(await accessibilityViolations(anna.page)).toEqual([]);
    expect(await accessibilityViolations(bo.page)).toEqual([]);

    // A citizen asks for a person; Bo cannot take them, Anna can.
    const citizen = (await openDemoPage(browser, a.url)).page;
    await openChat(citizen);
    await waitForBotMessage(citizen, /virtuelle assistent/);
    await suggestedAction(citizen, 'Tal med en medarbejder').click();
    await waitForBotMessage(citizen, /Du er nummer 1 i køen/);
    const boEntry = bo.page.locator('#queue li[data-conversation-id]');
    await boEntry.first().waitFor();
    await boEntry.first().getByRole('button', { name: 'Tag samtalen' }).click();
    await expectText(bo.page.locator('#status'), /Sæt din status til Ledig for at tage en borger/);
    expect(await boEntry.count()).toBe(1);

    const annaEntry = anna.page.locator('#queue li[data-conversation-id]');
    await annaEntry.first().waitFor();
    await annaEntry.first().getByRole('button', { name: 'Tag samtalen' }).click();
    await anna.page.locator('#conversation-heading').waitFor({ state: 'visible' });
    await waitForBotMessage(citizen, /Anna \(medarbejder\) har overtaget samtalen/);
    await expectText(bo.page.locator('#colleagues'), /Anna: Ledig, 1 samtale/);

    // Bo is back, then does nothing: his console sets him away, and Anna sees that too.
    await status.selectOption('available');
    await expectText(bo.page.locator('#status'), /Din status er nu: Ledig/);
    expect(await bo.page.locator('#next').isDisabled()).toBe(false);
    await expectText(anna.page.locator('#colleagues'), /Bo: Ledig/);
    await expectText(
      bo.page.locator('#status'),
      /Din status er sat til Væk, fordi du ikke har været aktiv i 3 sekunder/,
      60_000,
    );
    expect(await status.inputValue()).toBe('away');
    await expectText(anna.page.locator('#colleagues'), /Bo: Væk, 0 samtaler/);

    // Anna ends with a wrap-up code; it reaches the insight figures (a manager reads them on the other instance).
    await anna.page.getByRole('button', { name: 'Afslut samtale' }).click();
    await anna.page.getByLabel('Emne (valgfrit)').selectOption('pas.bestil');
    await anna.page.getByLabel('Resultat (valgfrit)').selectOption('resolved');
    expect(await accessibilityViolations(anna.page)).toEqual([]);
    await anna.page.getByRole('button', { name: 'Ja, afslut' }).click();
    await waitForBotMessage(citizen, /Medarbejderen har afsluttet samtalen/);
    const wrapUps = await managerFigures(b.url);
    expect(wrapUps).toEqual({
      topics: [{ intent: 'pas.bestil', title: 'Bestil pas', count: 1 }],
      outcomes: [{ outcome: 'resolved', count: 1 }],
    });

    // Signed out, Bo is shown as such.
    await bo.page.getByRole('button', { name: 'Log ud' }).click();
    await expectText(anna.page.locator('#colleagues'), /Bo: Logget ud/);
    expect([...anna.errors, ...bo.errors]).toEqual([]);
  }, 600_000);
});

async function expectText(
  locator: ReturnType<Page['locator']>,
  pattern: RegExp,
  timeoutMs = UI_TIMEOUT,
): Promise<void> {
  const started = Date.now();
  for (;;) {
    const text = await locator.innerText().catch(() => '');
    if (pattern.test(text)) return;
    if (Date.now() - started > timeoutMs) throw new Error(`expected ${pattern}, got:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The wrap-up codes of today's figures for the shared queue, as the manager Lene reads them (events are recorded a moment later). */
async function managerFigures(base: string): Promise<unknown> {
  const manager = new StaffClient(base);
  await manager.signIn('lene', 'demo-lene');
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });
  const started = Date.now();
  for (;;) {
    const response = await fetch(`${base}/api/insight/figures?scope=queue:faelles&from=${today}&to=${today}`, {
      headers: { cookie: manager.cookieHeader },
    });
    const figures = (await response.json()) as { wrapUps?: { topics: unknown[] } };
    if (response.status === 200 && (figures.wrapUps?.topics.length ?? 0) > 0) return figures.wrapUps;
    if (Date.now() - started > UI_TIMEOUT) throw new Error(`no wrap-up in the figures: ${JSON.stringify(figures)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
