import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, startAssistantProcess, type AssistantProcess } from '../support/browser';
import { cheapDemoStaffFile } from '../support/cheap-staff-file';
import { askOverDirectLine } from '../support/direct-line-question';
import { ifStarted } from '../support/if-started';
import { expectAccessibleAndFitting, tableCells } from '../support/insight-page';
import { PROJECT_ROOT } from '../support/project-paths';
import { eventually, focused, UI_TIMEOUT } from '../support/webchat-page';

/** The README's Insight section shows these; the test takes them, so they follow the page. */
const SCREENSHOTS = path.join(PROJECT_ROOT, 'docs', 'insight');

const SCOPE = 'municipality:boegely';

interface Figures {
  from: string;
  to: string;
  totals: { conversations: number; messages: number; fallbacks: number };
  perDay: { date: string; conversations: number; messages: number }[];
}

/**
 * Indsigt (/insight/) in Chromium against the built server (`npm run build`), after citizens of
 * Bøgely asked through the real Direct Line API: the manager lene signs in with the keyboard,
 * picks Bøgely and this month, sees the charts, opens a table alternative whose numbers are the
 * API's, downloads a CSV and opens the effect report; the agent anna is refused in Danish. Every
 * view has no axe violations and fits 1280×800 without sideways scrolling.
 */
describe('Indsigt in a browser', () => {
  let server: AssistantProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startAssistantProcess({
        STAFF_ACCOUNTS_FILE: await cheapDemoStaffFile(),
        RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '1000',
      }),
      launchChromium(),
    ]);
    await mkdir(SCREENSHOTS, { recursive: true });
    // Citizens ask: one answer, one the assistant cannot answer, one more answer.
    for (const question of ['hvad koster et pas', 'må min hund bade i søen ved rådhuset', 'hvornår hentes storskrald'])
      await askOverDirectLine(server.url, question);
    context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'da-DK',
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      // Failed requests (the 401 of the first session check, the agent's 403) are answers, not script errors.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        errors.push(message.text());
    });
  }, 240_000);

  afterAll(async () => {
    await ifStarted(context)?.close();
    await ifStarted(browser)?.close();
    await ifStarted(server)?.stop();
  });

  afterEach(() => {
    expect(errors).toEqual([]);
  });

  it('refuses an agent with a clear Danish message', async () => {
    await page.goto(`${server.url}/insight/`);
    await page.locator('#signin-view').waitFor({ state: 'visible' });
    await page.getByLabel('Brugernavn').fill('anna');
    await page.getByLabel('Adgangskode').fill('demo-anna');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await expectText(page.locator('#signin-error'), /Din konto har ikke adgang til Indsigt/);
    expect(await page.locator('#app').isHidden()).toBe(true);
    await expectAccessibleAndFitting(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'refused.png') });
  }, 60_000);

  it('lets a manager pick Bøgely and this month, with the keyboard, and shows the API’s figures', async () => {
    await page.goto(`${server.url}/insight/`);
    await page.locator('#signin-view').waitFor({ state: 'visible' });
    expect(await focused(page)).toMatch(/^input/);
    await page.keyboard.type('lene');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo-lene');
    await page.keyboard.press('Enter');
    await page.locator('#app').waitFor({ state: 'visible' });

    // The API counts the seeded conversations (recorded in the background).
    const month = await page.evaluate(() =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit' }).format(
        new Date(),
      ),
    );
    const [year = '', monthNumber = ''] = month.split('-');
    const lastDay = new Date(Date.UTC(Number(year), Number(monthNumber), 0)).toISOString().slice(0, 10);
    const query = `scope=${encodeURIComponent(SCOPE)}&from=${year}-${monthNumber}-01&to=${lastDay}`;
    const figures = await eventually(
      () =>
        page.evaluate(
          async (q) =>
            (await (await fetch(`/api/insight/figures?${q}`, { credentials: 'same-origin' })).json()) as Figures,
          query,
        ),
      (f) => f.totals.conversations >= 3,
    );
    expect(figures.totals.messages).toBeGreaterThanOrEqual(3);

    // Område and Periode, by keyboard: focus each select and choose with the keys.
    await page.getByLabel('Område', { exact: true }).focus();
    await page.getByLabel('Område', { exact: true }).selectOption(SCOPE);
    await page.getByLabel('Periode', { exact: true }).focus();
    await page.getByLabel('Periode', { exact: true }).selectOption(`maaned-${year}-${monthNumber}`);
    await expectText(page.locator('#figures-heading'), /^Bøgely Kommune, 1\. /);
    await page.locator('#per-day-data').waitFor({ state: 'attached' });
    await expectText(
      page.locator('[data-figure="conversations"] .value'),
      new RegExp(`^${figures.totals.conversations}$`),
    );

    // The charts are drawn on their canvases.
    for (const id of ['per-day', 'per-hour', 'decisions', 'top-intents']) {
      const drawn = await page.locator(`#${id}-chart`).evaluate((canvas) => (canvas as HTMLCanvasElement).width > 0);
      expect(drawn).toBe(true);
    }
    await expectAccessibleAndFitting(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard.png') });

    // The table alternative, opened with the keyboard, has the API's numbers for each day.
    const summary = page.locator('#per-day-section summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    await page.locator('#per-day-data').waitFor({ state: 'visible' });
    const rows = await tableCells(page, '#per-day-data');
    expect(rows).toEqual(figures.perDay.map((day) => [String(day.conversations), String(day.messages)]));
    await expectAccessibleAndFitting(page);

    // "Hent CSV" downloads that table from the API.
    const download = page.waitForEvent('download');
    await page.locator('#per-day-csv').click();
    const file = await (await download).path();
    const csv = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(figures.perDay.length + 1);
    const today = figures.perDay.find((day) => day.conversations > 0);
    expect(
      lines.some((line) => today && line.startsWith(today.date) && line.includes(String(today.conversations))),
    ).toBe(true);

    // The effect report for the month, and its CSV link.
    await page.getByRole('link', { name: /^Effektrapport for / }).click();
    await expectText(page.locator('#report-heading'), /^Effektrapport: Bøgely Kommune, /);
    await page.locator('#measures tbody tr').first().waitFor();
    await expectText(page.locator('#measures'), new RegExp(`Samtaler\\s+${figures.totals.conversations}`));
    expect(await page.locator('#report-csv').getAttribute('href')).toBe(
      `/api/insight/report.csv?scope=${encodeURIComponent(SCOPE)}&month=${month}`,
    );
    await expectAccessibleAndFitting(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report.png') });
  }, 180_000);
});

async function expectText(locator: ReturnType<Page['locator']>, pattern: RegExp): Promise<void> {
  const text = await eventually(
    () => locator.innerText(),
    (value) => pattern.test(value),
  );
  expect(text).toMatch(pattern);
}
