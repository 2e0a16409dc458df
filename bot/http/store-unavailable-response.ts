import type { Response } from 'restify';
import type { StoreUnavailableError } from '../storage/store-unavailable-error';
import { errorBody } from './error-body';

/**
 * The one answer every route gives while the shared store does not answer: 503 with Retry-After
 * and the usual JSON error shape. Nothing the request asked for was taken, so the client may
 * simply try again (Web Chat resends a message; the widget asks for a new conversation again).
 */
export function sendStoreUnavailable(res: Response, error: StoreUnavailableError): void {
  res.header('Retry-After', String(error.retryAfterSeconds));
  // setHeader, not header(): restify's header() would append to the no-store every data response already has.
  res.setHeader('Cache-Control', 'no-store');
  res.send(503, errorBody(res, 'unavailable', 'The chat is unavailable for a moment; please try again shortly.'));
}
