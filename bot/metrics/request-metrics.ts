import type { Next, Request, Response } from 'restify';
import type { OperationsMetrics } from './operations-metrics';

/** Methods any route here answers; anything else is one label, so a client cannot add series. */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The label for a request that matched no route (404s, preflights, refusals before routing). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Times every request and records it under its route's path pattern (`/v3/directline/conversations/:conversationId/activities`),
 * never the raw URL: ids in URLs would make a series per conversation. A `pre` handler, first of all,
 * so requests refused before routing are counted too.
 */
export function requestMetrics(metrics: OperationsMetrics) {
  return (req: Request, res: Response, next: Next): void => {
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const method = req.method !== undefined && KNOWN_METHODS.has(req.method) ? req.method : 'OTHER';
      metrics.observeRequest(method, routePattern(req), res.statusCode, seconds);
    });
    next();
  };
}

function routePattern(req: Request): string {
  // restify sets the route once the router matched; before that, or without a match, there is none.
  const route = (req.getRoute() as ReturnType<Request['getRoute']> | undefined | null)?.path;
  if (typeof route === 'string') return route;
  return route instanceof RegExp ? route.source : UNMATCHED_ROUTE;
}
