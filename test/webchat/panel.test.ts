/**
 * The widget's frame: lazy loading, phones, starting over, closing, English. Needs `npm run build`
 * and /usr/bin/chromium.
 */
import { useAssistantAndBrowser } from '../support/browser';
import {
  accessibilityViolations,
  ask,
  botMessages,
  eventually,
  focused,
  launcher,
  openChat,
  openDemoPage,
  panel,
  sendBox,
  storedConversation,
  userMessages,
  waitForBotMessage,
} from '../support/webchat-page';

const running = useAssistantAndBrowser();

it('loads nothing but embed.js until the citizen comes near the launcher, and starts no conversation before the click', async () => {
  const { page, context, requests } = await openDemoPage(running.browser, running.server.url);
  try {
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1000);
    const paths = requests.map((request) => new URL(request.url()).pathname);
    expect(paths.filter((p) => p !== '/' && p !== '/favicon.ico')).toEqual(['/webchat/embed.js']);
    await expect(launcher(page).getAttribute('aria-label')).resolves.toMatch(/^Åbn chat med /);

    // The pointer on the button warms up: the panel and Web Chat load, but no token is asked for.
    await launcher(page).hover();
    await page.waitForFunction(() => Boolean((window as unknown as { WebChat?: unknown }).WebChat));
    const warmed = requests.map((request) => new URL(request.url()).pathname);
    expect(warmed).toContain('/webchat/chat-panel.js');
    expect(warmed).toContain('/webchat/vendor/webchat-4.18.1.js');
    expect(warmed).not.toContain('/api/webchat/token');
    expect(await page.locator('.bsa-panel').count()).toBe(0);

    await openChat(page);
    const after = requests.map((request) => new URL(request.url()).pathname);
    expect(after).toContain('/webchat/chat-panel.js');
    expect(after).toContain('/webchat/vendor/webchat-4.18.1.js'); // versioned: cached for good
    expect(after).toContain('/api/webchat/config');
    expect(after).toContain('/api/webchat/token');
  } finally {
    await context.close();
  }
}, 120_000);

it('with data-preload="idle", loads the panel and Web Chat after the page without any interaction, and still starts no conversation before the click', async () => {
  const { page, context, requests } = await openDemoPage(running.browser, running.server.url, {
    path: '/webchat/demo/preload.html',
  });
  try {
    await page.waitForFunction(() => Boolean((window as unknown as { WebChat?: unknown }).WebChat));
    const paths = requests.map((request) => new URL(request.url()).pathname);
    expect(paths).toContain('/webchat/chat-panel.js');
    expect(paths).toContain('/webchat/vendor/webchat-4.18.1.js');
    expect(paths).not.toContain('/api/webchat/token');
    expect(paths).not.toContain('/v3/directline/conversations');
    expect(await page.locator('.bsa-panel').count()).toBe(0);

    await openChat(page);
    await waitForBotMessage(page, /virtuelle assistent/i);
    const after = requests.map((request) => new URL(request.url()).pathname);
    expect(after.filter((p) => p === '/webchat/vendor/webchat-4.18.1.js')).toHaveLength(1); // not loaded twice
  } finally {
    await context.close();
  }
}, 120_000);

it('does not preload when the browser asks to save data', async () => {
  const context = await running.browser.newContext({ locale: 'da-DK' });
  try {
    await context.addInitScript(() =>
      Object.defineProperty(navigator, 'connection', { value: { saveData: true }, configurable: true }),
    );
    const page = await context.newPage();
    const paths: string[] = [];
    page.on('request', (request) => paths.push(new URL(request.url()).pathname));
    await page.goto(`${running.server.url}/webchat/demo/preload.html`);
    await launcher(page).waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1500);
    expect(
      paths.filter((p) => (p.startsWith('/webchat/') && !p.startsWith('/webchat/demo/')) || p.startsWith('/api/')),
    ).toEqual(['/webchat/embed.js']);
  } finally {
    await context.close();
  }
}, 120_000);

it('covers a 320 × 640 phone screen without horizontal scrolling, and gives the page back on close', async () => {
  const { page, context } = await openDemoPage(running.browser, running.server.url, {
    viewport: { width: 320, height: 640 },
  });
  try {
    const scrollWidth = () => page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.NaN);
    expect(await scrollWidth()).toBeLessThanOrEqual(320);

    await openChat(page);
    await waitForBotMessage(page, /virtuelle assistent/i);
    await ask(page, 'fisketegn til lystfiskeri', /./);
    await page.waitForTimeout(500);
    await expect(panel(page).boundingBox()).resolves.toEqual({ x: 0, y: 0, width: 320, height: 640 });
    await expect(launcher(page).isVisible()).resolves.toBe(false);
    expect(await scrollWidth()).toBeLessThanOrEqual(320);
    // Nothing inside the panel is wider than the screen either.
    const widest = await panel(page).evaluate((element) =>
      Math.max(
        ...Array.from(element.querySelectorAll('.bsa-header, .bsa-header *, .webchat__bubble, .webchat__send-box')).map(
          (e) => e.getBoundingClientRect().right,
        ),
      ),
    );
    expect(widest).toBeLessThanOrEqual(320);
    // The page behind is out of reach while the panel covers it.
    await expect(
      page.locator('main').evaluate((element) => (element.closest('[inert]') ? 'inert' : 'live')),
    ).resolves.toBe('inert');

    await page.keyboard.press('Escape');
    await panel(page).waitFor({ state: 'hidden' });
    expect(await focused(page)).toMatch(/^button "Åbn chat med /);
    await expect(
      page.locator('main').evaluate((element) => (element.closest('[inert]') ? 'inert' : 'live')),
    ).resolves.toBe('live');
    expect(await scrollWidth()).toBeLessThanOrEqual(320);
  } finally {
    await context.close();
  }
}, 180_000);

it('"Start forfra" starts a new conversation: a new welcome, the old messages gone', async () => {
  const { page, context } = await openDemoPage(running.browser, running.server.url);
  try {
    await openChat(page);
    await waitForBotMessage(page, /virtuelle assistent/i);
    await ask(page, 'hvordan fornyer jeg mit pas', /pas/i);
    const first = await storedConversation(page);

    await page.getByRole('button', { name: 'Start forfra' }).click();
    await eventually(
      async () => (await storedConversation(page))?.conversationId,
      (id) => Boolean(id) && id !== first?.conversationId,
    );
    await waitForBotMessage(page, /virtuelle assistent/i);
    await expect(userMessages(page)).resolves.toEqual([]);
    const messages = await botMessages(page);
    expect(messages.some((text) => /Du søger om pas|fornyer/i.test(text))).toBe(false);
    expect(await page.locator('.bsa-status').innerText()).toMatch(/Ny samtale/);

    // Still works.
    await ask(page, 'hvordan fornyer jeg mit pas', /pas/i);
  } finally {
    await context.close();
  }
}, 180_000);

it('starts a new conversation when the stored one can no longer be resumed', async () => {
  const { page, context } = await openDemoPage(running.browser, running.server.url);
  try {
    await openChat(page);
    await waitForBotMessage(page, /virtuelle assistent/i);
    await ask(page, 'hvordan fornyer jeg mit pas', /pas/i);
    const first = await storedConversation(page);
    // As if the token had expired while the citizen was on a page without the chat.
    await page.goto(`${running.server.url}/healthz`);
    await page.evaluate(() => {
      const key = 'borgerservice-assistent:boegely:conversation';
      const stored = JSON.parse(window.sessionStorage.getItem(key) ?? '{}') as Record<string, unknown>;
      window.sessionStorage.setItem(key, JSON.stringify({ ...stored, token: 'expired.or.unknown' }));
    });

    await page.goto(`${running.server.url}/`);
    await panel(page).waitFor({ state: 'visible' });
    await eventually(
      async () => (await storedConversation(page))?.conversationId,
      (id) => Boolean(id) && id !== first?.conversationId,
    );
    await waitForBotMessage(page, /virtuelle assistent/i);
    await expect(userMessages(page)).resolves.toEqual([]);
    await ask(page, 'hvordan fornyer jeg mit pas', /pas/i);
  } finally {
    await context.close();
  }
}, 180_000);

it('closing keeps the conversation; reopening shows it again', async () => {
  const { page, context } = await openDemoPage(running.browser, running.server.url);
  try {
    await openChat(page);
    await waitForBotMessage(page, /virtuelle assistent/i);
    await ask(page, 'hvordan fornyer jeg mit pas', /pas/i);
    await page.getByRole('button', { name: 'Luk chatten' }).click();
    await panel(page).waitFor({ state: 'hidden' });
    expect(await focused(page)).toMatch(/^button "Åbn chat med Bøgely Kommune"/);

    // Another page of the site in the same tab: the chat stays closed but remembered.
    await page.reload();
    await launcher(page).waitFor();
    await page.waitForTimeout(500);
    await expect(panel(page).count()).resolves.toBe(0);
    await openChat(page);
    await waitForBotMessage(page, /pas/i);
    await expect(userMessages(page)).resolves.toEqual(['hvordan fornyer jeg mit pas']);
  } finally {
    await context.close();
  }
}, 180_000);

it('"Slet samtalen" deletes the conversation on the server after a confirmation', async () => {
  const { page, context, requests } = await openDemoPage(running.browser, running.server.url);
  try {
    await openChat(page);
    await waitForBotMessage(page, /virtuelle assistent/i);
    await ask(page, 'hvordan fornyer jeg mit pas', /pas/i);
    const first = await storedConversation(page);

    await page.getByRole('button', { name: 'Slet samtalen' }).click();
    await page.getByRole('button', { name: 'Ja, slet samtalen' }).click();
    await eventually(
      async () => (await storedConversation(page))?.conversationId,
      (id) => Boolean(id) && id !== first?.conversationId,
    );
    const deletion = requests.find((r) => r.method() === 'DELETE');
    expect(deletion?.url()).toBe(`${running.server.url}/api/webchat/conversations/${first?.conversationId ?? ''}`);
    expect((await deletion?.response())?.status()).toBe(204);
    await waitForBotMessage(page, /virtuelle assistent/i);
    await expect(userMessages(page)).resolves.toEqual([]);
    expect(await page.locator('.bsa-status').innerText()).toMatch(/slettet/);

    // The old token no longer opens the old conversation.
    const refresh = await page.evaluate(
      async ([url, token]) =>
        (
          await fetch(`${url}/v3/directline/tokens/refresh`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}` },
          })
        ).status,
      [running.server.url, first?.token ?? ''],
    );
    expect(refresh).toBeGreaterThanOrEqual(400);
  } finally {
    await context.close();
  }
}, 180_000);

it('"Hent samtale" downloads the conversation as a text file', async () => {
  const { page, context } = await openDemoPage(running.browser, running.server.url);
  try {
    await openChat(page);
    await waitForBotMessage(page, /virtuelle assistent/i);
    await ask(page, 'hvordan fornyer jeg mit pas', /pas/i);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Hent samtale' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^samtale-boegely-\d{4}-\d{2}-\d{2}\.txt$/);
    const text = await readStream(await download.createReadStream());
    expect(text).toMatch(/Samtale med Bøgely Kommune/);
    expect(text).toMatch(/Du:\r?\nhvordan fornyer jeg mit pas/);
    expect(text).toMatch(/virtuelle assistent/);
  } finally {
    await context.close();
  }
}, 120_000);

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

it.each([
  {
    colours: { primaryColor: '#ffd700', textOnPrimaryColor: '#ffffff' },
    header: 'rgb(31, 59, 87)',
    text: 'rgb(255, 255, 255)',
    accent: '#1f3b57',
  },
  {
    colours: { primaryColor: '#ffd700', textOnPrimaryColor: '#1a1a1a' },
    header: 'rgb(255, 215, 0)',
    text: 'rgb(26, 26, 26)',
    accent: '#1f3b57',
  },
  {
    colours: { primaryColor: 'not a colour', textOnPrimaryColor: '#ffffff' },
    header: 'rgb(31, 59, 87)',
    text: 'rgb(255, 255, 255)',
    accent: '#1f3b57',
  },
])(
  'keeps 4.5:1 contrast whatever colours are configured ($colours.primaryColor on $colours.textOnPrimaryColor)',
  async ({ colours, header, text, accent }) => {
    const { page, context } = await openDemoPage(running.browser, running.server.url);
    try {
      await page.route(`${running.server.url}/api/webchat/config?*`, async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as { municipality: Record<string, unknown> };
        await route.fulfill({ response, json: { ...body, municipality: { ...body.municipality, ...colours } } });
      });
      await openChat(page);
      await waitForBotMessage(page, /virtuelle assistent/i);
      const style = await page.locator('.bsa-header').evaluate((element) => ({
        header: getComputedStyle(element).backgroundColor,
        text: getComputedStyle(element).color,
        accent: getComputedStyle(element.closest('.bsa-panel') as Element)
          .getPropertyValue('--bsa-accent')
          .trim(),
      }));
      expect(style).toEqual({ header, text, accent });
      await expect(accessibilityViolations(page)).resolves.toEqual([]);
    } finally {
      await context.close();
    }
  },
  120_000,
);

it('speaks English on an English page', async () => {
  const { page, context } = await openDemoPage(running.browser, running.server.url, { path: '/webchat/demo/en.html' });
  try {
    await expect(launcher(page).getAttribute('aria-label')).resolves.toMatch(/^Open chat with /);
    await openChat(page);
    await expect(panel(page).getAttribute('lang')).resolves.toBe('en-GB');
    await expect(sendBox(page).getAttribute('placeholder')).resolves.toBe('Type your question here');
    await expect(page.getByRole('button', { name: 'Start over' }).count()).resolves.toBe(1);
    await waitForBotMessage(page, /virtual assistant/i);
  } finally {
    await context.close();
  }
}, 120_000);

it('has the Danish placeholder and names in Danish', async () => {
  const { page, context } = await openDemoPage(running.browser, running.server.url);
  try {
    await openChat(page);
    await expect(panel(page).getAttribute('lang')).resolves.toBe('da-DK');
    await expect(sendBox(page).getAttribute('placeholder')).resolves.toBe('Skriv dit spørgsmål her');
    for (const name of ['Luk chatten', 'Start forfra', 'Hent samtale', 'Slet samtalen']) {
      await expect(page.getByRole('button', { name, exact: true }).count()).resolves.toBe(1);
    }
  } finally {
    await context.close();
  }
}, 120_000);
