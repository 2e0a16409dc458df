/**
 * The citizen's whole path through the widget on the demo page, over both Direct Line transports:
 * open the chat, ask in Danish, get an answer with buttons, click one, reload and carry on.
 * Needs `npm run build` (dist/bot/main.js) and Debian's Chromium at /usr/bin/chromium.
 */
import { useAssistantAndBrowser } from '../support/browser';
import {
  ask,
  botMessages,
  openChat,
  openDemoPage,
  panel,
  launcher,
  sendBox,
  storedConversation,
  suggestedAction,
  suggestedActions,
  userMessages,
  waitForBotMessage,
} from '../support/webchat-page';

const running = useAssistantAndBrowser();

describe.each([
  { transport: 'WebSocket', webSocket: true, path: '/' },
  { transport: 'polling', webSocket: false, path: '/webchat/demo/polling.html' },
])('a conversation over Direct Line $transport', ({ webSocket, path }) => {
  it('answers a Danish question with buttons, takes feedback, and carries on after a reload', async () => {
    const { page, context, webSockets, requests, errors } = await openDemoPage(running.browser, running.server.url, {
      path,
    });
    try {
      await openChat(page);
      await waitForBotMessage(page, /virtuelle assistent/i); // the welcome

      const afterQuestion = await ask(page, 'hvordan fornyer jeg mit pas', /pas/i);
      expect(afterQuestion.length).toBeGreaterThanOrEqual(2);
      await expect(suggestedAction(page, '👍 Ja').isVisible()).resolves.toBe(true);
      await expect(suggestedAction(page, '👎 Nej').isVisible()).resolves.toBe(true);

      const before = (await botMessages(page)).length;
      await suggestedAction(page, '👍 Ja').click();
      await waitForBotMessage(page, /Tak for din tilbagemelding/, before);
      await expect(userMessages(page)).resolves.toEqual(['hvordan fornyer jeg mit pas', '👍 Ja']);

      const conversation = await storedConversation(page);
      expect(conversation?.conversationId).toBeTruthy();

      // The transport asked for is the one used.
      const directLineSockets = webSockets.filter((url) => url.includes('/v3/directline/'));
      const polls = requests.filter(
        (r) => r.method() === 'GET' && /\/v3\/directline\/conversations\/[^/]+\/activities/.test(r.url()),
      );
      if (webSocket) {
        expect(directLineSockets.length).toBeGreaterThan(0);
      } else {
        expect(directLineSockets).toEqual([]);
        expect(polls.length).toBeGreaterThan(0);
      }

      // Reload: the panel reopens by itself with the same conversation and all of it on screen.
      await page.reload();
      await panel(page).waitFor({ state: 'visible' });
      await sendBox(page).waitFor({ state: 'visible' });
      await waitForBotMessage(page, /Tak for din tilbagemelding/);
      await expect(userMessages(page)).resolves.toEqual(['hvordan fornyer jeg mit pas', '👍 Ja']);
      const replayed = await botMessages(page);
      expect(replayed.filter((text) => /virtuelle assistent/i.test(text))).toHaveLength(1); // no second welcome
      expect(replayed.some((text) => /pas/i.test(text))).toBe(true);
      await expect(launcher(page).isVisible()).resolves.toBe(false);
      expect((await storedConversation(page))?.conversationId).toBe(conversation?.conversationId);

      // And it goes on.
      await ask(page, 'hvordan bestiller jeg et nyt sundhedskort', /sundhedskort|kort/i);
      await expect(userMessages(page)).resolves.toEqual([
        'hvordan fornyer jeg mit pas',
        '👍 Ja',
        'hvordan bestiller jeg et nyt sundhedskort',
      ]);
      expect(await suggestedActions(page).count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});
