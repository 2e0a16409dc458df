import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, startAssistantProcess, type AssistantProcess } from '../support/browser';
import { cheapDemoStaffFile } from '../support/cheap-staff-file';
import { ifStarted } from '../support/if-started';
import { knowledgeCopy } from '../support/knowledge-copy';
import { PROJECT_ROOT } from '../support/project-paths';
import { accessibilityViolations, UI_TIMEOUT } from '../support/webchat-page';

const SCREENSHOTS = path.join(PROJECT_ROOT, 'docs', 'studio');

/**
 * "Prøv assistenten" in the knowledge studio against the built server (`npm run build`): the draft
 * is trained (202 with a progress bar) and the answer is shown as the widget shows it, with the
 * classifier's top topics, decision and facet; no axe violations, no sideways scrolling at 1280×800.
 */
describe('trying the draft in the knowledge studio', () => {
  let server: AssistantProcess;
  let browser: Browser;
  let dataDir: string;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'studio-try-'));
    const env = {
      STAFF_ACCOUNTS_FILE: await cheapDemoStaffFile(),
      STUDIO_DATA_DIR: path.join(dataDir, 'studio'),
      KNOWLEDGE_DIR: await knowledgeCopy(dataDir),
    };
    [server, browser] = await Promise.all([startAssistantProcess(env), launchChromium()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'da-DK' });
    page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        errors.push(message.text());
    });
    await page.goto(`${server.url}/studio/#proev`);
    await page.locator('#username').fill('sofie');
    await page.locator('#password').fill('demo-sofie');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.locator('#try-view').waitFor({ state: 'visible' });
  }, 180_000);

  afterAll(async () => {
    await ifStarted(context)?.close();
    await ifStarted(browser)?.close();
    await ifStarted(server)?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('tries a question against the draft', async () => {
    await page.getByLabel('Spørgsmål', { exact: true }).fill('Hvordan bestiller jeg storskrald?');
    await page.getByRole('button', { name: 'Spørg' }).click();
    // The draft is trained first (a progress bar meanwhile); an error would show under the form.
    await page.locator('#try-result .bubble, #try-error:not(:empty)').first().waitFor({ timeout: 180_000 });
    expect(await page.locator('#try-error').innerText()).toBe('');
    expect(await page.locator('#try-result tbody tr').count()).toBeGreaterThan(0);
    // The list of steps after "Sådan gør du:" is a list, as in the widget.
    expect(await page.locator('#try-result .bubble ul li').count()).toBeGreaterThan(0);
    await page.evaluate(() => document.querySelector('#try-result h3')?.scrollIntoView());
    await expectGood(page, 'try');
    expect(errors).toEqual([]);
  }, 240_000);
});

async function expectGood(page: Page, name: string): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
  const widths = await page.evaluate(() => ({
    content: document.documentElement.scrollWidth,
    window: document.documentElement.clientWidth,
  }));
  expect(widths.content).toBeLessThanOrEqual(widths.window);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}
