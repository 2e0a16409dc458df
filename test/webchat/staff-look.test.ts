import type { Browser, Locator, Page } from 'playwright-core';
import { alwaysStaffedKnowledge } from '../support/always-staffed-knowledge';
import { launchChromium, startAssistantProcess, type AssistantProcess } from '../support/browser';
import { cheapDemoStaffFile } from '../support/cheap-staff-file';
import { ifStarted } from '../support/if-started';
import { StaffClient } from '../support/staff-client';
import {
  accessibilityViolations,
  eventually,
  openChat,
  openDemoPage,
  storedConversation,
  suggestedAction,
  waitForBotMessage,
} from '../support/webchat-page';

/**
 * Issue 14: the citizen can always tell a person from the bot. A member of staff's message has its
 * own look (bubble, initials, name and "medarbejder"), a screen reader gets "Anna, medarbejder,
 * skriver: …" and never the bot's "Robotten sagde:", and the header says a person is writing until
 * the person hands the citizen back to the assistant. Danish and English.
 */
describe('a member of staff in the citizen’s widget', () => {
  let knowledge: Awaited<ReturnType<typeof alwaysStaffedKnowledge>>;
  let server: AssistantProcess | undefined;
  let browser: Browser;

  beforeAll(async () => {
    knowledge = await alwaysStaffedKnowledge();
    [server, browser] = await Promise.all([
      startAssistantProcess({
        STAFF_ACCOUNTS_FILE: await cheapDemoStaffFile(),
        KNOWLEDGE_DIR: knowledge.directory,
        RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '1000',
      }),
      launchChromium(),
    ]);
  }, 180_000);

  afterAll(async () => {
    await ifStarted(browser)?.close();
    await server?.stop();
    await ifStarted(knowledge)?.remove();
  }, 30_000);

  it('Danish: looks and reads as Anna, medarbejder, and the header says so until she returns the citizen', async () => {
    if (!server) throw new Error('the server did not start');
    const { page, context, errors } = await openDemoPage(browser, server.url);
    await openChat(page);
    await waitForBotMessage(page, /virtuelle assistent/);
    // Before any person: the bot's messages are read as Web Chat reads them.
    expect(await accessibleMessage(activityWith(page, /virtuelle assistent/))).toMatch(/^Robotten sagde:/);
    const announced = await recordLiveRegion(page);

    await suggestedAction(page, 'Tal med en medarbejder').click();
    await waitForBotMessage(page, /Du er nummer 1 i køen/);
    const anna = await claimedBy(server.url, page);
    await waitForBotMessage(page, /Anna \(medarbejder\) har overtaget samtalen/);

    // The header says a person is writing, visibly and as a status a screen reader announces.
    const person = page.locator('.bsa-header .bsa-person');
    await expectText(person, /^Du skriver med Anna \(medarbejder\)\.$/);
    await person.waitFor({ state: 'visible' });
    expect(await person.getAttribute('role')).toBe('status');
    expect(await page.locator('.bsa-header .bsa-subtitle').isVisible()).toBe(false);
    expect(await page.locator('.bsa-header').ariaSnapshot()).toContain('status: Du skriver med Anna (medarbejder).');

    const text = 'Hej, jeg hedder Anna. Hvad kan jeg hjælpe med?';
    await anna.write(text);
    const activity = activityWith(page, /Hej, jeg hedder Anna/);
    await activity.locator('.bsa-staff-message').waitFor();

    // The staff look, not the bot's bubble.
    expect(await activity.locator('.webchat__bubble').count()).toBe(0);
    expect(await activity.locator('.bsa-staff-bubble').innerText()).toBe(text);
    expect(await activity.locator('.bsa-staff-avatar').innerText()).toBe('A');
    expect(await activity.locator('.bsa-staff-name').innerText()).toBe('Anna (medarbejder)');
    const botBubble = activityWith(page, /Du er nummer 1 i køen/)
      .locator('.webchat__bubble__content')
      .first();
    expect(await backgroundOf(botBubble)).toBe('rgb(242, 242, 242)');
    expect(await backgroundOf(activity.locator('.bsa-staff-bubble'))).toBe('rgb(255, 248, 225)');

    // What a screen reader gets: the accessibility tree of the message, and what the live region said.
    const spoken = await accessibleMessage(activity);
    expect(spoken).toContain(`Anna, medarbejder, skriver: ${text}`);
    expect(spoken).not.toMatch(/Robotten|Bot/);
    const snapshot = await activity.ariaSnapshot();
    expect(snapshot).toContain('Anna, medarbejder, skriver:');
    expect(snapshot).not.toMatch(/Robotten|Bot/);
    const heard = await eventually(announced, (texts) => texts.some((t) => t.includes(text)));
    expect(heard.find((t) => t.includes(text))).toMatch(/^\s*Anna, medarbejder, skriver: Hej, jeg hedder Anna/);
    expect(heard.join('\n')).not.toMatch(/Robotten sagde: Anna/);

    expect(await accessibilityViolations(page)).toEqual([]);

    // Back to the assistant: the header says the assistant again, and the status line says so.
    await anna.giveBack();
    await waitForBotMessage(page, /sendt dig tilbage til mig, assistenten/);
    await expectText(page.locator('.bsa-status'), /Du skriver igen med den virtuelle assistent/);
    await expectText(page.locator('.bsa-header .bsa-subtitle'), /Virtuel assistent \(ikke et menneske\)/);
    expect(await person.innerText()).toBe('');
    expect(await page.locator('.bsa-header').innerText()).not.toContain('Anna');
    // Anna's message keeps its look and its name.
    expect(await accessibleMessage(activity)).toContain('Anna, medarbejder, skriver:');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('English: "Anna, member of staff, writes"', async () => {
    if (!server) throw new Error('the server did not start');
    const { page, context, errors } = await openDemoPage(browser, server.url, { path: '/webchat/demo/en.html' });
    await openChat(page);
    await waitForBotMessage(page, /virtual assistant/);
    await suggestedAction(page, 'Talk to a member of staff').click();
    await waitForBotMessage(page, /You are number 1 in the queue/);
    const anna = await claimedBy(server.url, page);

    const person = page.locator('.bsa-header .bsa-person');
    await expectText(person, /^You are chatting with Anna \(member of staff\)\.$/);

    const text = 'Hello, my name is Anna. How can I help?';
    await anna.write(text);
    const activity = activityWith(page, /Hello, my name is Anna/);
    await activity.locator('.bsa-staff-message').waitFor();
    expect(await activity.locator('.bsa-staff-avatar').innerText()).toBe('A');
    expect(await activity.locator('.bsa-staff-name').innerText()).toBe('Anna (member of staff)');
    const spoken = await accessibleMessage(activity);
    expect(spoken).toContain(`Anna, member of staff, writes: ${text}`);
    expect(spoken).not.toMatch(/Bot|medarbejder/);
    expect(await activity.ariaSnapshot()).toContain('Anna, member of staff, writes:');
    expect(await accessibilityViolations(page)).toEqual([]);

    await anna.giveBack();
    await waitForBotMessage(page, /passed you back to me, the assistant/);
    await expectText(page.locator('.bsa-header .bsa-subtitle'), /Virtual assistant \(not a person\)/);
    expect(await person.innerText()).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});

/**
 * Anna signs in, goes on duty (the console's event stream, without which the desk gives her
 * conversations back to the queue) and claims the page's conversation through the staff API.
 */
async function claimedBy(
  base: string,
  page: Page,
): Promise<{ write: (text: string) => Promise<void>; giveBack: () => Promise<void> }> {
  const conversationId = (await storedConversation(page))?.conversationId;
  if (!conversationId) throw new Error('the page has no conversation');
  const anna = new StaffClient(base);
  await anna.signIn('anna', 'demo-anna');
  const onDuty = new AbortController();
  const events = await fetch(`${base}/api/staff/events`, {
    headers: { cookie: anna.cookieHeader, accept: 'text/event-stream' },
    signal: onDuty.signal,
  });
  if (events.status !== 200 || !events.body) throw new Error(`events: ${events.status}`);
  const reader = events.body.getReader();
  await reader.read(); // the first snapshot: she is on duty
  void drain(reader, onDuty.signal);
  const path = `/conversations/${encodeURIComponent(conversationId)}`;
  expect((await anna.post(`${path}/claim`)).status).toBe(200);
  return {
    write: async (text) => {
      const response = await anna.post(`${path}/messages`, { text });
      expect(`${response.status} ${await response.text()}`).toMatch(/^2/);
    },
    giveBack: async () => {
      const response = await anna.post(`${path}/return`);
      expect(`${response.status} ${await response.text()}`).toMatch(/^2/);
      onDuty.abort();
    },
  };
}

/** Reads the event stream until it is aborted, so the server's heartbeats keep flowing. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, signal: AbortSignal): Promise<void> {
  try {
    while (!(await reader.read()).done);
  } catch (error) {
    // Aborted at the end of the test: that is how the stream stops.
    if (!signal.aborted) throw error;
  }
}

/** The transcript entry (Web Chat's activity row) whose text matches. */
function activityWith(page: Page, pattern: RegExp): Locator {
  return page.locator('.webchat__basic-transcript__activity').filter({ hasText: pattern }).last();
}

/**
 * The accessible name of an activity as the accessibility tree has it: the node a screen reader
 * reads when the citizen moves through the transcript with the arrow keys (Web Chat's
 * aria-activedescendant target, named from hidden text).
 */
async function accessibleMessage(activity: Locator): Promise<string> {
  const snapshot = await activity.ariaSnapshot();
  // The YAML line is `- article "name"`, single-quoted as a whole when the name holds a colon.
  const named = /article "((?:[^"\\]|\\.)+)"/.exec(snapshot);
  if (!named?.[1]) throw new Error(`no named article in:\n${snapshot}`);
  return named[1];
}

/** Records every text Web Chat's live region gets from now on (it fades them out after a while). */
async function recordLiveRegion(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const heard: string[] = [];
    (window as unknown as { heard: string[] }).heard = heard;
    new MutationObserver((mutations) => {
      for (const mutation of mutations)
        for (const node of Array.from(mutation.addedNodes))
          if (node instanceof HTMLElement && node.closest('[aria-live]') && node.textContent)
            heard.push(node.innerText || node.textContent);
    }).observe(document.querySelector('.bsa-webchat') ?? document.body, { childList: true, subtree: true });
  });
  return () => page.evaluate(() => [...(window as unknown as { heard: string[] }).heard]);
}

async function backgroundOf(locator: Locator): Promise<string> {
  return locator.evaluate((element) => getComputedStyle(element).backgroundColor);
}

async function expectText(locator: Locator, pattern: RegExp): Promise<void> {
  const text = await eventually(
    () => locator.innerText(),
    (value) => pattern.test(value),
  );
  expect(text).toMatch(pattern);
}
