import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { KnowledgeBase } from '../../knowledge/load-knowledge-base';
import { isStoreUnavailable } from '../storage/store-unavailable-error';
import type { Agent, HandoffDesk } from '../handoff/handoff-desk';
import { HandoffError, type HandoffRefusal } from '../handoff/handoff-error';
import { AgentStatusSchema } from '../handoff/handoff-queue';
import { WrapUpSchema, wrapUpCodes } from '../handoff/wrap-up-codes';
import type { ClientAddress } from '../http/client-address';
import { sendFile } from '../http/static-file';
import type { OwnOrigins } from '../http/own-origins';
import { sendStoreUnavailable } from '../http/store-unavailable-response';
import type { Logger } from '../runtime/logger';
import { CONSOLE_PAGE, consoleFile, type ConsoleFile } from './console-files';
import { HttpError, sendHttpError } from '../http/http-error';
import { parseRequestPart } from '../http/parse-request-part';
import { StaffAuth, type SignedIn } from './staff-auth';
import type { StaffRecords } from './staff-records';
import type { StaffDirectory } from './staff-directory';
import { StaffEventStream } from './staff-event-stream';
import type { StaffSessionStore } from './staff-session-store';
import { StaffViews } from './staff-views';
import { signInKeys, type SignInThrottle } from './sign-in-throttle';

const BASE = '/api/staff';

const SignInSchema = z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) });
const TextSchema = z.strictObject({
  text: z.string().trim().min(1, 'text must not be empty').max(2000, 'text must be at most 2000 characters'),
});
const ConversationIdSchema = z.string().regex(/^[A-Za-z0-9_.~-]{1,200}$/, 'not a conversation id');
const CallbackIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a callback id');
const StatusSchema = z.strictObject({ status: AgentStatusSchema });

export interface StaffRouteParts {
  readonly desk: HandoffDesk;
  readonly records: StaffRecords;
  readonly directory: StaffDirectory;
  readonly sessions: StaffSessionStore;
  readonly throttle: SignInThrottle;
  /** Who a request comes from, behind trusted proxies too (TRUST_PROXY). */
  readonly clientAddress: ClientAddress;
  readonly knowledge: () => KnowledgeBase | undefined;
  readonly logger: Logger;
  /** Behind https (PUBLIC_BASE_URL), cookies are Secure. */
  readonly secureCookies: boolean;
  readonly heartbeatMs: number;
  readonly graceMs: number;
  /** STAFF_AWAY_AFTER_MINUTES: the console sets an idle agent away after this long (0: never). */
  readonly awayAfterMinutes: number;
  readonly now?: () => Date;
}

/** The staff console's files and its API (documented in webchat/console/API.md). */
export function registerStaffRoutes(server: Server, parts: StaffRouteParts, ownOrigins: OwnOrigins): { close(): void } {
  const now = parts.now ?? (() => new Date());
  const auth = new StaffAuth(
    parts.sessions,
    parts.directory,
    (req) => parts.secureCookies || req.isSecure() || req.header('x-forwarded-proto') === 'https',
    ownOrigins,
  );
  const views = new StaffViews(parts.desk, parts.records, parts.knowledge, parts.directory, parts.awayAfterMinutes);
  const streams = new Set<StaffEventStream>();
  const { desk, records } = parts;

  // Cache-Control: no-store and the other headers of staff data come from bot/http/security-headers.ts.
  const handle = (handler: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await handler(req, res);
    } catch (error) {
      sendError(res, error, parts.logger);
    }
  };
  /** A route for signed-in staff; `change` routes also need the CSRF token. */
  const staff = (
    kind: 'read' | 'change',
    handler: (signedIn: SignedIn, req: Request, res: Response) => Promise<void>,
  ) =>
    handle(async (req, res) => {
      const signedIn = await auth.require(req, now());
      if (kind === 'change') auth.requireCsrf(req, signedIn.session);
      await handler(signedIn, req, res);
    });
  /** A route of the staffed queue: refused (403) to an account that serves no queue (an editor). */
  const queueRoute = (
    kind: 'read' | 'change',
    handler: (signedIn: SignedIn, req: Request, res: Response) => Promise<void>,
  ) =>
    staff(kind, async (signedIn, req, res) => {
      if (!desk.servesQueues(signedIn.account))
        throw new HttpError(
          403,
          'forbidden',
          'Your account serves no queue (an editor works in the knowledge studio).',
        );
      await handler(signedIn, req, res);
    });

  // Its CSP (nobody may frame it) and other security headers: bot/http/security-headers.ts.
  // The page, and its modules and styles by name (console-files.ts confines them to webchat/console/).
  const consoleRoutes: [string, (req: Request) => ConsoleFile | undefined][] = [
    ['/console', () => CONSOLE_PAGE],
    ['/console/', () => CONSOLE_PAGE],
    ['/console/:name', (req) => consoleFile(req.path())],
  ];
  for (const [route, resolve] of consoleRoutes) {
    const send = async (req: Request, res: Response) => {
      const found = resolve(req);
      if (found) await sendFile(req, res, found.file, { contentType: found.contentType, cacheControl: 'no-cache' });
      else res.send(404, { error: 'not_found', message: 'No such file.' });
    };
    server.get(route, send);
    server.head(route, send);
  }

  server.post(
    `${BASE}/session`,
    handle(async (req, res) => {
      auth.requireOwnOrigin(req);
      const body = parseRequestPart(SignInSchema, req.body);
      // Per username-and-address and, more loosely, per address; never per username alone, so a
      // stranger's guesses from elsewhere cannot keep the real user out (see SignInThrottle).
      const { userAtAddress, address } = signInKeys(body.username, parts.clientAddress(req));
      const keys = [userAtAddress, address];
      const decision = await parts.throttle.check(keys, now());
      if (!decision.allowed) {
        throw new HttpError(429, 'rate_limited', 'Too many failed sign-ins; wait and try again.', {
          'Retry-After': String(decision.retryAfterSeconds),
        });
      }
      const account = await parts.directory.verify(body.username, body.password);
      if (!account) {
        await parts.throttle.recordFailure(keys, now());
        parts.logger.warn({ staff: { event: 'sign-in-failed' } }, 'staff sign-in failed');
        throw new HttpError(401, 'invalid_credentials', 'Wrong username or password.');
      }
      // The address's count is kept: one good account must not wash away guesses at the others.
      await parts.throttle.reset([userAtAddress]);
      const session = await parts.sessions.create(account.id, now());
      auth.setCookie(req, res, session);
      parts.logger.info({ staff: { event: 'signed-in', agent: account.id } }, 'staff signed in');
      res.send(200, { agent: publicAgent(account), csrfToken: session.csrfToken });
    }),
  );

  server.get(
    `${BASE}/session`,
    staff('read', async ({ account, session }, _req, res) => {
      res.send(200, { agent: publicAgent(account), csrfToken: session.csrfToken });
    }),
  );

  server.del(
    `${BASE}/session`,
    staff('change', async ({ account, session }, req, res) => {
      await parts.sessions.delete(session.id);
      await desk.signOff(account.id, now());
      auth.clearCookie(req, res);
      parts.logger.info({ staff: { event: 'signed-out', agent: account.id } }, 'staff signed out');
      res.send(204);
    }),
  );

  server.get(
    `${BASE}/state`,
    staff('read', async ({ account }, _req, res) => {
      res.send(200, await views.snapshot(account, now()));
    }),
  );

  server.get(
    `${BASE}/events`,
    staff('read', async ({ account }, req, res) => {
      const stream = new StaffEventStream(
        desk,
        records,
        views,
        account,
        res,
        { heartbeatMs: parts.heartbeatMs, graceMs: parts.graceMs, now },
        parts.logger,
      );
      streams.add(stream);
      req.on('close', () => {
        stream.close();
        streams.delete(stream);
      });
      await stream.start();
    }),
  );

  server.put(
    `${BASE}/status`,
    queueRoute('change', async ({ account }, req, res) => {
      const { status } = parseRequestPart(StatusSchema, req.body);
      await desk.setStatus(account, status, now());
      res.send(200, { status });
    }),
  );

  server.post(
    `${BASE}/queue/next`,
    queueRoute('change', async ({ account }, _req, res) => {
      const assignment = await desk.claim(account, undefined, now());
      res.send(200, await views.conversation(assignment));
    }),
  );

  server.post(
    `${BASE}/conversations/:id/claim`,
    queueRoute('change', async ({ account }, req, res) => {
      const assignment = await desk.claim(account, conversationIdOf(req), now());
      res.send(200, await views.conversation(assignment));
    }),
  );

  server.get(
    `${BASE}/conversations/:id`,
    queueRoute('read', async ({ account }, req, res) => {
      res.send(200, await views.conversation(await desk.heldBy(account, conversationIdOf(req), 'read')));
    }),
  );

  server.post(
    `${BASE}/conversations/:id/messages`,
    queueRoute('change', async ({ account }, req, res) => {
      const { text } = parseRequestPart(TextSchema, req.body);
      res.send(201, { id: await desk.sendMessage(account, conversationIdOf(req), text) });
    }),
  );

  server.post(
    `${BASE}/conversations/:id/typing`,
    queueRoute('change', async ({ account }, req, res) => {
      await desk.typing(account, conversationIdOf(req));
      res.send(204);
    }),
  );

  server.post(
    `${BASE}/conversations/:id/notes`,
    queueRoute('change', async ({ account }, req, res) => {
      const { text } = parseRequestPart(TextSchema, req.body);
      const conversationId = conversationIdOf(req);
      await desk.heldBy(account, conversationId, 'write');
      res.send(201, await records.notes.add(conversationId, { author: account.name, text }, now()));
    }),
  );

  server.post(
    `${BASE}/conversations/:id/end`,
    queueRoute('change', async ({ account }, req, res) => {
      const conversationId = conversationIdOf(req);
      // No body is no wrap-up: the code is optional.
      const wrapUp = req.body === undefined || req.body === '' ? {} : parseRequestPart(WrapUpSchema, req.body);
      if (wrapUp.topic !== undefined && !parts.knowledge()?.intents.has(wrapUp.topic))
        throw new HttpError(400, 'bad_request', `topic: ${wrapUp.topic} is not a topic of the knowledge base.`);
      await desk.end(account, conversationId, now(), wrapUp);
      res.send(204);
    }),
  );

  server.get(
    `${BASE}/wrap-up-codes`,
    queueRoute('read', async (_signedIn, _req, res) => {
      res.send(200, wrapUpCodes(parts.knowledge()));
    }),
  );

  server.post(
    `${BASE}/conversations/:id/return`,
    queueRoute('change', async ({ account }, req, res) => {
      await desk.returnToAssistant(account, conversationIdOf(req), now());
      res.send(204);
    }),
  );

  server.get(
    `${BASE}/canned-replies`,
    staff('read', async (_signedIn, _req, res) => {
      res.send(200, { replies: parts.directory.cannedReplies });
    }),
  );

  server.get(
    `${BASE}/callbacks`,
    queueRoute('read', async ({ account }, _req, res) => {
      const requests = await records.callbacks.list(desk.queuesOf(account));
      const municipalities = parts.knowledge()?.municipalities;
      res.send(200, {
        callbacks: requests.map((request) => ({
          id: request.id,
          municipality: {
            id: request.municipalityId,
            name: municipalities?.get(request.municipalityId)?.name ?? request.municipalityId,
          },
          language: request.language,
          phone: request.phone,
          message: request.message,
          conversationId: request.conversationId ?? null,
          createdAt: request.createdAt,
        })),
      });
    }),
  );

  server.get(
    `${BASE}/callbacks/:id/conversation`,
    queueRoute('read', async ({ account }, req, res) => {
      const id = parseRequestPart(CallbackIdSchema, idParam(req));
      // The request must be in the agent's own queues, as for closing it; that is what lets them read the chat.
      const request = (await records.callbacks.list(desk.queuesOf(account))).find((candidate) => candidate.id === id);
      if (!request) throw new HttpError(404, 'not_found', 'No such callback request.');
      const view = request.conversationId ? await views.callbackConversation(request.conversationId) : undefined;
      if (!view)
        throw new HttpError(
          404,
          'conversation_gone',
          'The conversation behind this callback request is no longer kept.',
        );
      parts.logger.info(
        { staff: { event: 'callback-conversation-read', agent: account.id } },
        'callback conversation read',
      );
      res.send(200, view);
    }),
  );

  server.post(
    `${BASE}/callbacks/:id/done`,
    queueRoute('change', async ({ account }, req, res) => {
      const id = parseRequestPart(CallbackIdSchema, idParam(req));
      // Only requests in the agent's own queues may be closed.
      const mine = (await records.callbacks.list(desk.queuesOf(account))).some((request) => request.id === id);
      if (!mine || !(await records.callbacks.remove(id)))
        throw new HttpError(404, 'not_found', 'No such callback request.');
      parts.logger.info({ staff: { event: 'callback-done', agent: account.id } }, 'callback done');
      res.send(204);
    }),
  );

  server.get(
    `${BASE}/overview`,
    staff('read', async ({ account }, _req, res) => {
      if (account.role !== 'admin') throw new HttpError(403, 'forbidden', 'Only administrators see the overview.');
      const at = now();
      const agents = await Promise.all(
        parts.directory.accounts().map(async (a) => ({
          id: a.id,
          name: a.name,
          role: a.role,
          onDuty: await records.queue.isOnDuty(a.id, at),
          status: (await records.queue.presenceOf([a.id], at)).get(a.id)?.status ?? 'available',
          conversations: (await records.queue.assignmentsOf(a.id)).length,
        })),
      );
      const queues = await Promise.all(
        desk.allQueues().map(async (id) => {
          const waiting = await records.queue.waiting([id]);
          return {
            id,
            waiting: waiting.length,
            oldestEnqueuedAt: waiting[0]?.enqueuedAt ?? null,
            agentsOnDuty: await records.queue.agentsOnDuty(id, at),
          };
        }),
      );
      res.send(200, { agents, queues });
    }),
  );

  return {
    close: () => {
      for (const stream of streams) stream.close();
      streams.clear();
    },
  };
}

function publicAgent(agent: Agent & { id: string }) {
  return {
    id: agent.id,
    name: agent.name,
    role: agent.role,
    queues: agent.queues,
    maxConversations: agent.maxConversations,
  };
}

function conversationIdOf(req: Request): string {
  return parseRequestPart(ConversationIdSchema, idParam(req));
}

/** The route's :id, unchecked: restify types params as any. */
function idParam(req: Request): unknown {
  return (req.params as Record<string, unknown> | undefined)?.id;
}

/** The desk's refusals as HTTP statuses. */
const HANDOFF_REFUSAL_STATUS: Readonly<Record<HandoffRefusal, number>> = {
  not_waiting: 409,
  limit_reached: 409,
  queue_empty: 404,
  not_yours: 404,
  not_allowed: 403,
  not_available: 409,
  starting: 503,
};

function sendError(res: Response, error: unknown, logger: Logger): void {
  if (error instanceof HttpError) {
    sendHttpError(res, error);
  } else if (error instanceof HandoffError) {
    res.send(HANDOFF_REFUSAL_STATUS[error.code], { error: error.code, message: error.message });
  } else if (isStoreUnavailable(error)) {
    sendStoreUnavailable(res, error);
  } else {
    logger.error({ err: { message: error instanceof Error ? error.message : String(error) } }, 'staff request failed');
    res.send(503, { error: 'unavailable', message: 'The staff service is unavailable right now; try again shortly.' });
  }
}
