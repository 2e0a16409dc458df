import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type restify from 'restify';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { KnowledgeBase } from '../../knowledge/load-knowledge-base';
import type { ConversationStore } from '../conversations/conversation-store';
import type { DirectLineTokens } from '../directline/directline-tokens';
import type { ClientAddress } from '../http/client-address';
import { originAllowedFor, requestOrigin } from '../http/origin-policy';
import type { OwnOrigins } from '../http/own-origins';
import { sendFile } from '../http/static-file';
import type { RateLimiter } from '../http/rate-limiter';
import {
  CONTENT_TYPES,
  UNVERSIONED_BUNDLE_PATH,
  VERSIONED_BUNDLE_PATH,
  WEBCHAT_BUNDLE,
  WEBCHAT_DIRECTORY,
} from './widget-files';

const TokenRequestSchema = z.strictObject({
  municipality: z.string().regex(/^[a-z0-9-]{1,64}$/, 'municipality must be a municipality id such as "boegely"'),
  locale: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'locale must be a language tag such as "da-DK"')
    .optional(),
});

const STARTING = { error: 'starting', message: 'The assistant is starting; try again shortly.' };

export interface WebchatRouteParts {
  readonly store: ConversationStore;
  readonly tokens: DirectLineTokens;
  /** Undefined while the assistant is starting. */
  readonly knowledge: () => KnowledgeBase | undefined;
  readonly conversationLimiter: RateLimiter;
  /** Who a request comes from, behind trusted proxies too (TRUST_PROXY). */
  readonly clientAddress: ClientAddress;
  /** Takes a conversation the citizen is done with out of the staffed queue and away from its agent. */
  readonly citizenLeft?: (conversationId: string, reason: 'started-over' | 'deleted', now: Date) => Promise<void>;
}

/**
 * What the widget needs besides Direct Line: its configuration, a token for a new conversation
 * (the browser never sees a secret), deleting or leaving a conversation, and the widget's own files.
 */
export function registerWebchatRoutes(server: Server, parts: WebchatRouteParts, ownOrigins: OwnOrigins): void {
  server.get('/api/webchat/config', (req, res, next) => {
    const requested = (req.query as Record<string, unknown> | undefined)?.municipality;
    const id = typeof requested === 'string' ? requested : '';
    const knowledge = parts.knowledge();
    const municipality = knowledge?.municipalities.get(id);
    if (!knowledge) res.send(503, STARTING);
    else if (!municipality) res.send(404, { error: 'unknown_municipality', message: `No municipality "${id}".` });
    else {
      res.send(200, {
        municipality: { id: municipality.id, name: municipality.name, ...municipality.webchat },
        locales: ['da-DK', 'en-GB'],
      });
    }
    next();
  });

  server.post('/api/webchat/token', async (req: Request, res: Response) => {
    const limit = await parts.conversationLimiter.take(`ip:${parts.clientAddress(req)}`);
    if (!limit.allowed) {
      res.header('Retry-After', String(limit.retryAfterSeconds));
      res.send(429, { error: 'rate_limited', message: 'Too many new conversations; wait a moment.' });
      return;
    }
    const body = TokenRequestSchema.safeParse(req.body ?? {});
    if (!body.success) {
      res.send(400, { error: 'bad_request', message: body.error.issues.map((i) => i.message).join('; ') });
      return;
    }
    const knowledge = parts.knowledge();
    if (!knowledge) {
      res.send(503, STARTING);
      return;
    }
    const municipality = knowledge.municipalities.get(body.data.municipality);
    if (!municipality) {
      res.send(404, { error: 'unknown_municipality', message: `No municipality "${body.data.municipality}".` });
      return;
    }
    const origin = requestOrigin(req);
    if (!originAllowedFor(ownOrigins, origin, municipality)) {
      res.send(403, {
        error: 'origin_not_allowed',
        message: `${origin} may not embed the chat for ${municipality.name}.`,
      });
      return;
    }
    // 192 random bits: conversation ids cannot be guessed.
    const conversationId = randomBytes(24).toString('base64url');
    await parts.store.createConversation({
      id: conversationId,
      municipalityId: municipality.id,
      origin,
      createdAt: new Date().toISOString(),
      ...(body.data.locale ? { locale: body.data.locale } : {}),
    });
    const token = parts.tokens.issue({ conversationId, municipalityId: municipality.id, origin });
    res.send(200, { token, conversationId, expires_in: parts.tokens.ttlSeconds });
  });

  server.del('/api/webchat/conversations/:conversationId', async (req: Request, res: Response) => {
    const conversationId = tokenConversation(req, res, parts.tokens);
    if (conversationId === undefined) return;
    // First, so that the agent's console and the queue learn why (erasing forgets the queue entry too).
    await parts.citizenLeft?.(conversationId, 'deleted', new Date());
    await parts.store.deleteConversation(conversationId);
    res.send(204);
  });

  // "Start forfra": the widget leaves this conversation for a new one; it must not stay in the queue
  // or with an agent. The conversation itself is kept (the citizen may download it until it expires).
  server.post('/api/webchat/conversations/:conversationId/leave', async (req: Request, res: Response) => {
    const conversationId = tokenConversation(req, res, parts.tokens);
    if (conversationId === undefined) return;
    await parts.citizenLeft?.(conversationId, 'started-over', new Date());
    res.send(204);
  });

  // Files: precompressed, with ETags (static-file.ts). The versioned bundle never changes at its
  // address; pages revalidate every time; the rest (embed.js above all) is cached for 5 minutes,
  // so a change reaches municipalities' sites quickly.
  const files: [string, (req: Request) => { file: string; contentType: string; cacheControl: string } | undefined][] = [
    [
      VERSIONED_BUNDLE_PATH,
      () => ({ file: WEBCHAT_BUNDLE, contentType: JAVASCRIPT, cacheControl: 'public, max-age=31536000, immutable' }),
    ],
    [UNVERSIONED_BUNDLE_PATH, () => ({ file: WEBCHAT_BUNDLE, contentType: JAVASCRIPT, cacheControl: SHORT_CACHE })],
    [
      '/',
      () => ({ file: path.join(WEBCHAT_DIRECTORY, 'demo', 'index.html'), contentType: HTML, cacheControl: 'no-cache' }),
    ],
    [
      '/webchat/*',
      (req) => {
        const file = webchatFile(req.path());
        const contentType = file ? CONTENT_TYPES[path.extname(file)] : undefined;
        if (!file || !contentType) return undefined;
        return { file, contentType, cacheControl: contentType === HTML ? 'no-cache' : SHORT_CACHE };
      },
    ],
  ];
  for (const [route, resolve] of files) {
    const handler = async (req: Request, res: Response) => {
      const found = resolve(req);
      if (found) await sendFile(req, res, found.file, found);
      else res.send(404, { error: 'not_found', message: 'No such file.' });
    };
    server.get(route, handler);
    server.head(route, handler);
  }
}

/** The conversation the request's Bearer token opens, if it is the one in the path; otherwise answered with 401/403. */
function tokenConversation(req: Request, res: Response, tokens: DirectLineTokens): string | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(req.header('authorization', ''))?.[1];
  let conversationId: string;
  try {
    conversationId = tokens.verify(token ?? '').conversationId;
  } catch {
    res.send(401, { error: 'unauthorized', message: 'A valid Bearer token for the conversation is required.' });
    return undefined;
  }
  if (conversationId !== (req.params as Record<string, unknown> | undefined)?.conversationId) {
    res.send(403, { error: 'forbidden', message: 'The token is for another conversation.' });
    return undefined;
  }
  return conversationId;
}

const JAVASCRIPT = CONTENT_TYPES['.js'] ?? 'application/javascript; charset=utf-8';
const HTML = CONTENT_TYPES['.html'] ?? 'text/html; charset=utf-8';
const SHORT_CACHE = 'public, max-age=300';
/** The console, the studio and the insight dashboard are served at /console/, /studio/ and /insight/ only (their own headers and routes), never under /webchat/. */
const STAFF_PAGE_DIRECTORIES = ['console', 'studio', 'insight'].map((folder) => path.join(WEBCHAT_DIRECTORY, folder));

/**
 * The file under webchat/ a request path names, or undefined. Decodes first and checks the
 * resolved path afterwards, so "%2e%2e" and other encodings cannot climb out of the folder
 * (restify's serveStatic checks before decoding and does not catch that).
 */
export function webchatFile(requestPath: string): string | undefined {
  let relative: string;
  try {
    relative = decodeURIComponent(requestPath.replace(/^\/webchat\//, ''));
  } catch {
    // Malformed percent-encoding: not a file we have.
    return undefined;
  }
  if (relative.includes('\0')) return undefined;
  const resolved = path.resolve(WEBCHAT_DIRECTORY, relative);
  if (STAFF_PAGE_DIRECTORIES.some((directory) => resolved.startsWith(directory + path.sep))) return undefined;
  return resolved.startsWith(WEBCHAT_DIRECTORY + path.sep) ? resolved : undefined;
}

const CORS_PATHS = /^\/(v3\/directline|api\/webchat)\//;

/**
 * CORS for the widget's API calls. Preflights are answered for origins that some municipality
 * allows (or our own); each request is then checked precisely (token endpoint: the municipality's
 * sites; Direct Line: the origin the token was issued to).
 */
export function registerCors(server: Server, knowledge: () => KnowledgeBase | undefined, ownOrigins: OwnOrigins): void {
  server.pre((req: Request, res: Response, next: restify.Next) => {
    if (!CORS_PATHS.test(req.path())) {
      next();
      return;
    }
    const origin = requestOrigin(req);
    const known =
      origin !== '' &&
      [...(knowledge()?.municipalities.values() ?? [])].some((m) => originAllowedFor(ownOrigins, origin, m));
    if (known) {
      res.header('Access-Control-Allow-Origin', origin);
      res.header('Vary', 'Origin');
    }
    if (req.method !== 'OPTIONS') {
      next();
      return;
    }
    if (known) {
      res.header('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
      res.header('Access-Control-Allow-Headers', 'Authorization, Content-Type, x-ms-bot-agent, x-requested-with');
      res.header('Access-Control-Max-Age', '600');
    }
    res.send(known ? 204 : 403);
    next(false);
  });
}
