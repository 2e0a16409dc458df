import type { IncomingMessage } from 'node:http';
import type { MunicipalityProfile } from '../../knowledge/municipality-profile';

/**
 * The Origin header, normalised ("https://www.kommune.dk"), or "" when the client sent none.
 * Works for restify requests and raw WebSocket upgrade requests alike.
 */
export function requestOrigin(req: IncomingMessage): string {
  const origin = req.headers.origin;
  if (!origin) return '';
  try {
    return new URL(origin).origin;
  } catch {
    // A malformed Origin header is treated like a foreign one (never allowed), not as an error.
    return 'invalid:';
  }
}

/** True when the page making the request is served by this server itself (the demo page). */
export function isSameOrigin(req: IncomingMessage, origin: string): boolean {
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * May a page on `origin` use the chat for this municipality? Requests without an Origin
 * header are not from a browser page (CORS is a browser protection); they are allowed and
 * bound to "" so their token cannot be used from a page later.
 */
export function originAllowedFor(req: IncomingMessage, origin: string, municipality: MunicipalityProfile): boolean {
  if (origin === '') return true;
  if (isSameOrigin(req, origin)) return true;
  return municipality.allowedOrigins.some((allowed) => new URL(allowed).origin === origin);
}

/** Does this request come from the site a token was issued to (or from no page, or our own)? */
export function fromTokenSite(req: IncomingMessage, tokenOrigin: string): boolean {
  const origin = requestOrigin(req);
  return origin === '' || origin === tokenOrigin || isSameOrigin(req, origin);
}
