/**
 * WCAG 2.1 AA: axe-core finds nothing on the demo page in each state of the widget, and the whole
 * path works with the keyboard alone. Needs `npm run build` and /usr/bin/chromium.
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
  suggestedAction,
  waitForBotMessage,
} from '../support/webchat-page';

const running = useAssistantAndBrowser();

describe('axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa)', () => {
  it.each([
    { viewport: { width: 1280, height: 800 }, name: 'desktop' },
    { viewport: { width: 320, height: 640 }, name: 'phone' },
  ])(
    'finds no violations in any state of the widget ($name)',
    async ({ viewport }) => {
      const { page, context } = await openDemoPage(running.browser, running.server.url, { viewport });
      try {
        await expect(accessibilityViolations(page)).resolves.toEqual([]); // the page with the launcher

        await openChat(page);
        await waitForBotMessage(page, /virtuelle assistent/i);
        await expect(accessibilityViolations(page)).resolves.toEqual([]); // the open panel with the welcome

        await ask(page, 'hvordan fornyer jeg mit pas', /pas/i);
        await suggestedAction(page, '👍 Ja').waitFor();
        await expect(accessibilityViolations(page)).resolves.toEqual([]); // an answer with suggested actions

        const before = (await botMessages(page)).length;
        await ask(page, 'fisketegn til lystfiskeri', /./);
        await page
          .locator('.webchat__stacked-layout:not(.webchat__stacked-layout--from-user) .ac-adaptiveCard')
          .nth(0)
          .waitFor();
        expect((await botMessages(page)).length).toBeGreaterThan(before);
        await expect(accessibilityViolations(page)).resolves.toEqual([]); // a fallback with guide cards

        await page.getByRole('button', { name: 'Slet samtalen', exact: true }).click();
        await expect(accessibilityViolations(page)).resolves.toEqual([]); // the delete confirmation
      } finally {
        await context.close();
      }
    },
    240_000,
  );

  it('finds no violations on the English demo page and panel', async () => {
    const { page, context } = await openDemoPage(running.browser, running.server.url, {
      path: '/webchat/demo/en.html',
    });
    try {
      await expect(accessibilityViolations(page)).resolves.toEqual([]);
      await openChat(page);
      await waitForBotMessage(page, /virtual assistant/i);
      await ask(page, 'how do I renew my passport', /passport/i);
      await expect(accessibilityViolations(page)).resolves.toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('finds no violations on the polling demo page', async () => {
    const { page, context } = await openDemoPage(running.browser, running.server.url, {
      path: '/webchat/demo/polling.html',
    });
    try {
      await expect(accessibilityViolations(page)).resolves.toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});

describe('keyboard only', () => {
  it('Tab to the launcher, Enter, type, Enter, a suggested action, Escape back to the launcher', async () => {
    const { page, context } = await openDemoPage(running.browser, running.server.url);
    try {
      const launcherName = /^button "Åbn chat med /;
      for (let i = 0; i < 40 && !launcherName.test(await focused(page)); i++) await page.keyboard.press('Tab');
      expect(await focused(page)).toMatch(launcherName);
      // A visible focus indicator on the launcher.
      const outline = await launcher(page).evaluate((element) => getComputedStyle(element).outlineStyle);
      expect(outline).not.toBe('none');

      await page.keyboard.press('Enter');
      await sendBox(page).waitFor({ state: 'visible' });
      await eventually(
        () => focused(page),
        (f) => /data-id=webchat-sendbox-input/.test(f),
      );
      await waitForBotMessage(page, /virtuelle assistent/i);

      await page.keyboard.type('hvordan fornyer jeg mit pas');
      await page.keyboard.press('Enter');
      await suggestedAction(page, '👍 Ja').waitFor();
      await waitForBotMessage(page, /pas/i, 1);
      // New messages do not move focus away from the send box.
      expect(await focused(page)).toMatch(/data-id=webchat-sendbox-input/);

      // Suggested actions sit just before the send box: Shift+Tab reaches them.
      for (let i = 0; i < 5 && !/"👍 Ja"/.test(await focused(page)); i++) await page.keyboard.press('Shift+Tab');
      expect(await focused(page)).toMatch(/^button .*"👍 Ja"/);
      const before = (await botMessages(page)).length;
      await page.keyboard.press('Enter');
      await waitForBotMessage(page, /Tak for din tilbagemelding/, before);

      await page.keyboard.press('Escape');
      await panel(page).waitFor({ state: 'hidden' });
      expect(await focused(page)).toMatch(launcherName);

      // Reopening keeps the conversation and puts focus in the send box again.
      await page.keyboard.press('Enter');
      await eventually(
        () => focused(page),
        (f) => /data-id=webchat-sendbox-input/.test(f),
      );
      expect((await botMessages(page)).some((text) => /Tak for din tilbagemelding/.test(text))).toBe(true);
    } finally {
      await context.close();
    }
  }, 240_000);

  it('Escape inside a message goes back to the transcript; the next Escape closes the panel', async () => {
    const { page, context } = await openDemoPage(running.browser, running.server.url);
    try {
      await openChat(page);
      await waitForBotMessage(page, /virtuelle assistent/i);
      // Shift+Tab from the send box: suggested actions, the end of the transcript, the transcript.
      for (
        let i = 0;
        i < 6 && !(await page.evaluate(() => document.activeElement?.classList.contains('webchat__basic-transcript')));
        i++
      ) {
        await page.keyboard.press('Shift+Tab');
      }
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter'); // into the welcome, which has a link
      expect(
        await page.evaluate(() => Boolean(document.activeElement?.closest('.webchat__basic-transcript__activity'))),
      ).toBe(true);

      await page.keyboard.press('Escape');
      await expect(panel(page).isVisible()).resolves.toBe(true);
      expect(await page.evaluate(() => document.activeElement?.classList.contains('webchat__basic-transcript'))).toBe(
        true,
      );

      await page.keyboard.press('Escape');
      await panel(page).waitFor({ state: 'hidden' });
      expect(await focused(page)).toMatch(/^button "Åbn chat med /);
    } finally {
      await context.close();
    }
  }, 120_000);
});
