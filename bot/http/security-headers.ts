import { posix } from 'node:path';
import type { Next, Request, Response } from 'restify';

/**
 * The security headers of every response, decided here and nowhere else (server.ts applies them
 * to each request before routing; routes and sendFile add only caching and content headers).
 *
 * - Our HTML pages (the demo site, the staff console) get a Content-Security-Policy that allows
 *   only our own files and may not be framed by anyone (clickjacking).
 * - The widget's files (embed.js, chat-panel.*, the Web Chat bundle) are loaded by municipalities'
 *   pages from other origins: they say so (Cross-Origin-Resource-Policy: cross-origin), so a site
 *   with Cross-Origin-Embedder-Policy can still load them.
 * - Everything else is data (tokens, activities, transcripts, staff data, errors): never stored by
 *   a browser or proxy, and inert if opened as a page.
 * - Everywhere: no MIME sniffing, no referrer sent on.
 * HSTS is left to the TLS-terminating reverse proxy (README, "Deployment").
 */
export type ResponseKind = 'demo-page' | 'console-page' | 'widget-file' | 'console-file' | 'data';

/** The demo pages stand in for a municipality's site: this is also the CSP such a site needs for the widget. */
const DEMO_PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // The demo pages' own <style> and the styles Web Chat injects at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // 'self' covers ws:// and wss:// to this host for the Direct Line stream.
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The console runs only our own files and talks only to us. */
const CONSOLE_PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** JSON and errors: nothing may run, load or frame. */
const DATA_CSP = "default-src 'none'; frame-ancestors 'none'";

const EVERYWHERE = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' } as const;

const HEADERS: Readonly<Record<ResponseKind, Readonly<Record<string, string>>>> = {
  'demo-page': { ...EVERYWHERE, 'Content-Security-Policy': DEMO_PAGE_CSP, 'X-Frame-Options': 'DENY' },
  'console-page': { ...EVERYWHERE, 'Content-Security-Policy': CONSOLE_PAGE_CSP, 'X-Frame-Options': 'DENY' },
  'widget-file': { ...EVERYWHERE, 'Cross-Origin-Resource-Policy': 'cross-origin' },
  'console-file': { ...EVERYWHERE, 'Cross-Origin-Resource-Policy': 'same-origin' },
  // Routes that may be cached say so themselves; the default for data is never.
  data: { ...EVERYWHERE, 'Content-Security-Policy': DATA_CSP, 'Cache-Control': 'no-store' },
};

/**
 * Which kind of response a request path gets. Decoded and normalised first, as the file routes
 * do, so "/webchat/demo/index%2ehtml" or "/webchat/x/../demo/index.html" is still a page.
 * Unknown paths are data (a JSON 404).
 */
export function responseKind(requestPath: string): ResponseKind {
  let path: string;
  try {
    path = posix.normalize(decodeURIComponent(requestPath));
  } catch {
    // Malformed percent-encoding: no file route will serve it; it gets a JSON error.
    return 'data';
  }
  // Served at /console/, /studio/ and /insight/ only.
  if (['/webchat/console/', '/webchat/studio/', '/webchat/insight/'].some((folder) => path.startsWith(folder)))
    return 'data';
  if (path === '/' || /^\/webchat\/demo\/[^/]+\.html$/.test(path)) return 'demo-page';
  if (path === '/console' || path === '/console/') return 'console-page';
  if (path.startsWith('/console/')) return 'console-file';
  // The knowledge studio is a staff page like the console, with the same policy.
  if (path === '/studio' || path === '/studio/') return 'console-page';
  if (path.startsWith('/studio/')) return 'console-file';
  // So is the managers' insight dashboard, with its printable effect report (a page too); Chart.js
  // is one of its files (/insight/vendor/), so 'self' in script-src covers it.
  if (path === '/insight' || path === '/insight/' || /^\/insight\/[^/]+\.html$/.test(path)) return 'console-page';
  if (path.startsWith('/insight/')) return 'console-file';
  if (path.startsWith('/webchat/')) return 'widget-file';
  return 'data';
}

export function securityHeadersFor(path: string): Readonly<Record<string, string>> {
  return HEADERS[responseKind(path)];
}

/**
 * A restify `pre` handler setting the headers before any route runs (so 404s and errors get them
 * too). A route that wants other caching must use res.setHeader (or writeHead): restify's
 * res.header() appends to a header already set ("no-store, max-age=60").
 */
export function securityHeaders() {
  return (req: Request, res: Response, next: Next): void => {
    for (const [name, value] of Object.entries(securityHeadersFor(req.path()))) res.setHeader(name, value);
    next();
  };
}
