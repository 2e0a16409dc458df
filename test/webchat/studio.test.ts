import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, startAssistantProcess, type AssistantProcess } from '../support/browser';
import { cheapDemoStaffFile } from '../support/cheap-staff-file';
import { ifStarted } from '../support/if-started';
import { knowledgeCopy } from '../support/knowledge-copy';
import { PROJECT_ROOT } from '../support/project-paths';
import { accessibilityViolations, eventually, focused, UI_TIMEOUT } from '../support/webchat-page';

/** The README's editor's guide shows these; the test takes them, so they follow the page. */
const SCREENSHOTS = path.join(PROJECT_ROOT, 'docs', 'studio');

/** The topic the test edits: a shipped intent with placeholders in its answers. */
const TOPIC = { path: 'intents/affald.storskrald.yaml', title: 'Storskrald og haveaffald' };

/**
 * The knowledge studio (/studio/) in Chromium against the built server (`npm run build`), signed in as
 * the demo admin: each view has no axe violations (WCAG 2.1 A and AA), fits 1280×800 without
 * sideways scrolling, and runs without script errors under the page's CSP; signing in, finding a
 * topic, changing its answer and seeing it saved needs the keyboard only.
 */
describe('the knowledge studio in a browser', () => {
  let server: AssistantProcess;
  let browser: Browser;
  let dataDir: string;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'studio-browser-'));
    const env = {
      STAFF_ACCOUNTS_FILE: await cheapDemoStaffFile(),
      STUDIO_DATA_DIR: path.join(dataDir, 'studio'),
      // Publishing writes the knowledge folder: a copy, never the repository's own.
      KNOWLEDGE_DIR: await knowledgeCopy(dataDir),
      RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '1000',
    };
    [server, browser] = await Promise.all([startAssistantProcess(env), launchChromium()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'da-DK' });
    page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      // Failed requests (the 401 of the first session check) are the server's answers, not script errors.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        errors.push(message.text());
    });
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

  it('signs in, finds a topic, changes its answer and shows it saved, with the keyboard only', async () => {
    await page.goto(`${server.url}/studio/`);
    await page.locator('#signin-view').waitFor({ state: 'visible' });
    await expectGood(page, 'signin');
    // The sign-in form takes focus on its own.
    expect(await focused(page)).toMatch(/^input/);
    await page.keyboard.type('sofie');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo-sofie');
    await page.keyboard.press('Enter');
    await page.locator('#overview-table tbody tr').first().waitFor();
    await expectGood(page, 'overview');

    // Search narrows the list; the topic's link opens it.
    await tabTo(page, (name) => name === 'input ""');
    await page.keyboard.type('storskrald');
    await expectText(page.locator('#overview-count'), /Viser \d+ af \d+ filer/);
    await tabTo(page, (name) => name === `a "${TOPIC.title}"`);
    await page.keyboard.press('Enter');
    await expectText(page.locator('#editor-heading'), new RegExp(`Rediger emne: ${TOPIC.title}`));
    const answer = page.getByLabel('Svar på dansk', { exact: true });
    await answer.waitFor();
    // The topic's held-out check sentences are listed and edited like its training sentences.
    expect(await page.getByLabel('Kontrolsætning på dansk', { exact: true }).count()).toBeGreaterThan(0);
    await page.getByLabel('Ny kontrolsætning på dansk', { exact: true }).waitFor();
    expect(await page.locator('#preview-municipality').inputValue()).toBe('boegely');

    await tabTo(
      page,
      async () => (await page.evaluate(() => document.activeElement?.id)) === (await answer.getAttribute('id')),
    );
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Ring på {{municipality.phone}}.');
    await expectText(page.locator('#save-status'), /Gemt som kladde/);
    // The placeholder is shown filled in for the chosen municipality.
    await expectText(answer.locator('xpath=..').locator('.preview'), /Ring på \+45 10 20 30 40\./);
    // The plain-language meter of the answer.
    await expectText(
      answer.locator('xpath=..').locator('.meter'),
      /LIX \d+, (let|middel|svær)\. Længste sætning: \d+ ord\./,
    );
    // The picture for the README shows the end of the answer, its meter and its preview.
    await answer.locator('xpath=..').locator('.preview').scrollIntoViewIfNeeded();
    await expectGood(page, 'editor');

    // The draft is on the server, with the rest of the file kept.
    const saved = await page.evaluate(async (file) => {
      const response = await fetch(`/api/studio/files/${encodeURIComponent(file)}`, { credentials: 'same-origin' });
      return (await response.json()) as { text: string; draft: { revision: number } | null };
    }, TOPIC.path);
    expect(saved.text).toContain('Ring på {{municipality.phone}}.');
    expect(saved.text).toContain('Hvordan bestiller jeg afhentning af storskrald?');
    expect(saved.draft?.revision).toBeGreaterThan(0);

    // Havbakke has its own text for where bulky waste goes: said above the form and in the preview.
    await expectText(page.locator('#overrides-note'), /Havbakke Kommune \(Hvor\)/);
    await page.locator('#preview-municipality').selectOption('havbakke');
    const where = page.getByLabel('Del-svar: Hvor på dansk', { exact: true });
    await expectText(where.locator('xpath=..').locator('.preview'), /Havbakke Kommune har sin egen tekst her/);
  }, 120_000);

  it('shows a colleague’s save as a conflict instead of overwriting it', async () => {
    const answer = page.getByLabel('Svar på engelsk', { exact: true });
    const before = await page.evaluate(async (file) => {
      const response = await fetch(`/api/studio/files/${encodeURIComponent(file)}`, { credentials: 'same-origin' });
      return ((await response.json()) as { draft: { revision: number } }).draft.revision;
    }, TOPIC.path);
    // A colleague saves the same file meanwhile (the same API the page uses, on the draft's revision).
    await page.evaluate(
      async ({ file, revision }) => {
        const csrf = await (await fetch('/api/studio/overview', { credentials: 'same-origin' })).json();
        await fetch(`/api/studio/files/${encodeURIComponent(file)}`, {
          method: 'PATCH',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': (csrf as { csrfToken: string }).csrfToken },
          body: JSON.stringify({ set: [{ field: ['title', 'en'], value: 'Bulky waste' }], revision }),
        });
      },
      { file: TOPIC.path, revision: before },
    );
    await answer.fill('Changed by me after my colleague.');
    await page.locator('#conflict').waitFor({ state: 'visible' });
    await expectText(page.locator('#conflict-text'), /har gemt en anden udgave/);
    await expectText(page.locator('#save-status'), /Ikke gemt/);
    await expectGood(page, 'editor-conflict', false);
    await page.getByRole('button', { name: 'Hent deres udgave' }).click();
    const title = await eventually(
      () => page.getByLabel('Titel på engelsk', { exact: true }).inputValue(),
      (value) => value === 'Bulky waste',
    );
    expect(title).toBe('Bulky waste');
  }, 60_000);

  it('reviews the draft and shows the changes before publishing', async () => {
    await page.getByRole('link', { name: 'Udgiv' }).click();
    await page.getByRole('button', { name: 'Gennemgå ændringerne' }).click();
    await page.locator('#review-heading, #review-result .alert').first().waitFor({ timeout: 180_000 });
    expect(await page.locator('#review-result .alert').count()).toBe(0);
    await expectText(page.locator('#review-result'), /intents\/affald\.storskrald\.yaml/);
    // The check sentences are reviewed beside the inbox examples, with how many were right before and now.
    await expectText(
      page.locator('#review-result'),
      /Kontrolsætninger[\s\S]*\d+ af \d+ blev besvaret rigtigt før, \d+ med kladden/,
    );
    await page.locator('#review-result summary').first().click();
    await expectGood(page, 'publish');

    // A comment, "Udgiv nu", one more question, and the version is out.
    await page.getByLabel('Hvad har du ændret?').fill('Telefonnummer i svaret om storskrald');
    await page.getByRole('button', { name: 'Udgiv nu' }).click();
    await page.getByRole('button', { name: 'Ja, udgiv' }).click();
    await expectText(page.locator('#status'), /Version \d+ er udgivet/);
    await page.getByRole('link', { name: 'Versioner', exact: true }).click();
    await expectText(page.locator('#versions-table'), /Telefonnummer i svaret om storskrald/);
  }, 240_000);

  it('lists versions, the log and the unanswered questions, and starts a topic from a group of them', async () => {
    // Citizens ask what no topic covers (through the widget's own Direct Line API).
    await askAsCitizen(server.url, ['må min hund bade i søen ved rådhuset', 'må hunde bade i kommunens søer']);
    await eventually(
      () =>
        page.evaluate(async () => {
          const response = await fetch('/api/studio/inbox', { credentials: 'same-origin' });
          return JSON.stringify(await response.json());
        }),
      (inbox) => inbox.includes('må hunde bade i kommunens søer'),
    );
    for (const [link, view] of [
      ['Versioner', 'versions'],
      ['Log', 'audit'],
      ['Ubesvarede spørgsmål', 'inbox'],
    ] as const) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.locator(`#${view}-view`).waitFor({ state: 'visible' });
      if (view === 'inbox') await expectText(page.locator('#inbox'), /må hunde bade i kommunens søer/);
      await expectGood(page, view);
    }
    await expectText(page.locator('#audit-table'), /Sofie|sofie/);

    // "Nyt emne ud fra gruppen": the questions become the new topic's first training sentences.
    const group = page.locator('#inbox > li').filter({ hasText: 'må hunde bade i kommunens søer' });
    await group.locator('summary').click();
    await group.getByLabel('Teknisk navn').fill('hund.badning');
    await group.getByLabel('Titel på dansk').fill('Hunde og badning');
    await group.getByLabel('Titel på engelsk').fill('Dogs and bathing');
    await group.getByRole('button', { name: 'Opret emnet som kladde' }).click();
    await expectText(page.locator('#editor-heading'), /Rediger emne: Hunde og badning/);
    const sentences = await eventually(
      () =>
        page
          .getByLabel('Sætning på dansk', { exact: true })
          .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
      (values) => values.length > 0,
    );
    expect(sentences).toContain('må hunde bade i kommunens søer');
  }, 90_000);

  it('two editors on the same file see each other, and the change the other saved, without losing their own', async () => {
    // Eva (all files) and Mads (Havbakke only) open Havbakke's profile in their own browsers.
    const file = 'municipalities/havbakke.yaml';
    const [eva, mads] = await Promise.all([editorPage('eva', file), editorPage('mads', file)]);
    try {
      // A profile opens in its form; both change it as text here ("Rediger som tekst").
      await Promise.all([eva, mads].map((page) => page.getByRole('button', { name: 'Rediger som tekst' }).click()));
      const evaText = eva.getByLabel('Filens tekst', { exact: true });
      const madsText = mads.getByLabel('Filens tekst', { exact: true });
      await Promise.all([evaText.waitFor(), madsText.waitFor()]);
      // Whoever opened second is told at once; the other at their next heartbeat (every 10 s).
      await expectText(mads.locator('#presence-note'), /^Eva har også denne fil åben\.$/);
      await expectText(eva.locator('#presence-note'), /^Mads har også denne fil åben\.$/);
      expect(await eva.locator('#presence-note').getAttribute('role')).toBe('status');
      await expectGood(eva, 'editor-presence', false);

      // Mads changes the phone number; Eva's page notices at its next heartbeat and shows the change.
      const original = await madsText.inputValue();
      const phone = /^phone: .*$/m.exec(original)?.[0];
      if (!phone) throw new Error('Havbakke has no phone line');
      await madsText.fill(original.replace(phone, 'phone: "+45 11 22 33 44"'));
      await expectText(mads.locator('#save-status'), /Gemt som kladde/);
      await expectText(
        eva.locator('#colleague-change-text'),
        /^Mads har ændret filen (for \d+ sekunder? siden|lige nu)\.$/,
      );
      await eva.locator('#colleague-change-diff summary').first().click();
      await eva
        .locator('#colleague-change-diff .diff .add', { hasText: '+45 11 22 33 44' })
        .waitFor({ state: 'visible' });
      await expectGood(eva, 'editor-colleague-change');

      // Eva typed nothing meanwhile; she keeps writing on top of Mads's change: her text is saved on his revision.
      await eva.getByRole('button', { name: 'Fortsæt med at skrive' }).click();
      expect(await eva.locator('#colleague-change').isHidden()).toBe(true);
      const evaOriginal = await evaText.inputValue();
      await evaText.fill(`${evaOriginal.replace(phone, 'phone: "+45 11 22 33 44"')}# Tjekket af Eva\n`);
      await expectText(eva.locator('#save-status'), /Gemt som kladde/);
      // Mads is told in turn, and takes Eva's version: his form now holds both changes.
      await expectText(mads.locator('#colleague-change-text'), /^Eva har ændret filen/);
      await mads.getByRole('button', { name: 'Hent deres udgave' }).click();
      const merged = await eventually(
        () => madsText.inputValue(),
        (value) => value.includes('# Tjekket af Eva'),
      );
      expect(merged).toContain('phone: "+45 11 22 33 44"');
      // Both changes are in the one shared draft, saved as two revisions.
      const revision = await eva.evaluate(async (path) => {
        const response = await fetch(`/api/studio/files/${encodeURIComponent(path)}`, { credentials: 'same-origin' });
        return ((await response.json()) as { draft: { revision: number } }).draft.revision;
      }, file);
      expect(revision).toBe(2);
    } finally {
      await Promise.all([eva.context().close(), mads.context().close()]);
    }
  }, 90_000);

  it('renders answers as text and elements, never as HTML, and fills placeholders visibly', async () => {
    await page.goto(`${server.url}/studio/`);
    // A string, not a function: the test's compiler would turn import() into require().
    const rendered = await page.evaluate<{ html: string; filled: string }>(`(async () => {
      const markdown = await import('/studio/markdown.js');
      const placeholders = await import('/studio/placeholders.js');
      const box = document.createElement('div');
      box.appendChild(markdown.renderMarkdown(
        '<img src=x onerror="window.hacked=1"> **fed** [link](https://example.org) [farlig](javascript:alert(1))\\n\\n- et\\n- to',
      ));
      const values = placeholders.placeholderValues({ phone: '+45 1', links: { waste: 'https://w.example' } });
      return {
        html: box.innerHTML,
        filled: placeholders.fillPlaceholders('{{municipality.phone}} {{links.waste}} {{links.nowhere}}', values),
      };
    })()`);
    expect(rendered.html).not.toContain('<img');
    expect(rendered.html).toContain('&lt;img');
    expect(rendered.html).toContain('<strong>fed</strong>');
    expect(rendered.html).toContain('<a href="https://example.org"');
    expect(rendered.html).not.toContain('javascript:alert(1)"');
    expect(rendered.html).toContain('<ul><li>et</li><li>to</li></ul>');
    expect(rendered.filled).toBe('+45 1 https://w.example [ukendt: {{links.nowhere}}]');
  });

  /** A demo editor signed in in their own browser context, with `file` open. */
  async function editorPage(username: string, file: string): Promise<Page> {
    const own = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'da-DK' });
    const editorTab = await own.newPage();
    editorTab.setDefaultTimeout(UI_TIMEOUT);
    editorTab.on('pageerror', (error) => errors.push(`${username}: ${error.message}`));
    await editorTab.goto(`${server.url}/studio/`);
    await editorTab.getByLabel('Brugernavn').fill(username);
    await editorTab.getByLabel('Adgangskode').fill(`demo-${username}`);
    await editorTab.getByRole('button', { name: 'Log ind' }).click();
    await editorTab.locator('#overview-table tbody tr').first().waitFor();
    await editorTab.goto(`${server.url}/studio/#fil/${encodeURIComponent(file)}`);
    return editorTab;
  }
});

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

/** Presses Tab until `accepts` likes the focused element (at most 60 times). */
async function tabTo(page: Page, accepts: (name: string) => boolean | Promise<boolean>): Promise<void> {
  for (let presses = 0; presses < 60; presses += 1) {
    if (await accepts(await focused(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached the element; last: ${await focused(page)}`);
}

async function expectText(locator: ReturnType<Page['locator']>, pattern: RegExp): Promise<void> {
  const text = await eventually(
    () => locator.innerText(),
    (value) => pattern.test(value),
  );
  expect(text).toMatch(pattern);
}

/** Messages from a citizen of Bøgely through the widget's Direct Line API, each answered before the next. */
async function askAsCitizen(base: string, messages: readonly string[]): Promise<void> {
  const headers = { 'Content-Type': 'application/json', Origin: base };
  const token = (
    (await (
      await fetch(`${base}/api/webchat/token`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ municipality: 'boegely' }),
      })
    ).json()) as { token: string }
  ).token;
  const conversation = (await (
    await fetch(`${base}/v3/directline/conversations`, {
      method: 'POST',
      headers: { ...headers, Authorization: `Bearer ${token}` },
    })
  ).json()) as { conversationId: string; token?: string };
  for (const text of messages) {
    const response = await fetch(`${base}/v3/directline/conversations/${conversation.conversationId}/activities`, {
      method: 'POST',
      headers: { ...headers, Authorization: `Bearer ${conversation.token ?? token}` },
      body: JSON.stringify({ type: 'message', from: { id: 'dl_citizen' }, text, locale: 'da-DK' }),
    });
    expect(response.status).toBe(200);
  }
}
