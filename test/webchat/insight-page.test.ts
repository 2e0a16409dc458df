import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { launchChromium, startAssistantProcess, type AssistantProcess } from '../support/browser';
import { cheapDemoStaffFile } from '../support/cheap-staff-file';
import { ifStarted } from '../support/if-started';
import { fixtureFigures } from '../support/insight-figures-fixture';
import { expectAccessibleAndFitting, tableCells } from '../support/insight-page';
import { eventually, UI_TIMEOUT } from '../support/webchat-page';

const SCOPES = [
  { id: 'municipality:havbakke', kind: 'municipality', label: 'Havbakke Kommune' },
  { id: 'municipality:boegely', kind: 'municipality', label: 'Bøgely Kommune' },
  { id: 'queue:faelles', kind: 'queue', label: 'Fælles kø: Bøgely, Havbakke' },
];

/**
 * The insight page's own modules against issue 12's contract, with the API's answers made up
 * (fixtureFigures) and the real server for the page, its files and the staff sign-in: every table
 * shows the figures' numbers in Danish format, each CSV link names its table and period, the
 * presets ask for the right days, a bad custom range is refused in Danish, and the views pass axe
 * at 1280×800 without sideways scrolling. test/webchat/insight.test.ts runs the page against the
 * real figures.
 */
describe('the insight page against the contract', () => {
  let server: AssistantProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const asked: URL[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startAssistantProcess({ STAFF_ACCOUNTS_FILE: await cheapDemoStaffFile() }),
      launchChromium(),
    ]);
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'da-DK' });
    page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        errors.push(message.text());
    });
    await page.route('**/api/insight/**', async (route: Route) => {
      const url = new URL(route.request().url());
      asked.push(url);
      if (url.pathname === '/api/insight/scopes') await route.fulfill({ json: { scopes: SCOPES } });
      else if (url.pathname === '/api/insight/figures') {
        const [scope, from, to] = ['scope', 'from', 'to'].map((name) => url.searchParams.get(name) ?? '');
        await route.fulfill({ json: fixtureFigures(scope ?? '', from ?? '', to ?? '') });
      } else await route.fulfill({ status: 404, json: { error: 'not_found', message: 'Ukendt.' } });
    });
  }, 180_000);

  afterAll(async () => {
    await ifStarted(context)?.close();
    await ifStarted(browser)?.close();
    await ifStarted(server)?.stop();
  });

  afterEach(() => {
    expect(errors).toEqual([]);
  });

  it('shows last month for the first scope after signing in, each table with the figures in Danish', async () => {
    await page.goto(`${server.url}/insight/`);
    await page.getByLabel('Brugernavn').fill('sofie');
    await page.getByLabel('Adgangskode').fill('demo-sofie');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.locator('#per-day-data').waitFor({ state: 'attached' });

    const figuresAsked = asked.filter((url) => url.pathname === '/api/insight/figures');
    const last = figuresAsked[figuresAsked.length - 1];
    expect(last?.searchParams.get('scope')).toBe('municipality:havbakke');
    const from = last?.searchParams.get('from') ?? '';
    const to = last?.searchParams.get('to') ?? '';
    expect(from).toMatch(/^\d{4}-\d{2}-01$/);
    expect(to.slice(0, 7)).toBe(from.slice(0, 7));
    const figures = fixtureFigures('municipality:havbakke', from, to);

    // The table alternative has every day's numbers, da-DK grouped ("1.007").
    const rows = await tableCells(page, '#per-day-data');
    expect(rows).toEqual(
      figures.perDay.map((day) => [day.conversations, day.messages].map((n) => n.toLocaleString('da-DK'))),
    );
    // 168 hours in a 24 × 7 table.
    expect(await page.locator('#per-hour-data tbody tr').count()).toBe(24);
    expect(await page.locator('#per-hour-data tbody tr').first().locator('td').count()).toBe(7);
    await expect(page.locator('[data-figure="containment"] .value').innerText()).resolves.toMatch(/^\d{1,2},\d\s%$/);
    await expect(page.locator('[data-figure="queue-wait"] .value').innerText()).resolves.toBe('1 min. 35 sek.');
    // Every chart is drawn, with a name saying what it shows.
    for (const id of ['per-day', 'per-hour', 'decisions', 'handoff-reasons', 'top-intents', 'top-facets'])
      await expect(page.locator(`#${id}-chart`).getAttribute('aria-label')).resolves.toMatch(/^Diagram: /);
    // The weak topics link to the studio.
    await expect(page.locator('#weak-intents-data a').getAttribute('href')).resolves.toBe(
      '/studio/#/intents/affald.storskrald',
    );
    // The agents' wrap-up codes, in Danish.
    await expect(page.locator('#wrap-ups-data').innerText()).resolves.toMatch(/Emne: Bestil pas[\s\S]*Resultat: Løst/);
    // Each CSV link names its table and the period.
    const csv = new URL((await page.locator('#top-intents-csv').getAttribute('href')) ?? '', server.url);
    expect(csv.pathname).toBe('/api/insight/figures.csv');
    expect(Object.fromEntries(csv.searchParams)).toEqual({
      scope: 'municipality:havbakke',
      from,
      to,
      table: 'topIntents',
    });
    await expectAccessibleAndFitting(page);
    for (const summary of await page.locator('summary').all()) await summary.click();
    await expectAccessibleAndFitting(page);
  }, 120_000);

  it('asks for a preset’s days and refuses a custom range backwards, in Danish', async () => {
    await page.getByLabel('Periode', { exact: true }).selectOption({ label: 'Seneste 30 dage' });
    const asked30 = await eventually(
      async () => asked[asked.length - 1],
      (url) => url !== undefined && url.searchParams.get('from') !== asked[0]?.searchParams.get('from'),
    );
    const span =
      (Date.parse(asked30?.searchParams.get('to') ?? '') - Date.parse(asked30?.searchParams.get('from') ?? '')) /
      86_400_000;
    expect(span).toBe(29);
    // The pool is a scope too; the effect report is only offered for a municipality and a month.
    await page.getByLabel('Område', { exact: true }).selectOption('queue:faelles');
    await eventually(
      () => page.locator('#report-links').innerText(),
      (text) => /én kommune og én måned/.test(text),
    );
    await page.getByLabel('Periode', { exact: true }).selectOption({ label: 'Vælg datoer …' });
    await page.getByLabel('Fra og med').fill('2026-05-10');
    await page.getByLabel('Til og med').fill('2026-05-01');
    await page.getByRole('button', { name: 'Vis tal' }).click();
    await expect(page.locator('#choice-error').innerText()).resolves.toMatch(/fra-datoen først/);
    await page.getByLabel('Til og med').fill('2026-05-31');
    await page.getByRole('button', { name: 'Vis tal' }).click();
    await eventually(
      async () => asked[asked.length - 1]?.search ?? '',
      (search) => search.includes('from=2026-05-01') || search.includes('from=2026-05-10'),
    );
    expect(page.url()).toContain('#omraade=queue%3Afaelles&fra=2026-05-10&til=2026-05-31');
    await expectAccessibleAndFitting(page);
  }, 60_000);
});
