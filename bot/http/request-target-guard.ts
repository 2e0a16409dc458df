import type { Next, Request, Response } from 'restify';
import { errorBody } from './error-body';

/**
 * Refuses a request whose target restify cannot parse (`GET http://[ HTTP/1.1`), before anything
 * asks for its path. restify parses the target lazily with url.parse, which throws on such input;
 * thrown from the first handler or the router, that exception ends the process. Must be the first
 * `pre` handler.
 */
export function requestTargetGuard() {
  return (req: Request, res: Response, next: Next): void => {
    try {
      req.getUrl();
    } catch (error) {
      // Only an unparseable target throws here; the client gets told, nothing else needs to know.
      res.header('Connection', 'close');
      res.send(
        400,
        errorBody(
          res,
          'bad_request',
          `The request target cannot be parsed (${error instanceof Error ? error.message : 'invalid URL'}).`,
        ),
      );
      next(false);
      return;
    }
    next();
  };
}
