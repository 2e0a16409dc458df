import type { IncomingMessage } from 'node:http';
import type { MunicipalityProfile } from '../../knowledge/municipality-profile';
import type { OwnOrigins } from './own-origins';

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

/**
 * May a page on `origin` use the chat for this municipality? Our own pages (the demo site) and
 * the municipality's allowedOrigins may; the Host header plays no part. Requests without an
 * Origin header are not from a browser page (CORS is a browser protection); they are allowed and
 * bound to "" so their token cannot be used from a page later.
 */
export function originAllowedFor(ownOrigins: OwnOrigins, origin: string, municipality: MunicipalityProfile): boolean {
  if (origin === '') return true;
  if (ownOrigins.has(origin)) return true;
  return municipality.allowedOrigins.some((allowed) => new URL(allowed).origin === origin);
}

/** Does this request come from the site a token was issued to (or from no page, or our own)? */
export function fromTokenSite(req: IncomingMessage, tokenOrigin: string, ownOrigins: OwnOrigins): boolean {
  const origin = requestOrigin(req);
  return origin === '' || origin === tokenOrigin || ownOrigins.has(origin);
}
