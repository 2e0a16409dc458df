import { ActivityTypes, type Activity } from 'botbuilder';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Request, Response, Server } from 'restify';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AssistantBot } from '../botframework/assistant-bot';
import type { ConversationRecord, ConversationStore } from '../conversations/conversation-store';
import { isStoreUnavailable } from '../storage/store-unavailable-error';
import { fromTokenSite } from '../http/origin-policy';
import { OwnOrigins } from '../http/own-origins';
import type { RateLimiter } from '../http/rate-limiter';
import { sendStoreUnavailable } from '../http/store-unavailable-response';
import type { CitizenPresence } from '../handoff/citizen-presence';
import type { Logger } from '../runtime/logger';
import { redactClientActivity } from '../../privacy/redact-client-activity';
import { ConversationTurns } from './conversation-turns';
import { BOT_ACCOUNT, DIRECT_LINE_CHANNEL, DirectLineAdapter } from './directline-adapter';
import { InvalidTokenError, type DirectLineTokens, type TokenClaims } from './directline-tokens';
import { retryWhileStoreUnavailable } from './store-outage-retry';
import { IncomingActivitySchema, StartConversationBodySchema, isSmallJson } from './incoming-activity';
import { withoutStaleTyping } from './stale-typing';
import { HttpError, sendHttpError } from '../http/http-error';
import { errorBody } from '../http/error-body';

const BASE = '/v3/directline';
const STREAM_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]{1,128})\/stream$/;
const PING_INTERVAL_MS = 30_000;
const PAGE_SIZE = 100;
/**
 * Messages over the allowance are stored and answered a little later, up to this many waiting per
 * conversation (on this instance); only a flood beyond it gets 429. The official client resolves a
 * 429 on a post as "retry" and drops the message, so 429 must be for floods, never for a citizen
 * who types fast.
 */
const MAX_DEFERRED_TURNS = 5;
/** How often, at most, a failure to note a citizen as present is logged. */
const PRESENCE_WARN_EVERY_MS = 30_000;
/** The longest a deferred message waits for its answer. */
const MAX_DEFERRAL_MS = 10_000;

export interface DirectLineChannelParts {
  readonly store: ConversationStore;
  readonly tokens: DirectLineTokens;
  readonly bot: () => AssistantBot | undefined;
  readonly messageLimiter: RateLimiter;
  /** Typing indicators have an allowance of their own, so typing never uses up the citizen's messages. */
  readonly typingLimiter: RateLimiter;
  readonly logger: Logger;
  /** e.g. "https://chat.kommune.dk"; stream URLs are derived from the request when unset. */
  readonly publicBaseUrl?: string;
  /**
   * Where each request from the citizen's widget is noted (its chat is there), and how often an
   * open stream renews it: the sweeper takes a citizen whose chat is gone out of the queue.
   */
  readonly presence?: { readonly store: Pick<CitizenPresence, 'seen'>; readonly refreshMs: number };
}

/**
 * Direct Line 3.0 as botframework-directlinejs (and so Web Chat) uses it, served by us:
 * start and reconnect a conversation, refresh its token, GET and POST activities, and stream
 * them over WebSocket. Every request carries a token bound to one conversation.
 */
export class DirectLineChannel {
  private readonly adapter: DirectLineAdapter;
  private readonly turns = new ConversationTurns();
  /** Deferred (over-allowance) messages waiting for their turn, per conversation. */
  private readonly deferred = new Map<string, number>();
  private readonly sockets = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  /** When a failure to note a citizen as present was last logged. */
  private presenceWarnedAt = 0;
  /** Aborted on close: turns waiting for Redis to come back stop waiting. */
  private readonly closing = new AbortController();

  constructor(private readonly parts: DirectLineChannelParts) {
    this.adapter = new DirectLineAdapter(parts.store);
    this.adapter.onTurnError = async (context, error) => {
      // Redis is away: saying sorry would fail too; runTurn waits and runs the turn again.
      if (isStoreUnavailable(error)) throw error;
      parts.logger.error({ err: { name: error.name, message: error.message } }, 'bot turn failed');
      await context.sendActivity(
        'Beklager, der skete en fejl hos mig. Prøv igen om lidt. / Sorry, something went wrong. Please try again.',
      );
    };
  }

  /** Our own pages' origins (PUBLIC_BASE_URL or the listening address), which may use any token; given by the server. */
  private ownOrigins = OwnOrigins.none();

  registerRoutes(server: Server, ownOrigins: OwnOrigins): void {
    this.ownOrigins = ownOrigins;
    const route = (handler: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
      try {
        await handler(req, res);
      } catch (error) {
        this.sendError(res, error);
      }
    };
    server.post(
      `${BASE}/conversations`,
      route((req, res) => this.startConversation(req, res)),
    );
    server.get(
      `${BASE}/conversations/:conversationId`,
      route((req, res) => this.reconnect(req, res)),
    );
    server.post(
      `${BASE}/tokens/refresh`,
      route((req, res) => this.refreshToken(req, res)),
    );
    server.get(
      `${BASE}/conversations/:conversationId/activities`,
      route((req, res) => this.getActivities(req, res)),
    );
    server.post(
      `${BASE}/conversations/:conversationId/activities`,
      route((req, res) => this.postActivity(req, res)),
    );
    server.post(
      `${BASE}/conversations/:conversationId/upload`,
      route(async () => {
        throw new HttpError(415, 'attachments_not_supported', 'The chat takes text only.');
      }),
    );
  }

  /** Handles WebSocket upgrades for stream URLs; other upgrade requests are refused. */
  attachStreaming(httpServer: {
    on(event: 'upgrade', listener: (req: IncomingMessage, socket: Duplex, head: Buffer) => void): unknown;
  }): void {
    httpServer.on('upgrade', (req, socket, head) => {
      this.upgrade(req, socket, head).catch((error: unknown) => {
        this.parts.logger.warn({ err: { message: String(error) } }, 'stream upgrade failed');
        refuseUpgrade(socket, 500, 'Internal Server Error');
      });
    });
  }

  /** Stops streams and waits for bot turns in progress. */
  async close(): Promise<void> {
    for (const socket of this.sockets.clients) socket.close(1001, 'server shutting down');
    this.closing.abort();
    await this.turns.drain();
  }

  // --- REST -------------------------------------------------------------------------------

  private async startConversation(req: Request, res: Response): Promise<void> {
    const { claims, record } = await this.authorise(req);
    this.seen(record.id);
    // Web Chat sends conversationStartProperties.locale here; it decides the welcome's language,
    // as on the Direct Line service. A body that is not ours to read is ignored, not refused:
    // clients send various empty bodies to this route.
    const start = StartConversationBodySchema.safeParse(req.body);
    const locale = (start.success ? start.data?.locale : undefined) ?? record.locale;
    const existing = await this.parts.store.activitiesAfter(record.id, '', 1);
    if (existing.activities.length === 0) await this.welcome(record, locale);
    res.send(201, this.conversationResponse(req, claims));
  }

  private async reconnect(req: Request, res: Response): Promise<void> {
    const { claims } = await this.authorise(req, conversationIdParam(req));
    this.seen(claims.conversationId);
    res.send(200, this.conversationResponse(req, claims, watermarkParam(req)));
  }

  private async refreshToken(req: Request, res: Response): Promise<void> {
    const { claims } = await this.authorise(req);
    this.seen(claims.conversationId);
    res.send(200, {
      conversationId: claims.conversationId,
      token: this.parts.tokens.issue(claims),
      expires_in: this.parts.tokens.ttlSeconds,
    });
  }

  private async getActivities(req: Request, res: Response): Promise<void> {
    const watermark = watermarkParam(req) ?? '';
    try {
      const { record } = await this.authorise(req, conversationIdParam(req));
      this.seen(record.id);
      const page = await this.parts.store.activitiesAfter(record.id, watermark, PAGE_SIZE);
      res.send(200, { activities: withoutStaleTyping(page.activities, Date.now()), watermark: page.watermark });
    } catch (error) {
      if (!isStoreUnavailable(error)) throw error;
      // botframework-directlinejs stops polling for good after a 5xx here. Nothing new, with the
      // watermark unchanged, keeps it polling and loses nothing (the token was checked before the store).
      res.header('Retry-After', String(error.retryAfterSeconds));
      res.send(200, { activities: [], watermark });
    }
  }

  private async postActivity(req: Request, res: Response): Promise<void> {
    const { record } = await this.authorise(req, conversationIdParam(req));
    this.seen(record.id);
    const parsed = IncomingActivitySchema.safeParse(req.body);
    if (!parsed.success) throw new HttpError(400, 'bad_activity', parsed.error.issues.map((i) => i.message).join('; '));
    const incoming = parsed.data;
    if (!isSmallJson(incoming.value, 8192))
      throw new HttpError(413, 'value_too_large', 'The activity value is larger than 8 KB.');
    const isTyping = incoming.type === 'typing';
    const limit = await (isTyping ? this.parts.typingLimiter : this.parts.messageLimiter).take(record.id);
    if (!limit.allowed && isTyping) {
      // Too much typing is dropped quietly: a 429 would make the client retry it, and a typing
      // indicator a second late is worth nothing. 200 with a body, because botframework-directlinejs
      // reads `id` from every answer (a 204 would fail there); the id is empty as nothing was stored.
      res.send(200, { id: '' });
      return;
    }
    const deferMs = limit.allowed ? 0 : Math.min(MAX_DEFERRAL_MS, limit.retryAfterSeconds * 1000);
    if (!limit.allowed && (incoming.type !== 'message' || (this.deferred.get(record.id) ?? 0) >= MAX_DEFERRED_TURNS)) {
      throw new HttpError(429, 'rate_limited', 'Too many messages; wait a moment.', {
        'Retry-After': String(limit.retryAfterSeconds),
      });
    }

    // Everything the client chose is redacted before it is stored, echoed or given to the bot;
    // only the turn below sees the original text (the dialogue redacts it itself, and needs it for a callback number).
    const client = redactClientActivity(incoming);
    const citizen = { id: safeUserId(client.fromId), role: 'user', name: client.fromName };
    const common = {
      type: incoming.type,
      channelId: DIRECT_LINE_CHANNEL,
      conversation: { id: record.id, isGroup: false, conversationType: 'personal', name: '' },
      from: citizen,
      recipient: { ...BOT_ACCOUNT },
      ...(client.locale ? { locale: client.locale } : {}),
      ...(client.name ? { name: client.name } : {}),
      ...(client.value !== undefined ? { value: client.value } : {}),
      ...(incoming.textFormat ? { textFormat: incoming.textFormat } : {}),
      // Only what an attachment is called, never its content: the chat declines files.
      ...(client.attachments ? { attachments: client.attachments.map((a) => ({ ...a })) } : {}),
    };
    const stored = await this.parts.store.appendActivity(record.id, {
      ...common,
      ...(client.text !== undefined ? { text: client.text } : {}),
      // Echoed as the Direct Line service echoes them: Web Chat matches its message by the id.
      channelData: {
        clientActivityID: client.clientActivityID,
        ...(client.clientTimestamp !== undefined ? { clientTimestamp: client.clientTimestamp } : {}),
      },
    });
    res.send(200, { id: stored.id });
    // Messages and events (e.g. Web Chat's "webchat/join") reach the bot; typing only the other side.
    if (incoming.type === 'typing') return;

    const turnActivity: Partial<Activity> = {
      ...common,
      id: stored.id,
      timestamp: stored.timestamp,
      serviceUrl: '',
      ...(incoming.text !== undefined ? { text: incoming.text } : {}),
      channelData: { municipality: record.municipalityId },
    };
    if (deferMs > 0) this.deferTurn(record, turnActivity, deferMs);
    else void this.runTurn(record, turnActivity);
  }

  /**
   * A message over the allowance: stored (the citizen sees it sent) and answered after a pause,
   * in order behind the conversation's other turns, so typing fast loses nothing and a burst still
   * cannot make the bot work faster than the allowance for long.
   */
  private deferTurn(record: ConversationRecord, activity: Partial<Activity>, delayMs: number): void {
    this.deferred.set(record.id, (this.deferred.get(record.id) ?? 0) + 1);
    void this.runTurn(record, activity, async () => {
      try {
        // On shutdown the pause ends at once and the turn runs: the message is stored, so answer it.
        await sleep(delayMs, undefined, { signal: this.closing.signal }).catch((error: unknown) => {
          if (!this.closing.signal.aborted) throw error;
        });
      } finally {
        const waiting = (this.deferred.get(record.id) ?? 1) - 1;
        if (waiting > 0) this.deferred.set(record.id, waiting);
        else this.deferred.delete(record.id);
      }
    });
  }

  // --- streaming --------------------------------------------------------------------------

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    // An absolute-form target such as "http://[" is not a URL at all: a bad request, not our failure.
    if (!URL.canParse(req.url ?? '/', 'http://internal')) {
      refuseUpgrade(socket, 400, 'Bad Request');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://internal');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) {
      refuseUpgrade(socket, 404, 'Not Found');
      return;
    }
    let claims: TokenClaims;
    try {
      claims = this.parts.tokens.verify(url.searchParams.get('t') ?? '');
    } catch (error) {
      // As on the REST routes: an expired token is 403, so the client reconnects for a fresh one.
      const expired = error instanceof InvalidTokenError && error.expired;
      refuseUpgrade(socket, expired ? 403 : 401, expired ? 'Forbidden' : 'Unauthorized');
      return;
    }
    if (claims.conversationId !== match[1] || !fromTokenSite(req, claims.origin, this.ownOrigins)) {
      refuseUpgrade(socket, 403, 'Forbidden');
      return;
    }
    if (!(await this.parts.store.getConversation(claims.conversationId))) {
      refuseUpgrade(socket, 404, 'Not Found');
      return;
    }
    this.sockets.handleUpgrade(req, socket, head, (ws) =>
      this.stream(ws, claims.conversationId, url.searchParams.get('watermark') ?? ''),
    );
  }

  /** Sends every activity after the watermark, then each new one as the store hints at it. */
  private stream(ws: WebSocket, conversationId: string, fromWatermark: string): void {
    let watermark = fromWatermark;
    let pumping = false;
    let again = false;
    const pump = async (): Promise<void> => {
      if (pumping) {
        again = true;
        return;
      }
      pumping = true;
      try {
        do {
          again = false;
          let sent = 0;
          let page;
          do {
            page = await this.parts.store.activitiesAfter(conversationId, watermark, PAGE_SIZE);
            if (page.activities.length === 0 || ws.readyState !== ws.OPEN) break;
            ws.send(
              JSON.stringify({
                activities: withoutStaleTyping(page.activities, Date.now()),
                watermark: page.watermark,
              }),
            );
            watermark = page.watermark;
            sent += page.activities.length;
          } while (page.activities.length === PAGE_SIZE);
          // A hint with nothing new is a deletion or a repeat; only then is the record worth a read.
          if (sent === 0 && !(await this.parts.store.getConversation(conversationId))) {
            ws.close(1000, 'conversation ended');
            return;
          }
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- pump() called again during an await above sets it; TypeScript's narrowing cannot see that.
        } while (again && ws.readyState === ws.OPEN);
      } catch (error) {
        this.parts.logger.warn({ err: { message: String(error) } }, 'stream read failed');
      } finally {
        pumping = false;
      }
    };
    const unsubscribe = this.parts.store.subscribe(conversationId, () => void pump());
    // A connection that dropped without closing (a phone out of coverage) stays "open" until a
    // ping goes unanswered: it is ended then, so it no longer counts as the citizen being there.
    let answered = true;
    ws.on('pong', () => {
      answered = true;
    });
    const ping = setInterval(() => {
      if (!answered) {
        ws.terminate();
        return;
      }
      answered = false;
      ws.ping();
    }, PING_INTERVAL_MS);
    ping.unref();
    // An open stream is a chat that is there, though it sends nothing: renewed for every instance to see.
    this.seen(conversationId);
    const presence = this.parts.presence;
    const renew = presence ? setInterval(() => this.seen(conversationId), presence.refreshMs) : undefined;
    renew?.unref();
    ws.on('close', () => {
      unsubscribe();
      clearInterval(ping);
      clearInterval(renew);
    });
    ws.on('error', () => ws.terminate());
    void pump();
  }

  // --- helpers ----------------------------------------------------------------------------

  /**
   * Notes that the citizen's chat is there, in the background: a failure must not fail the request.
   * Every poll notes it, so while Redis is away a failure is logged at most every 30 seconds.
   */
  private seen(conversationId: string): void {
    this.parts.presence?.store.seen(conversationId, new Date()).catch((error: unknown) => {
      if (Date.now() - this.presenceWarnedAt < PRESENCE_WARN_EVERY_MS) return;
      this.presenceWarnedAt = Date.now();
      this.parts.logger.warn(
        { err: { message: error instanceof Error ? error.message : String(error) } },
        'noting the citizen as present failed',
      );
    });
  }

  private async welcome(record: ConversationRecord, locale: string | undefined): Promise<void> {
    const citizenId = 'citizen';
    await this.runTurn(record, {
      type: ActivityTypes.ConversationUpdate,
      channelId: DIRECT_LINE_CHANNEL,
      serviceUrl: '',
      conversation: { id: record.id, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: citizenId, role: 'user', name: '' },
      recipient: { ...BOT_ACCOUNT },
      membersAdded: [{ id: citizenId, name: '' }],
      ...(locale ? { locale } : {}),
      channelData: { municipality: record.municipalityId },
    });
  }

  /** One bot turn, after the conversation's earlier turns (and `before`), with a typing indicator meanwhile. */
  private runTurn(
    record: ConversationRecord,
    activity: Partial<Activity>,
    before: () => Promise<void> = async () => undefined,
  ): Promise<void> {
    return this.turns
      .run(record.id, async () => {
        await before();
        const bot = this.parts.bot();
        if (!bot) throw new HttpError(503, 'starting', 'The assistant is starting; try again shortly.');
        // The citizen's message is stored: while Redis is away the turn waits for it (later turns of
        // this conversation queue behind), unless part of the answer already went out.
        let responded = false;
        const attempt = async (): Promise<void> => {
          if (activity.type === ActivityTypes.Message) {
            await this.parts.store.appendActivity(record.id, {
              type: ActivityTypes.Typing,
              channelId: DIRECT_LINE_CHANNEL,
              conversation: activity.conversation,
              from: { ...BOT_ACCOUNT },
            });
          }
          await this.adapter.process(activity, async (context) => {
            context.onSendActivities(async (_context, _activities, send) => {
              const sent = await send();
              responded = true;
              return sent;
            });
            await bot.run(context);
          });
        };
        await retryWhileStoreUnavailable(attempt, () => !responded, {
          signal: this.closing.signal,
          onWait: (error, attemptNumber, delayMs) =>
            this.parts.logger.warn(
              { err: { message: error.message }, attempt: attemptNumber, delayMs },
              'bot turn waits for the store',
            ),
        });
      })
      .catch((error: unknown) => {
        this.parts.logger.error(
          { err: { message: error instanceof Error ? error.message : String(error) }, conversation: 'directline' },
          'turn failed',
        );
      });
  }

  private async authorise(
    req: Request,
    conversationId?: string,
  ): Promise<{ claims: TokenClaims; record: ConversationRecord }> {
    const header = req.header('authorization', '');
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) throw new HttpError(401, 'unauthorized', 'A Bearer token is required.');
    let claims: TokenClaims;
    try {
      claims = this.parts.tokens.verify(token);
    } catch (error) {
      // Direct Line answers an expired token with 403 TokenExpired; botframework-directlinejs reads
      // exactly that as its ExpiredToken status (a 401 ends the conversation in the client).
      if (error instanceof InvalidTokenError && error.expired)
        throw new HttpError(403, 'token_expired', 'The token has expired; get a new one.');
      if (error instanceof InvalidTokenError) throw new HttpError(401, 'unauthorized', `The ${error.message}.`);
      throw error;
    }
    // A token opens its own conversation and no other.
    if (conversationId !== undefined && conversationId !== claims.conversationId)
      throw new HttpError(403, 'forbidden', 'The token is for another conversation.');
    if (!fromTokenSite(req, claims.origin, this.ownOrigins))
      throw new HttpError(403, 'forbidden', 'The token is for another site.');
    const record = await this.parts.store.getConversation(claims.conversationId);
    if (!record) throw new HttpError(404, 'conversation_not_found', 'The conversation has ended or expired.');
    return { claims, record };
  }

  private conversationResponse(req: Request, claims: TokenClaims, watermark?: string) {
    const token = this.parts.tokens.issue(claims);
    const stream = new URL(
      `${BASE}/conversations/${encodeURIComponent(claims.conversationId)}/stream`,
      this.webSocketBase(req),
    );
    stream.searchParams.set('t', token);
    if (watermark) stream.searchParams.set('watermark', watermark);
    return {
      conversationId: claims.conversationId,
      token,
      expires_in: this.parts.tokens.ttlSeconds,
      streamUrl: stream.toString(),
    };
  }

  /**
   * Where the client opens its stream: PUBLIC_BASE_URL, else the one of our own origins it reached
   * us by. The Host header only picks among our origins (127.0.0.1 or localhost in the demo); it is
   * never copied into the URL, since a client chooses it freely.
   */
  private webSocketBase(req: Request): string {
    const own = this.ownOrigins.list();
    const requested = `http://${req.header('host')}`;
    const reached = URL.canParse(requested) ? new URL(requested).origin : '';
    const base = this.parts.publicBaseUrl ?? (this.ownOrigins.has(reached) ? reached : (own[0] ?? 'http://127.0.0.1'));
    return base.replace(/^http/, 'ws');
  }

  private sendError(res: Response, error: unknown): void {
    if (isStoreUnavailable(error)) {
      this.parts.logger.warn({ err: { message: error.message } }, 'direct line request: store unavailable');
      sendStoreUnavailable(res, error);
      return;
    }
    if (error instanceof HttpError) {
      sendHttpError(res, error);
      return;
    }
    this.parts.logger.error(
      { err: { message: error instanceof Error ? error.message : String(error) } },
      'direct line request failed',
    );
    res.send(503, errorBody(res, 'unavailable', 'The chat is unavailable right now; try again shortly.'));
  }
}

/** The route's :conversationId (restify types params as any); '' matches no token, so a missing one is refused. */
function conversationIdParam(req: Request): string {
  const value = (req.params as Record<string, unknown> | undefined)?.conversationId;
  return typeof value === 'string' ? value : '';
}

function watermarkParam(req: Request): string | undefined {
  const value = (req.query as Record<string, unknown> | undefined)?.watermark;
  return typeof value === 'string' && /^[\w-]{0,64}$/.test(value) ? value : undefined;
}

function safeUserId(id: string | undefined): string {
  return id && /^[\w.:@-]{1,128}$/.test(id) ? id : 'citizen';
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
