import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import restify from 'restify';
import type { AssistantBot } from './botframework/assistant-bot';
import type { StoreHealth } from './storage/store-health';
import { isStoreUnavailable } from './storage/store-unavailable-error';
import { botFrameworkChannelEnabled, type Config } from './runtime/config';
import type { DirectLineChannel } from './directline/directline-channel';
import { OwnOrigins } from './http/own-origins';
import { securityHeaders } from './http/security-headers';
import { MAX_REQUEST_BODY_BYTES, requestBodyGate } from './http/request-body-policy';
import { requestTargetGuard } from './http/request-target-guard';
import { sendStoreUnavailable } from './http/store-unavailable-response';
import { errorBody } from './http/error-body';
import type { Logger } from './runtime/logger';
import { registerInsightPageRoutes } from './insight/insight-page-routes';
import { registerMetricsRoute } from './metrics/metrics-endpoint';
import type { OperationsMetrics } from './metrics/operations-metrics';
import { requestMetrics } from './metrics/request-metrics';
import { registerStaffRoutes, type StaffRouteParts } from './staff/staff-routes';
import { registerStudioRoutes, type StudioRouteParts } from './studio/studio-routes';
import { registerInsightRoutes, type InsightRouteParts } from './insight/insight-routes';
import { registerCors, registerWebchatRoutes, type WebchatRouteParts } from './webchat/webchat-routes';

export interface ServerParts {
  readonly config: Config;
  /** The bot, once the knowledge base is loaded and the classifier trained; until then requests get 503. */
  readonly bot: () => AssistantBot | undefined;
  readonly logger: Logger;
  /** False while starting and while shutting down. */
  readonly isReady: () => boolean;
  /** Our own Direct Line channel and the widget's routes (absent in tests of the bare server). */
  readonly webchat?: { readonly directLine: DirectLineChannel; readonly routes: WebchatRouteParts };
  /** The staff console and its API (absent where there is no staffed queue). */
  readonly staff?: StaffRouteParts;
  /** The knowledge studio for content editors and its API (absent in tests of the bare server). */
  readonly studio?: StudioRouteParts;
  /** The insight API for managers (absent in tests of the bare server). */
  readonly insight?: InsightRouteParts;
  /** Whether the shared store (Redis) answers; absent in memory mode, where there is nothing to ask. */
  readonly storeHealth?: () => Promise<StoreHealth>;
  /** Prometheus metrics: requests are timed, and /metrics is served when METRICS_TOKEN is set. */
  readonly metrics?: OperationsMetrics;
}

/**
 * The HTTP server: health endpoints; our Direct Line channel, the widget's API and files; and
 * /api/messages for Bot Framework channels (Azure Bot Service, Teams) only when a Microsoft app
 * id and password are configured.
 */
export function createServer({
  config,
  bot,
  logger,
  isReady,
  webchat,
  staff,
  studio,
  insight,
  storeHealth,
  metrics,
}: ServerParts): restify.Server & { closeStaffStreams?: () => void } {
  const server = restify.createServer({ name: 'borgerservice-assistenten', handleUncaughtExceptions: false });
  // Timing starts before anything else runs, so requests refused below are counted too.
  if (metrics) server.pre(requestMetrics(metrics));
  // First of all: a target restify cannot parse would throw from every later req.path().
  server.pre(requestTargetGuard());
  // Security headers for every response, decided in one place (before CORS answers preflights).
  server.pre(securityHeaders());
  // Before anything reads a body: JSON only, uncompressed, within the size limit (see request-body-policy.ts).
  server.pre(requestBodyGate());
  // Our own origin comes from PUBLIC_BASE_URL or the address we listen on, never from the Host header.
  const ownOrigins = new OwnOrigins(config);
  server.server.once('listening', () => ownOrigins.learnListeningAddress(server.server.address()));
  if (webchat) registerCors(server, webchat.routes.knowledge, ownOrigins);
  // Small limits: no route takes more than a couple of query parameters, none nested.
  server.use(restify.plugins.queryParser({ mapParams: false, parameterLimit: 20, arrayLimit: 0, depth: 1 }));
  // Only the JSON parser: restify's bodyParser would also take forms and multipart uploads (written to disk).
  // Every route validates its body with zod.
  server.use(restify.plugins.bodyReader({ maxBodySize: MAX_REQUEST_BODY_BYTES }));
  server.use(restify.plugins.jsonBodyParser({ mapParams: false, bodyReader: true }));

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });
  // Ready also means the shared store answers: an instance without Redis can start no conversation.
  server.get('/readyz', async (_req: restify.Request, res: restify.Response) => {
    const redis = storeHealth ? { redis: await storeHealth() } : {};
    if (!isReady()) res.send(503, { status: 'starting', ...redis });
    else if (redis.redis === 'unavailable') res.send(503, { status: 'degraded', ...redis });
    else res.send(200, { status: 'ready', ...redis });
  });

  if (botFrameworkChannelEnabled(config)) {
    const auth = new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: config.MICROSOFT_APP_ID,
      MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD,
      MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID,
      MicrosoftAppType: config.MICROSOFT_APP_TYPE,
    });
    const adapter = new CloudAdapter(auth);
    adapter.onTurnError = async (context: TurnContext, error: Error) => {
      logger.error(
        { err: { name: error.name, message: error.message }, channel: context.activity.channelId },
        'turn failed',
      );
      await context.sendActivity(
        'Beklager, der skete en fejl hos mig. Prøv igen om lidt. / Sorry, something went wrong. Please try again.',
      );
    };
    server.post('/api/messages', async (req, res) => {
      // Turned away here, not by botbuilder, which writes every rejection to the console.
      if (!req.header('authorization')) {
        res.send(401, { error: 'unauthorized', message: 'A Bot Framework bearer token is required.' });
        return;
      }
      const ready = bot();
      if (!ready) {
        res.send(503, { error: 'starting', message: 'The assistant is starting; try again shortly.' });
        return;
      }
      await adapter.process(req, res, (context) => ready.run(context));
    });
    logger.info('Bot Framework channel enabled at /api/messages');
  } else {
    server.post('/api/messages', (_req, res, next) => {
      res.send(404, {
        error: 'channel_disabled',
        message:
          'The Bot Framework channel is off. Set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD to enable /api/messages.',
      });
      next();
    });
  }

  if (webchat) {
    webchat.directLine.registerRoutes(server, ownOrigins);
    webchat.directLine.attachStreaming(server.server);
    registerWebchatRoutes(server, webchat.routes, ownOrigins);
  }
  const staffRoutes = staff ? registerStaffRoutes(server, staff, ownOrigins) : undefined;
  if (studio) registerStudioRoutes(server, studio, ownOrigins);
  if (insight) registerInsightRoutes(server, insight, ownOrigins);
  if (metrics && config.METRICS_TOKEN) registerMetricsRoute(server, metrics, config.METRICS_TOKEN);
  // The managers' dashboard signs in with the staff accounts.
  if (staff) registerInsightPageRoutes(server);

  // Bad input gets a JSON 4xx, never an HTML page or a 500 with a stack trace.
  server.on(
    'restifyError',
    (req: restify.Request, res: restify.Response, error: RestifyError, callback: () => void) => {
      // A store failure a route let through: Redis is away for a moment, which is no bug (503, Retry-After).
      if (isStoreUnavailable(error)) {
        logger.warn({ err: { message: error.message }, path: req.path() }, 'store unavailable');
        metrics?.countRedisError('request');
        sendStoreUnavailable(res, error);
        callback();
        return;
      }
      const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
      if (status >= 500) logger.error({ err: { message: error.message }, path: req.path() }, 'request failed');
      const body = errorBody(
        res,
        status >= 500 ? 'internal_error' : (ERROR_CODES[status] ?? 'bad_request'),
        status >= 500 ? 'Something went wrong.' : error.message,
      );
      // restify-errors serialise through toJSON; any other Error restify would wrap in its own
      // InternalError ({"code":"Internal"}), so that one is answered here in our shape.
      error.toJSON = () => body;
      if (typeof error.statusCode !== 'number' && !res.headersSent) res.send(status, body);
      callback();
    },
  );
  return Object.assign(server, { closeStaffStreams: () => staffRoutes?.close() });
}

/** restify's own refusals (routing, body reading, JSON parsing), named as our routes name theirs. */
const ERROR_CODES: Readonly<Record<number, string>> = {
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

interface RestifyError {
  statusCode?: number;
  message: string;
  toJSON?: () => unknown;
}
