import type { Next, Request, Response } from 'restify';
import { errorBody } from './error-body';

/** The largest request body any route reads; the biggest legitimate one is a chat message of 20,000 characters. */
export const MAX_REQUEST_BODY_BYTES = 256 * 1024;

/** The one media type every route takes (`application/json`, or a `+json` type such as Bot Framework's). */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json$/;

export type BodyRefusal = { readonly status: 413 | 415; readonly error: string; readonly message: string };

/**
 * Which request bodies the server reads at all, decided from the headers alone, before restify's
 * body reader sees a byte:
 * - JSON only. No route takes forms or files, and restify's multipart parser (formidable) writes
 *   uploads to the temp folder before any handler could refuse them.
 * - Identity encoding only. Browsers and Direct Line clients never compress what they send, and
 *   restify's gunzip crashes the process on a body that is not gzip and counts its size limit in
 *   compressed bytes (a 194 KB bomb unpacks to 200 MB).
 * - A declared length over the limit is refused before reading; a chunked body is cut off at the
 *   limit by the reader, which now counts real bytes.
 * A request without a body passes whatever it says its type is (Direct Line clients POST
 * /conversations and /tokens/refresh with no body and various headers).
 */
export function refuseBody(headers: Request['headers']): BodyRefusal | undefined {
  const length = headers['content-length'];
  const chunked = /\bchunked\b/i.test(headers['transfer-encoding'] ?? '');
  const hasBody = chunked || (length !== undefined && length.trim() !== '0');
  if (!hasBody) return undefined;

  const encoding = (headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity') {
    return {
      status: 415,
      error: 'unsupported_encoding',
      message: 'Request bodies must not be compressed (Content-Encoding: identity).',
    };
  }
  const mediaType = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!JSON_MEDIA_TYPE.test(mediaType)) {
    return {
      status: 415,
      error: 'unsupported_media_type',
      message: 'Request bodies must be JSON (Content-Type: application/json).',
    };
  }
  if (length !== undefined && !(/^\d+$/.test(length.trim()) && Number(length) <= MAX_REQUEST_BODY_BYTES)) {
    return {
      status: 413,
      error: 'payload_too_large',
      message: `Request bodies must be at most ${MAX_REQUEST_BODY_BYTES / 1024} KB.`,
    };
  }
  return undefined;
}

/** A restify `pre` handler applying refuseBody to every request; refused requests get a JSON 413/415 and the connection closes. */
export function requestBodyGate() {
  return (req: Request, res: Response, next: Next): void => {
    const refusal = refuseBody(req.headers);
    if (!refusal) {
      // restify's reader treats any Content-Encoding it does not know, "identity" included, as unsupported.
      delete req.headers['content-encoding'];
      next();
      return;
    }
    // The unread body is not worth draining: close the connection after the answer.
    res.header('Connection', 'close');
    res.send(refusal.status, errorBody(res, refusal.error, refusal.message));
    next(false);
  };
}
