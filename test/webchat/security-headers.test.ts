/**
 * The widget and the console under their Content-Security-Policy, in Chromium: nothing is
 * blocked, nothing can frame them, and the Web Chat bundle arrives compressed from its versioned
 * address. Needs `npm run build` and /usr/bin/chromium.
 */
import { useAssistantAndBrowser } from '../support/browser';
import { openChat, openDemoPage, waitForBotMessage } from '../support/webchat-page';

const running = useAssistantAndBrowser();

/** Records every CSP violation the page reports (a blocked script, style, eval, connection or image). */
const RECORD_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
  });
`;

it('runs the widget, WebSocket and polling, under the demo page CSP without a single violation', async () => {
  for (const path of ['/', '/webchat/demo/polling.html', '/webchat/demo/preload.html']) {
    const { page, context, requests } = await openDemoPage(running.browser, running.server.url, { path });
    try {
      const csp = (await page.request.get(`${running.server.url}${path}`)).headers()['content-security-policy'];
      expect(csp).toContain("frame-ancestors 'none'");
      await page.addInitScript(RECORD_VIOLATIONS);
      await page.reload();
      await openChat(page);
      await waitForBotMessage(page, /computerprogram|assistent/i);
      // The last one: preload.html starts loading it before the reload above cancels that first load.
      const bundle = requests.filter((request) => /\/webchat\/vendor\/webchat-[0-9.]+\.js$/.test(request.url())).pop();
      expect(bundle).toBeDefined();
      const response = await bundle?.response();
      expect(response?.status()).toBe(200);
      expect((await response?.allHeaders())?.['content-encoding']).toBe('br');
      expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual(
        [],
      );
    } finally {
      await context.close();
    }
  }
});

it('cannot be framed by another site: neither the demo page nor the staff console', async () => {
  const context = await running.browser.newContext();
  try {
    const page = await context.newPage();
    // A page on another origin that tries to frame ours.
    await page.route('http://framer.example/', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<iframe id="demo" src="${running.server.url}/"></iframe><iframe id="console" src="${running.server.url}/console/"></iframe>`,
      }),
    );
    await page.goto('http://framer.example/');
    await page.waitForTimeout(1500);
    const children = page.frames().filter((frame) => frame !== page.mainFrame());
    expect(children).toHaveLength(2);
    for (const frame of children) {
      // A blocked frame shows Chromium's error page, never our document.
      const title = await frame.evaluate(() => document.title).catch(() => '');
      expect(title).not.toMatch(/Bøgely|Borgerservice|medarbejder|console/i);
    }
  } finally {
    await context.close();
  }
});
