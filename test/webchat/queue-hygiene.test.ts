import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_STAFF_FILE } from '../../bot/staff/staff-directory';
import { alwaysStaffedKnowledge } from '../support/always-staffed-knowledge';
import { launchChromium, startAssistantProcess, type AssistantProcess } from '../support/browser';
import { ifStarted } from '../support/if-started';
import { startThrowawayRedis, type ThrowawayRedis } from '../support/throwaway-redis';
import {
  accessibilityViolations,
  eventually,
  openChat,
  openDemoPage,
  suggestedAction,
  UI_TIMEOUT,
  waitForBotMessage,
  type DemoPage,
} from '../support/webchat-page';

const SECRET = 'queue-hygiene-browser-secret-0123456789abcdef';
/** Short, so the test need not wait two minutes; the sweeper looks every two seconds. */
const GRACE_SECONDS = 3;

/**
 * Issue 14, "Queue hygiene", in Chromium on two instances sharing one Redis: citizens' widgets talk
 * to instance A, the agent's console to instance B. A citizen who closes the page leaves the queue
 * after the grace period, "Start forfra" leaves it at once, and the console says why each time.
 */
describe('queue hygiene on two instances sharing Redis', () => {
  let redis: ThrowawayRedis;
  let knowledge: Awaited<ReturnType<typeof alwaysStaffedKnowledge>>;
  let a: AssistantProcess | undefined;
  let b: AssistantProcess | undefined;
  let browser: Browser;
  let agentContext: BrowserContext;
  let agent: Page;

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
      HANDOFF_CITIZEN_GRACE_SECONDS: String(GRACE_SECONDS),
      RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '1000',
    };
    [a, b] = await Promise.all([startAssistantProcess(env), startAssistantProcess(env)]);
    agentContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK' });
    agent = await agentContext.newPage();
    agent.setDefaultTimeout(UI_TIMEOUT);
    await agent.goto(`${b.url}/console/`);
    await agent.locator('#username').fill('anna');
    await agent.locator('#password').fill('demo-anna');
    await agent.getByRole('button', { name: 'Log ind' }).click();
    await agent.locator('#app').waitFor({ state: 'visible' });
  }, 180_000);

  afterAll(async () => {
    await ifStarted(agentContext)?.close();
    await ifStarted(browser)?.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await ifStarted(redis)?.stop();
    await ifStarted(knowledge)?.remove();
  }, 30_000);

  /** A citizen on instance A who asks for a person and waits. */
  async function queuedCitizen(): Promise<DemoPage> {
    if (!a) throw new Error('servers did not start');
    const citizen = await openDemoPage(browser, a.url);
    await openChat(citizen.page);
    await waitForBotMessage(citizen.page, /virtuelle assistent/);
    await suggestedAction(citizen.page, 'Tal med en medarbejder').click();
    await waitForBotMessage(citizen.page, /Du er nummer \d+ i køen/);
    return citizen;
  }

  const queueEntries = () => agent.locator('#queue li[data-conversation-id]');
  const leftEntries = () => agent.locator('#queue-left li');

  it('a citizen who closes the page leaves the queue after the grace period, and the console says why', async () => {
    const citizen = await queuedCitizen();
    await eventually(
      () => queueEntries().count(),
      (n) => n === 1,
    );
    // Past the grace period with the page open (its WebSocket idle): still waiting.
    await agent.waitForTimeout(GRACE_SECONDS * 1000 + 3000);
    expect(await queueEntries().count()).toBe(1);

    await citizen.context.close();
    await eventually(
      () => queueEntries().count(),
      (n) => n === 0,
    );
    await expectText(leftEntries().first(), /Borgeren forlod køen \(lukkede chatten\)/);
    await expectText(leftEntries().first(), /Bøgely Kommune · ventede/);
    await expectText(agent.locator('#status'), /Borgeren fra Bøgely Kommune forlod køen \(lukkede chatten\)\./);
    await expectText(agent.locator('#left-heading'), /Har forladt køen/);
    expect(await accessibilityViolations(agent)).toEqual([]);
  }, 180_000);

  it('"Start forfra" while queued takes the old conversation out of the queue at once', async () => {
    const citizen = await queuedCitizen();
    await eventually(
      () => queueEntries().count(),
      (n) => n === 1,
    );
    await citizen.page.getByRole('button', { name: 'Start forfra' }).click();
    await waitForBotMessage(citizen.page, /virtuelle assistent/);
    await eventually(
      () => queueEntries().count(),
      (n) => n === 0,
    );
    // Left because of "Start forfra", not because the old conversation went quiet.
    await expectText(leftEntries().first(), /Borgeren forlod køen \(startede forfra\)/);
    expect(await leftEntries().filter({ hasText: 'startede forfra' }).count()).toBe(1);
    // The citizen's new conversation is not in the queue.
    expect(await citizen.page.locator('.bsa-handoff').isHidden()).toBe(true);
    await citizen.context.close();
  }, 180_000);

  it('the agent is told when the citizen they hold closes the chat, and the conversation ends for them when the citizen starts over', async () => {
    // Closes the page while with the agent: the agent is told, and keeps the conversation.
    const closing = await queuedCitizen();
    await claimFirst();
    await closing.context.close();
    await expectText(agent.locator('#transcript'), /Borgeren har lukket chatten\. Du kan afslutte samtalen\./);
    expect(await agent.locator('#conversation-heading').isVisible()).toBe(true);
    await agent.getByRole('button', { name: 'Afslut samtale' }).click();
    await agent.getByRole('button', { name: 'Ja, afslut' }).click();
    await agent.locator('#conversation-heading').waitFor({ state: 'hidden' });

    // Presses "Start forfra" while with the agent: the conversation ends in the console, with why.
    const restarting = await queuedCitizen();
    await claimFirst();
    await waitForBotMessage(restarting.page, /Anna \(medarbejder\) har overtaget samtalen/);
    await restarting.page.getByRole('button', { name: 'Start forfra' }).click();
    await expectText(agent.locator('#no-conversation-reason'), /Borgeren har forladt samtalen/);
    await eventually(
      () => agent.locator('#mine li').count(),
      (n) => n === 0,
    );
    expect(await accessibilityViolations(agent)).toEqual([]);
    await restarting.context.close();
  }, 180_000);

  async function claimFirst(): Promise<void> {
    await queueEntries().first().waitFor();
    await queueEntries().first().getByRole('button', { name: 'Tag samtalen' }).click();
    await agent.locator('#conversation-heading').waitFor({ state: 'visible' });
  }
});

async function expectText(locator: ReturnType<Page['locator']>, pattern: RegExp): Promise<void> {
  const text = await eventually(
    () => locator.innerText(),
    (value) => pattern.test(value),
  );
  expect(text).toMatch(pattern);
}
