import type { Request } from 'restify';
import type { MunicipalityProfile } from '../../knowledge/municipality-profile';

/** The Origin header, normalised ("https://www.kommune.dk"), or "" when the client sent none. */
export function requestOrigin(req: Request): string {
  const origin = req.header('origin');
  if (!origin) return '';
  try {
    return new URL(origin).origin;
  } catch {
    // A malformed Origin header is treated like a foreign one (never allowed), not as an error.
    return 'invalid:';
  }
}

/** True when the page making the request is served by this server itself (the demo page). */
export function isSameOrigin(req: Request, origin: string): boolean {
  try {
    return new URL(origin).host === req.header('host');
  } catch {
    return false;
  }
}

/**
 * May a page on `origin` use the chat for this municipality? Requests without an Origin
 * header are not from a browser page (CORS is a browser protection); they are allowed and
 * bound to "" so their token cannot be used from a page later.
 */
export function originAllowedFor(req: Request, origin: string, municipality: MunicipalityProfile): boolean {
  if (origin === '') return true;
  if (isSameOrigin(req, origin)) return true;
  return municipality.allowedOrigins.some((allowed) => new URL(allowed).origin === origin);
}
