import type { Browser, Page } from 'playwright-core';
import { DEMO_STAFF_FILE } from '../../bot/staff/staff-directory';
import { alwaysStaffedKnowledge } from '../support/always-staffed-knowledge';
import { launchChromium, startAssistantProcess, type AssistantProcess } from '../support/browser';
import { ifStarted } from '../support/if-started';
import { startThrowawayRedis, type ThrowawayRedis } from '../support/throwaway-redis';
import {
  accessibilityViolations,
  ask,
  eventually,
  openChat,
  openDemoPage,
  sendBox,
  suggestedAction,
  UI_TIMEOUT,
  waitForBotMessage,
} from '../support/webchat-page';

const SECRET = 'handoff-round-trip-secret-0123456789abcdef';

/**
 * The whole handoff in two browsers on two server processes sharing one Redis: the citizen's widget
 * talks to instance A, the agent's console to instance B.
 */
describe('a citizen and a member of staff, in two browsers on two instances', () => {
  let redis: ThrowawayRedis;
  let knowledge: Awaited<ReturnType<typeof alwaysStaffedKnowledge>>;
  let a: AssistantProcess | undefined;
  let b: AssistantProcess | undefined;
  let browser: Browser;

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
    [a, b] = await Promise.all([startAssistantProcess(env), startAssistantProcess(env)]);
  }, 180_000);

  afterAll(async () => {
    await ifStarted(browser)?.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await ifStarted(redis)?.stop();
    await ifStarted(knowledge)?.remove();
  }, 30_000);

  it('runs request, queue position, claim, messages both ways, end and the satisfaction question', async () => {
    if (!a || !b) throw new Error('servers did not start');
    // The citizen, on A.
    const citizen = (await openDemoPage(browser, a.url)).page;
    await openChat(citizen);
    await waitForBotMessage(citizen, /virtuelle assistent/);
    await suggestedAction(citizen, 'Tal med en medarbejder').click();
    await waitForBotMessage(citizen, /Jeg sætter dig i kø/);
    await waitForBotMessage(citizen, /Du er nummer 1 i køen/);
    const bar = citizen.locator('.bsa-handoff-text');
    await expectText(bar, /Du er nummer 1 i køen/);
    await expectVisible(citizen.getByRole('button', { name: 'Forlad køen' }).first());

    // The agent, on B, signs in with the keyboard alone.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK' });
    const agent = await context.newPage();
    agent.setDefaultTimeout(UI_TIMEOUT);
    await agent.goto(`${b.url}/console/`);
    await agent.locator('#username').focus();
    await agent.keyboard.type('anna');
    await agent.keyboard.press('Tab');
    await agent.keyboard.type('demo-anna');
    await agent.keyboard.press('Enter');
    await agent.locator('#app').waitFor({ state: 'visible' });
    const entry = agent.locator('#queue li[data-conversation-id]');
    await entry.first().waitFor();
    expect(await entry.count()).toBe(1);
    expect(await entry.first().innerText()).toContain('Bøgely Kommune');
    expect(await accessibilityViolations(agent)).toEqual([]);

    // Claim with the keyboard; the transcript so far is there, so the citizen need not repeat anything.
    await entry.first().getByRole('button', { name: 'Tag samtalen' }).focus();
    await agent.keyboard.press('Enter');
    await agent.locator('#conversation-heading').waitFor({ state: 'visible' });
    await expectText(agent.locator('#transcript'), /Tal med en medarbejder/);
    await expectText(agent.locator('#context'), /Borgeren bad om en medarbejder/);

    await waitForBotMessage(citizen, /Anna \(medarbejder\) har overtaget samtalen/);
    // Who the citizen is writing with is in the header now; the queue bar is gone.
    await expectText(citizen.locator('.bsa-header .bsa-person'), /Du skriver med Anna \(medarbejder\)/);
    await expectHidden(citizen.locator('.bsa-handoff'));

    // Messages both ways, with typing shown to the agent.
    await agent.locator('#composer').fill('Hej, jeg hedder Anna. Hvad kan jeg hjælpe med?');
    await agent.getByRole('button', { name: 'Send', exact: true }).click();
    // In the staff look with her name (test/webchat/staff-look.test.ts checks it in detail).
    const message = citizen.locator('.bsa-staff-message').filter({ hasText: 'Hej, jeg hedder Anna' });
    await message.waitFor();
    expect(await message.locator('.bsa-staff-name').innerText()).toBe('Anna (medarbejder)');

    await sendBox(citizen).pressSequentially('Jeg har mistet mit pas');
    await sendBox(citizen).press('Enter');
    await expectText(agent.locator('#transcript li[data-from="citizen"]').last(), /Jeg har mistet mit pas/);
    expect(await accessibilityViolations(agent)).toEqual([]);

    // The agent ends; the assistant thanks the citizen and asks one question, which is answered.
    await agent.getByRole('button', { name: 'Afslut samtale' }).click();
    await agent.getByRole('button', { name: 'Ja, afslut' }).click();
    await waitForBotMessage(citizen, /Medarbejderen har afsluttet samtalen/);
    await waitForBotMessage(citizen, /Fik du den hjælp, du havde brug for\?/);
    await suggestedAction(citizen, 'Ja').click();
    await waitForBotMessage(citizen, /Tak for dit svar/);
    await expectHidden(citizen.locator('.bsa-handoff'));
    expect(await citizen.locator('.bsa-header .bsa-person').innerText()).toBe('');

    // And the assistant answers questions again.
    await ask(citizen, 'hvornår bliver skraldespanden tømt', /tømmedage/);
    await context.close();
  }, 240_000);
});

async function expectText(locator: ReturnType<Page['locator']>, pattern: RegExp): Promise<void> {
  const text = await eventually(
    () => locator.innerText(),
    (value) => pattern.test(value),
  );
  expect(text).toMatch(pattern);
}

async function expectVisible(locator: ReturnType<Page['locator']>): Promise<void> {
  await locator.waitFor({ state: 'visible' });
}

async function expectHidden(locator: ReturnType<Page['locator']>): Promise<void> {
  await locator.waitFor({ state: 'hidden' });
}
