import type { Response } from 'restify';
import { errorBody } from './error-body';

/**
 * A refusal with its HTTP status, machine-readable code and extra headers (e.g. `Retry-After`),
 * answered as `{ error, message }` JSON. Thrown by the route handlers; domain errors are mapped
 * to it where the route is (the domain knows no status codes).
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function sendHttpError(res: Response, error: HttpError): void {
  for (const [name, value] of Object.entries(error.headers)) res.header(name, value);
  res.send(error.status, errorBody(res, error.code, error.message));
}
