import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium, startAssistantProcess, type AssistantProcess } from '../support/browser';
import { cheapDemoStaffFile } from '../support/cheap-staff-file';
import { ifStarted } from '../support/if-started';
import { knowledgeCopy } from '../support/knowledge-copy';
import { PROJECT_ROOT } from '../support/project-paths';
import { accessibilityViolations, eventually, UI_TIMEOUT } from '../support/webchat-page';

/** The README's editor's guide shows these; the test takes them, so they follow the page. */
const SCREENSHOTS = path.join(PROJECT_ROOT, 'docs', 'studio');

const PROFILE = 'municipalities/havbakke.yaml';
const GUIDE = 'guides/aktindsigt.md';
const MONDAY_FROM = 'Åbningstider i Borgerservice mandag, tidsrum 1, fra';
const MONDAY_TO = 'Åbningstider i Borgerservice mandag, tidsrum 1, til';

/**
 * The profile and guide forms of the knowledge studio in Chromium against the built server
 * (`npm run build`), signed in as the editor eva: a field's problem is shown at the field in Danish
 * (aria-invalid, aria-describedby) as the editor types, the change is saved as a draft that keeps
 * the file's comments, and is there after a reload. No axe violations, no sideways scrolling at
 * 1280×800. An editor limited to another municipality sees the profile read-only.
 */
describe('the profile and guide forms of the knowledge studio', () => {
  let server: AssistantProcess;
  let browser: Browser;
  let dataDir: string;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'studio-forms-'));
    const env = {
      STAFF_ACCOUNTS_FILE: await cheapDemoStaffFile(),
      STUDIO_DATA_DIR: path.join(dataDir, 'studio'),
      KNOWLEDGE_DIR: await knowledgeCopy(dataDir),
    };
    [server, browser] = await Promise.all([startAssistantProcess(env), launchChromium()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'da-DK' });
    page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    watchErrors(page, errors);
    await signIn(page, server.url, 'eva', PROFILE);
  }, 180_000);

  afterAll(async () => {
    await ifStarted(context)?.close();
    await ifStarted(browser)?.close();
    await ifStarted(server)?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  afterEach(() => {
    expect(errors).toEqual([]);
  });

  it('changes the phone number and an opening hour, shows a bad value’s problem at the field, and keeps the change', async () => {
    await expectText(page.locator('#editor-heading'), /Rediger kommune: Havbakke Kommune/);
    const phone = page.getByLabel('Telefon', { exact: true });
    expect(await phone.inputValue()).toBe('+45 10 20 30 50');

    // A bad value: the Danish message at the field, tied to it, and the field marked invalid.
    await phone.fill('12ab');
    await expectProblem(page, phone, /Telefon: Skriv et telefonnummer som "\+45 70 00 00 00"\./);
    await phone.fill('+45 11 22 33 44');
    await expectValid(phone);

    // An opening hour: a span that ends before it starts is refused at the span, then fixed.
    const from = page.getByLabel(MONDAY_FROM, { exact: true });
    const to = page.getByLabel(MONDAY_TO, { exact: true });
    expect(await from.inputValue()).toBe('09:00');
    await to.fill('08:00');
    await expectProblem(page, to, /skal ligge før/);
    await to.fill('14:00');
    await from.fill('08:30');
    await expectValid(to);
    await expectText(page.locator('#save-status'), /Gemt som kladde/);
    await expectText(page.locator('#file-problems-list'), /^$/);

    // Havbakke's own text for where bulky waste goes: its meter, and the shared answer beside it.
    const own = page.getByLabel('Del-svar: Hvor, kommunens tekst på dansk', { exact: true });
    await expectText(own.locator('xpath=..').locator('.meter'), /LIX \d+, (let|middel|svær)\./);
    await expectText(own.locator('xpath=../..').locator('.shared-answer'), /Fælles svar på dansk[\s\S]*storskrald/i);
    await page.getByLabel(MONDAY_FROM, { exact: true }).scrollIntoViewIfNeeded();
    await expectGood(page, 'profile');

    // The draft keeps every comment; only the two changed lines differ.
    const text = await fileText(page, PROFILE);
    expect(text).toContain('phone: "+45 11 22 33 44"\n');
    expect(text).toContain('  monday: [{ from: "08:30", to: "14:00" }]\n');
    expect(text).toContain('# Citizen service (Borgerservice) opening hours, local Danish time. [] means closed.\n');

    await page.reload();
    await expectText(page.locator('#editor-heading'), /Rediger kommune: Havbakke Kommune/);
    expect(await page.getByLabel('Telefon', { exact: true }).inputValue()).toBe('+45 11 22 33 44');
    expect(await page.getByLabel(MONDAY_FROM, { exact: true }).inputValue()).toBe('08:30');
  }, 120_000);

  it('adds a closed date and changes the profile as text with "Rediger som tekst"', async () => {
    await page.getByRole('button', { name: 'Tilføj lukkedag' }).click();
    await page.getByLabel('Lukkedag 3', { exact: true }).fill('2027-01-02');
    await eventually(
      () => fileText(page, PROFILE),
      (text) => text.includes('closedDates: ["2026-12-24", "2026-12-31", "2027-01-02"]'),
    );
    await page.getByRole('button', { name: 'Rediger som tekst' }).click();
    const area = page.getByLabel('Filens tekst', { exact: true });
    await area.waitFor();
    expect(await area.inputValue()).toContain('"2027-01-02"');
    await expectGood(page, 'profile-text', false);
    await page.getByRole('button', { name: 'Rediger som formular' }).click();
    await expect(page.getByLabel('Lukkedag 3', { exact: true }).inputValue()).resolves.toBe('2027-01-02');
  }, 60_000);

  it('edits a guide’s title and keywords in its form, with problems at the field', async () => {
    await page.goto(`${server.url}/studio/#fil/${encodeURIComponent(GUIDE)}`);
    await expectText(page.locator('#editor-heading'), /Rediger vejledning:/);
    const title = page.getByLabel('Titel', { exact: true });
    await title.fill('');
    await expectProblem(page, title, /Titel/);
    await title.fill('Aktindsigt: se dine dokumenter');
    await expectValid(title);
    await expectText(page.getByLabel('Tekst', { exact: true }).locator('xpath=..').locator('.meter'), /LIX \d+/);
    await expectGood(page, 'guide');
    const text = await fileText(page, GUIDE);
    expect(text).toContain('title: "Aktindsigt: se dine dokumenter"\n');
  }, 60_000);

  it('shows another municipality’s profile read-only to an editor limited to Havbakke', async () => {
    const madsContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'da-DK' });
    try {
      const madsPage = await madsContext.newPage();
      madsPage.setDefaultTimeout(UI_TIMEOUT);
      watchErrors(madsPage, errors);
      await signIn(madsPage, server.url, 'mads', 'municipalities/boegely.yaml');
      await expectText(madsPage.locator('#editor-heading'), /Læs kommune: Bøgely Kommune/);
      await madsPage.locator('#readonly-note').waitFor({ state: 'visible' });
      const phone = madsPage.getByLabel('Telefon', { exact: true });
      expect(await phone.evaluate((input) => (input as HTMLInputElement).readOnly)).toBe(true);
      expect(await madsPage.getByRole('button', { name: 'Tilføj lukkedag' }).isDisabled()).toBe(true);
      expect(await accessibilityViolations(madsPage)).toEqual([]);
    } finally {
      await madsContext.close();
    }
  }, 60_000);
});

function watchErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // Failed requests (the 401 of the first session check) are the server's answers, not script errors.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
}

async function signIn(page: Page, base: string, username: string, file: string): Promise<void> {
  await page.goto(`${base}/studio/#fil/${encodeURIComponent(file)}`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(`demo-${username}`);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.locator('#editor-view').waitFor({ state: 'visible' });
}

/** The field is marked invalid, and the message is in what describes it. */
async function expectProblem(page: Page, field: Locator, message: RegExp): Promise<void> {
  await eventually(
    () => field.getAttribute('aria-invalid'),
    (value) => value === 'true',
  );
  const described = await field.evaluate((control) =>
    (control.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
  expect(described).toMatch(message);
  expect(await page.locator('#file-problems').isHidden()).toBe(true);
}

async function expectValid(field: Locator): Promise<void> {
  const invalid = await eventually(
    () => field.getAttribute('aria-invalid'),
    (value) => value === null,
  );
  expect(invalid).toBeNull();
}

async function fileText(page: Page, file: string): Promise<string> {
  return page.evaluate(async (path) => {
    const response = await fetch(`/api/studio/files/${encodeURIComponent(path)}`, { credentials: 'same-origin' });
    return ((await response.json()) as { text: string }).text;
  }, file);
}

/** No axe violations, no sideways scrolling at 1280×800, and (when named) a screenshot for the README. */
async function expectGood(page: Page, name: string, screenshot = true): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
  const widths = await page.evaluate(() => ({
    content: document.documentElement.scrollWidth,
    window: document.documentElement.clientWidth,
  }));
  expect(widths.content).toBeLessThanOrEqual(widths.window);
  if (screenshot) await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

async function expectText(locator: Locator, pattern: RegExp): Promise<void> {
  const text = await eventually(
    () => locator.innerText(),
    (value) => pattern.test(value),
  );
  expect(text).toMatch(pattern);
}
