/**
 * Click → greeting in a real browser: open the demo page in a fresh (cold-cache) Chromium
 * context, click the launcher, and time until the assistant's welcome message is visible. The
 * same server in three ways: every file as it is (`Accept-Encoding: identity`, as before
 * precompression), precompressed, and precompressed with the pointer resting on the button for a
 * second before the click (embed.js starts loading the chat then), and on the demo page with
 * data-preload="idle" (the chat loads once the page is idle; the click comes after that). Loopback, and once more over a
 * simulated 20 Mbit/s line with 40 ms round trips, where the transfer size shows.
 *
 *   npm run bench -- --only-browser [--greeting-runs 7]
 */
import { performance } from 'node:perf_hooks';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from '../test/support/chromium';
import { withServer } from './directline-load';

interface Network {
  readonly label: string;
  /** Bytes per second each way, and added round-trip latency; undefined for plain loopback. */
  readonly throttle?: { readonly bytesPerSecond: number; readonly latencyMs: number };
}

const NETWORKS: readonly Network[] = [
  { label: 'loopback' },
  { label: '20 Mbit/s, 40 ms', throttle: { bytesPerSecond: (20 * 1_000_000) / 8, latencyMs: 40 } },
];
/**
 * How the citizen reaches the click: at once (the pointer arrives with the click, as a tap does), or
 * resting on the button first, as a mouse user does, which starts loading the chat (embed.js warms up).
 */
interface Variant {
  readonly label: string;
  readonly compressed: boolean;
  readonly restMs: number;
  /** The demo page's path; preload.html has data-preload="idle", and the click waits until Web Chat has loaded. */
  readonly path: string;
}
const VARIANTS: readonly Variant[] = [
  { label: 'uncompressed, click at once', compressed: false, restMs: 0, path: '/' },
  { label: 'precompressed, click at once', compressed: true, restMs: 0, path: '/' },
  { label: 'precompressed, pointer rests 1 s', compressed: true, restMs: 1000, path: '/' },
  { label: 'precompressed, data-preload="idle"', compressed: true, restMs: 0, path: '/webchat/demo/preload.html' },
];
const BOT_MESSAGE = '.webchat__stacked-layout:not(.webchat__stacked-layout--from-user) .webchat__bubble__content';

export async function webchatGreeting(runs: number): Promise<string[]> {
  return withServer({}, async (base) => {
    const browser = await launchChromium();
    try {
      const lines = [
        `Click → greeting in Chromium (demo page, cold cache, median of ${runs} runs; Web Chat bundle bytes on the wire):`,
      ];
      for (const network of NETWORKS) {
        for (const variant of VARIANTS) {
          const samples: { ms: number; bundleBytes: number; encoding: string }[] = [];
          await oneRun(browser, base, network, variant); // warm-up: the server's first file reads and hashes
          for (let i = 0; i < runs; i += 1) samples.push(await oneRun(browser, base, network, variant));
          const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
          const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
          const last = samples[samples.length - 1];
          lines.push(
            `  ${network.label.padEnd(17)} ${variant.label.padEnd(36)} median ${(median / 1000).toFixed(2)} s (min ${((sorted[0] ?? 0) / 1000).toFixed(2)}, max ${((sorted[sorted.length - 1] ?? 0) / 1000).toFixed(2)}); bundle ${Math.round((last?.bundleBytes ?? 0) / 1024)} KB ${last?.encoding ?? ''}`,
          );
        }
      }
      return lines;
    } finally {
      await browser.close();
    }
  });
}

async function oneRun(
  browser: Browser,
  base: string,
  network: Network,
  { compressed, restMs, path }: Variant,
): Promise<{ ms: number; bundleBytes: number; encoding: string }> {
  // A fresh context has an empty HTTP cache and empty sessionStorage: a first visit.
  const context: BrowserContext = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'da-DK',
    ...(compressed ? {} : { extraHTTPHeaders: { 'Accept-Encoding': 'identity' } }),
  });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    if (network.throttle) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: network.throttle.latencyMs,
        downloadThroughput: network.throttle.bytesPerSecond,
        uploadThroughput: network.throttle.bytesPerSecond,
      });
    }
    let bundleBytes = 0;
    let encoding = 'identity';
    page.on('requestfinished', (request) => {
      if (!/\/webchat\/vendor\/webchat[^/]*\.js$/.test(request.url())) return;
      void request.sizes().then((sizes) => (bundleBytes = sizes.responseBodySize));
      void request
        .response()
        .then(async (response) => (encoding = (await response?.allHeaders())?.['content-encoding'] ?? 'identity'));
    });
    await page.goto(`${base}${path}`);
    const launcher = page.locator('.bsa-launcher');
    await launcher.waitFor();
    if (path !== '/') await page.waitForFunction(() => 'WebChat' in window, undefined, { polling: 100 });
    if (restMs > 0) {
      await launcher.hover();
      await page.waitForTimeout(restMs);
    }
    const started = performance.now();
    await launcher.click();
    await page.locator(BOT_MESSAGE).first().waitFor({ state: 'visible' });
    const ms = performance.now() - started;
    await page.waitForTimeout(100); // let the size callbacks above settle
    return { ms, bundleBytes, encoding };
  } finally {
    await context.close();
  }
}
