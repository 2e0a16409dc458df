import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'restify';
import { HttpError } from '../http/http-error';
import { requestOrigin } from '../http/origin-policy';
import type { OwnOrigins } from '../http/own-origins';
import type { StaffAccount, StaffDirectory } from './staff-directory';
import type { StaffSession, StaffSessionStore } from './staff-session-store';

export const SESSION_COOKIE = 'bsa_staff';
export const CSRF_HEADER = 'x-csrf-token';

export interface SignedIn {
  readonly session: StaffSession;
  readonly account: StaffAccount;
}

/**
 * The console's door: a server-side session named by an HttpOnly, SameSite=Strict cookie, and a
 * CSRF token (synchroniser pattern) that every state change must send back in a header, which a
 * page on another site can neither read nor set.
 */
export class StaffAuth {
  constructor(
    private readonly sessions: StaffSessionStore,
    private readonly directory: StaffDirectory,
    private readonly secureCookies: (req: Request) => boolean,
    private readonly ownOrigins: OwnOrigins,
  ) {}

  /** The signed-in member of staff, or 401. An account removed from the staff file ends its sessions. */
  async require(req: Request, now: Date): Promise<SignedIn> {
    const id = parseCookies(req.header('cookie', ''))[SESSION_COOKIE];
    const session = id ? await this.sessions.get(id, now) : undefined;
    const account = session ? this.directory.account(session.agentId) : undefined;
    if (!session || !account) throw new HttpError(401, 'unauthorized', 'Sign in to use the staff console.');
    return { session, account };
  }

  /** Checks the CSRF token of a state-changing request, and that it comes from our own pages. */
  requireCsrf(req: Request, session: StaffSession): void {
    this.requireOwnOrigin(req);
    const sent = Buffer.from(req.header(CSRF_HEADER, ''));
    const expected = Buffer.from(session.csrfToken);
    if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
      throw new HttpError(403, 'csrf', 'The request lacks a valid X-CSRF-Token header.');
    }
  }

  /** Browsers send Origin on every POST and DELETE; one that is not ours (PUBLIC_BASE_URL) is refused. */
  requireOwnOrigin(req: Request): void {
    const origin = requestOrigin(req);
    if (origin !== '' && !this.ownOrigins.has(origin))
      throw new HttpError(403, 'csrf', 'Requests must come from the staff console itself.');
  }

  setCookie(req: Request, res: Response, session: StaffSession): void {
    res.header(
      'Set-Cookie',
      serializeCookie(SESSION_COOKIE, session.id, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: this.secureCookies(req),
      }),
    );
  }

  clearCookie(req: Request, res: Response): void {
    res.header(
      'Set-Cookie',
      serializeCookie(SESSION_COOKIE, '', {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: this.secureCookies(req),
        maxAge: 0,
      }),
    );
  }
}
