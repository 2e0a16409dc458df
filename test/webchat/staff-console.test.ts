import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { addWaitingCitizen } from '../support/waiting-citizen';
import { startAssembledServer, type AssembledServer } from '../support/assembled-server';
import { ifStarted } from '../support/if-started';
import { accessibilityViolations, eventually, UI_TIMEOUT } from '../support/webchat-page';

/**
 * The console's parts the two-browser round trip does not reach (overview, canned replies, notes,
 * callbacks, "Mine samtaler", signing out), in Chromium against the server in this process, with
 * no script error on the way: the ES modules load under the console's CSP and work together.
 */
describe('the staff console in a browser', () => {
  let server: AssembledServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAssembledServer(), launchChromium()]);
  }, 60_000);

  afterAll(async () => {
    await ifStarted(browser)?.close();
    await ifStarted(server)?.close();
  });

  it('runs an admin through overview, claim, canned reply, note, callback, ending and signing out', async () => {
    await server.storage.callbacks.add(
      {
        municipalityId: 'boegely',
        conversationId: 'console-1',
        queueId: 'faelles',
        language: 'da',
        phone: '+45 12 34 56 78',
        message: 'Ring efter kl. 12',
      },
      new Date(),
    );
    await addWaitingCitizen(server.storage.conversations, server.handoff.desk, 'console-1', {
      guides: [{ title: 'Pas', url: 'https://www.borger.dk/pas' }],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK' });
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      // Failed requests are checked one by one below.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        errors.push(message.text());
    });
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });

    await page.goto(`${server.base}/console/`);
    await page.locator('#username').fill('sofie');
    await page.locator('#password').fill('demo-sofie');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.locator('#app').waitFor({ state: 'visible' });
    await expectText(page.locator('#connection'), /Forbundet/);

    // Admins see the overview; everyone the queue and the callback requests.
    await expectText(page.locator('#overview-agents'), /Sofie/);
    await expectText(page.locator('#overview-queues'), /faelles/);
    await expectText(page.locator('#queue'), /Bøgely Kommune/);
    await expectText(page.locator('#callbacks'), /Ring efter kl\. 12/);
    expect(await page.locator('#callbacks a[href="tel:+4512345678"]').count()).toBe(1);
    // The chat behind the callback, on demand.
    const showChat = page.locator('#callbacks').getByRole('button', { name: 'Vis samtalen' });
    await showChat.click();
    await expectText(page.locator('#callbacks .callback-chat'), /Jeg har mistet mit pas/);
    expect(
      await page.locator('#callbacks').getByRole('button', { name: 'Skjul samtalen' }).getAttribute('aria-expanded'),
    ).toBe('true');
    expect(await page.locator('#canned option').count()).toBeGreaterThan(1);

    // Claiming shows the context and the transcript so far.
    await page.locator('#queue').getByRole('button', { name: 'Tag samtalen' }).click();
    await page.locator('#conversation-heading').waitFor({ state: 'visible' });
    await expectText(page.locator('#context'), /Borgeren bad om en medarbejder/);
    await expectText(page.locator('#guides'), /Pas/);
    await expectText(page.locator('#transcript'), /Jeg har mistet mit pas/);
    await expectText(page.locator('#mine'), /Bøgely Kommune – Bestil pas/);
    expect(await page.locator('#mine button[aria-current="true"]').count()).toBe(1);

    // A canned reply goes into the composer, not to the citizen; the agent sends it.
    await page.locator('#canned').selectOption({ index: 1 });
    const inserted = await page.locator('#composer').inputValue();
    expect(inserted.length).toBeGreaterThan(0);
    await expectText(page.locator('#composer-count'), new RegExp(`^${inserted.length} af 2000 tegn$`));
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expectText(page.locator('#transcript li[data-from="staff"]').last(), /Sofie \(medarbejder\)/);
    expect(await page.locator('#composer').inputValue()).toBe('');

    // A note, kept with the conversation.
    await page.locator('#note').fill('Har ringet til politiet');
    await page.getByRole('button', { name: 'Gem note' }).click();
    await expectText(page.locator('#notes'), /Har ringet til politiet/);
    expect(await server.storage.notes.list('console-1')).toEqual([
      expect.objectContaining({ author: 'Sofie', text: 'Har ringet til politiet' }),
    ]);

    // The callback is done; focus goes to the heading of the now empty list.
    await page.locator('#callbacks').getByRole('button', { name: 'Markér som ringet op' }).click();
    await page.locator('#callbacks-empty').waitFor({ state: 'visible' });
    expect(await server.storage.callbacks.list(['faelles'])).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);

    // Ending asks first; Escape takes the question away again.
    await page.getByRole('button', { name: 'Afslut samtale' }).click();
    await page.locator('#confirm-end').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await page.locator('#confirm-end').waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Afslut samtale' }).click();
    await page.getByRole('button', { name: 'Ja, afslut' }).click();
    await expectText(page.locator('#no-conversation-reason'), /Du har afsluttet samtalen/);
    await page.locator('#mine-empty').waitFor({ state: 'visible' });

    // Signing out forgets the session's work on the page.
    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.locator('#signin-view').waitFor({ state: 'visible' });
    expect(await page.locator('#queue li, #mine li, #messages li, #notes li').count()).toBe(0);
    await expectText(page.locator('#status'), /Du er logget ud/);

    expect(errors).toEqual([]);
    // Only the check whether the page was opened signed in (it was not), and the browser's own icon request.
    expect(failed.filter((f) => f !== '404 /favicon.ico')).toEqual(['401 /api/staff/session']);
    await context.close();
  }, 120_000);
});

async function expectText(locator: ReturnType<Page['locator']>, pattern: RegExp): Promise<void> {
  const text = await eventually(
    () => locator.innerText(),
    (value) => pattern.test(value),
  );
  expect(text).toMatch(pattern);
}
