import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import type { Logger } from '../runtime/logger';
import { hasMetricsToken } from './metrics-access';
import type { OperationsMetrics } from './operations-metrics';

export const METRICS_PATH = '/metrics';

const UNAUTHORIZED = {
  error: 'unauthorized',
  message: 'A bearer token (METRICS_TOKEN) is required for /metrics.',
};

/**
 * /metrics on the public port, only with METRICS_TOKEN: the figures (queue lengths, error counts)
 * are for operators, not for the internet. Without a token the route does not exist (404).
 */
export function registerMetricsRoute(server: restify.Server, metrics: OperationsMetrics, token: string): void {
  server.get(METRICS_PATH, async (req: restify.Request, res: restify.Response) => {
    if (!hasMetricsToken(req.header('authorization'), token)) {
      res.header('WWW-Authenticate', 'Bearer realm="metrics"');
      res.send(401, UNAUTHORIZED);
      return;
    }
    const { contentType, body } = await metrics.exposition();
    res.sendRaw(200, body, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  });
}

export interface MetricsListener {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A listener of its own for Prometheus (METRICS_PORT), on localhost unless METRICS_HOST says
 * otherwise: reachable by a scraper on the host or in the pod, never through the public proxy.
 * With METRICS_TOKEN set the token is required here too.
 */
export async function startMetricsListener(
  metrics: OperationsMetrics,
  options: { port: number; host: string; token: string | undefined },
  logger: Logger,
): Promise<MetricsListener> {
  const json = (res: http.ServerResponse, status: number, body: object, headers: http.OutgoingHttpHeaders = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== METRICS_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) {
      json(res, 404, { error: 'not_found', message: `Only GET ${METRICS_PATH} is served here.` });
      return;
    }
    if (options.token !== undefined && !hasMetricsToken(req.headers.authorization, options.token)) {
      json(res, 401, UNAUTHORIZED, { 'www-authenticate': 'Bearer realm="metrics"' });
      return;
    }
    metrics.exposition().then(
      ({ contentType, body }) => {
        res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (error: unknown) => {
        logger.error({ err: { message: error instanceof Error ? error.message : String(error) } }, 'metrics failed');
        json(res, 500, { error: 'internal_error', message: 'Something went wrong.' });
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}${METRICS_PATH}`;
  logger.info({ metricsUrl: url }, 'metrics listening');
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
