import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type restify from 'restify';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { KnowledgeBase } from '../../knowledge/load-knowledge-base';
import { projectRoot } from '../../knowledge/load-knowledge-base';
import type { ConversationStore } from '../conversations/conversation-store';
import type { DirectLineTokens } from '../directline/directline-tokens';
import { originAllowedFor, requestOrigin } from '../http/origin-policy';
import { sendFile } from '../http/static-file';
import type { RateLimiter } from '../http/rate-limiter';

const TokenRequestSchema = z.strictObject({
  municipality: z.string().regex(/^[a-z0-9-]{1,64}$/, 'municipality must be a municipality id such as "boegely"'),
  locale: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'locale must be a language tag such as "da-DK"').optional(),
});

const STARTING = { error: 'starting', message: 'The assistant is starting; try again shortly.' };
const ROOT = projectRoot();
const WEBCHAT_DIRECTORY = path.join(ROOT, 'webchat');
/** The official Web Chat bundle, served by us (no CDN), loaded only when a citizen opens the chat. */
// The package exports only its entry (lib/index.js); the browser bundle sits beside it in dist/.
const WEBCHAT_BUNDLE = path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');

export interface WebchatRouteParts {
  readonly store: ConversationStore;
  readonly tokens: DirectLineTokens;
  /** Undefined while the assistant is starting. */
  readonly knowledge: () => KnowledgeBase | undefined;
  readonly conversationLimiter: RateLimiter;
}

/**
 * What the widget needs besides Direct Line: its configuration, a token for a new conversation
 * (the browser never sees a secret), deleting a conversation, and the widget's own files.
 */
export function registerWebchatRoutes(server: Server, parts: WebchatRouteParts): void {
  server.get('/api/webchat/config', (req, res, next) => {
    const id = typeof req.query?.municipality === 'string' ? req.query.municipality : '';
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
    const limit = parts.conversationLimiter.take(`ip:${req.socket.remoteAddress ?? 'unknown'}`);
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
    if (!originAllowedFor(req, origin, municipality)) {
      res.send(403, { error: 'origin_not_allowed', message: `${origin} may not embed the chat for ${municipality.name}.` });
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
    const token = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
    let conversationId: string;
    try {
      conversationId = parts.tokens.verify(token ?? '').conversationId;
    } catch {
      res.send(401, { error: 'unauthorized', message: 'A valid Bearer token for the conversation is required.' });
      return;
    }
    if (conversationId !== req.params.conversationId) {
      res.send(403, { error: 'forbidden', message: 'The token is for another conversation.' });
      return;
    }
    await parts.store.deleteConversation(conversationId);
    res.send(204);
  });

  const sendBundle = async (_req: Request, res: Response) => {
    await sendFile(res, WEBCHAT_BUNDLE, 'application/javascript; charset=utf-8', 'public, max-age=86400');
  };
  server.get('/webchat/vendor/webchat.js', sendBundle);
  server.head('/webchat/vendor/webchat.js', sendBundle);
  server.get('/', async (_req: Request, res: Response) => {
    await sendFile(res, path.join(WEBCHAT_DIRECTORY, 'demo', 'index.html'), 'text/html; charset=utf-8', 'no-cache');
  });
  server.get('/webchat/*', async (req: Request, res: Response) => {
    const file = webchatFile(req.path());
    const type = file ? CONTENT_TYPES[path.extname(file)] : undefined;
    if (!file || !type) {
      res.send(404, { error: 'not_found', message: 'No such file.' });
      return;
    }
    await sendFile(res, file, type, 'public, max-age=300');
  });
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
};

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
  return resolved.startsWith(WEBCHAT_DIRECTORY + path.sep) ? resolved : undefined;
}

const CORS_PATHS = /^\/(v3\/directline|api\/webchat)\//;

/**
 * CORS for the widget's API calls. Preflights are answered for origins that some municipality
 * allows (or our own); each request is then checked precisely (token endpoint: the municipality's
 * sites; Direct Line: the origin the token was issued to).
 */
export function registerCors(server: Server, knowledge: () => KnowledgeBase | undefined): void {
  server.pre((req: Request, res: Response, next: restify.Next) => {
    if (!CORS_PATHS.test(req.path())) return next();
    const origin = requestOrigin(req);
    const known =
      origin !== '' &&
      [...(knowledge()?.municipalities.values() ?? [])].some((m) => originAllowedFor(req, origin, m));
    if (known) {
      res.header('Access-Control-Allow-Origin', origin);
      res.header('Vary', 'Origin');
    }
    if (req.method !== 'OPTIONS') return next();
    if (known) {
      res.header('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
      res.header('Access-Control-Allow-Headers', 'Authorization, Content-Type, x-ms-bot-agent, x-requested-with');
      res.header('Access-Control-Max-Age', '600');
    }
    res.send(known ? 204 : 403);
    return next(false);
  });
}
