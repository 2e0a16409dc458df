import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';

/** Generous: the Web Chat bundle is 3.9 MB and the bot answers over Direct Line. */
export const UI_TIMEOUT = 60_000;

export interface DemoOptions {
  readonly viewport?: { width: number; height: number };
  /**
   * Which demo page: "/" (Danish, WebSocket), "/webchat/demo/polling.html" (data-websocket="false"),
   * "/webchat/demo/en.html" (an English page), "/webchat/demo/preload.html" (data-preload="idle"). Real pages, not rewritten by the test: Chromium's
   * local-network checks block a WebSocket to 127.0.0.1 from a page fulfilled by page.route().
   */
  readonly path?: string;
}

export interface DemoPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every request the page made, in order. */
  readonly requests: Request[];
  /** URLs of the WebSockets the page opened. */
  readonly webSockets: string[];
  /** Uncaught errors in the page. */
  readonly errors: string[];
}

/** Opens a demo page served by the assistant in a fresh browser context (its own sessionStorage). */
export async function openDemoPage(browser: Browser, serverUrl: string, options: DemoOptions = {}): Promise<DemoPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: 'da-DK',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT);
  const requests: Request[] = [];
  const webSockets: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request));
  page.on('websocket', (socket) => webSockets.push(socket.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${serverUrl}${options.path ?? '/'}`);
  await launcher(page).waitFor();
  return { context, page, requests, webSockets, errors };
}

export function launcher(page: Page): Locator {
  return page.locator('.bsa-launcher');
}

export function panel(page: Page): Locator {
  return page.locator('.bsa-panel');
}

export function sendBox(page: Page): Locator {
  return page.locator('[data-id="webchat-sendbox-input"]');
}

/** The visible suggested-action buttons (not Web Chat's hidden live-region copies). */
export function suggestedActions(page: Page): Locator {
  return page.locator('.webchat__suggested-actions .webchat__suggested-actions__button');
}

export function suggestedAction(page: Page, title: string): Locator {
  return suggestedActions(page).filter({ hasText: title });
}

/** Clicks the launcher and waits until Web Chat's send box is there. */
export async function openChat(page: Page): Promise<void> {
  await launcher(page).click();
  await sendBox(page).waitFor({ state: 'visible' });
}

/** Texts of the bot's messages in the visible transcript, oldest first. */
export function botMessages(page: Page): Promise<string[]> {
  return page
    .locator('.webchat__stacked-layout:not(.webchat__stacked-layout--from-user) .webchat__bubble__content')
    .allInnerTexts();
}

/** Texts of the citizen's messages in the visible transcript, oldest first. */
export function userMessages(page: Page): Promise<string[]> {
  return page.locator('.webchat__bubble--from-user .webchat__bubble__content').allInnerTexts();
}

/** Waits until a bot message after the first `after` ones matches `pattern`; returns all bot messages. */
export async function waitForBotMessage(page: Page, pattern: RegExp, after = 0): Promise<string[]> {
  const started = Date.now();
  for (;;) {
    const messages = await botMessages(page);
    if (messages.slice(after).some((text) => pattern.test(text))) return messages;
    if (Date.now() - started > UI_TIMEOUT) {
      throw new Error(
        `no bot message matching ${pattern} after the first ${after}; bot said:\n${messages.join('\n---\n')}`,
      );
    }
    await page.waitForTimeout(200);
  }
}

/** Types a message into the send box, sends it with Enter, and waits for a bot reply matching `reply`. */
export async function ask(page: Page, text: string, reply: RegExp): Promise<string[]> {
  const before = (await botMessages(page)).length;
  await sendBox(page).fill(text);
  await sendBox(page).press('Enter');
  await page.locator('.webchat__bubble--from-user', { hasText: text }).first().waitFor();
  return waitForBotMessage(page, reply, before);
}

export interface StoredConversation {
  readonly token: string;
  readonly conversationId: string;
  readonly watermark?: string;
  readonly municipality: string;
}

export function storedConversation(page: Page, municipality = 'boegely'): Promise<StoredConversation | null> {
  return page.evaluate((key) => {
    const raw = window.sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as StoredConversation) : null;
  }, `borgerservice-assistent:${municipality}:conversation`);
}

/** Runs axe-core with the WCAG 2.0/2.1 A and AA rules; returns readable violations (empty when clean). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help}\n` +
      violation.nodes
        .map((node) => `    ${node.target.join(' ')}: ${node.failureSummary ?? ''}`.replace(/\n/g, ' '))
        .join('\n'),
  );
}

/** Describes the focused element, e.g. `button "Åbn chat med Bøgely Kommune"`. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return 'body';
    const name = element.getAttribute('aria-label') ?? element.textContent.trim().slice(0, 60);
    return `${element.tagName.toLowerCase()}${element.getAttribute('data-id') ? `[data-id=${element.getAttribute('data-id')}]` : ''} "${name}"`;
  });
}

/** Polls `read` until `check` accepts its value; returns that value, or throws with the last one. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = UI_TIMEOUT,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`gave up waiting; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
