import type { ServerResponse } from 'node:http';

/** Our JSON error shape: a machine-readable code and a sentence. */
export interface ErrorBody {
  readonly error: string;
  readonly message: string;
}

/** Direct Line 3.0's error shape (`ErrorResponse`), which botframework-directlinejs and other Direct Line clients read. */
export interface DirectLineErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}

const DIRECT_LINE_PREFIX = '/v3/directline/';

/**
 * Our codes as the Direct Line service names them. `TokenExpired` matters: a 403 with it is what
 * the official client turns into its `ExpiredToken` status, so the page can get a fresh token.
 * The rest follow the service where it has a name, and keep ours in its style where it has none.
 */
const DIRECT_LINE_CODES: Readonly<Record<string, string>> = {
  bad_request: 'BadArgument',
  bad_activity: 'BadArgument',
  value_too_large: 'BadArgument',
  payload_too_large: 'BadArgument',
  unsupported_media_type: 'BadArgument',
  unsupported_encoding: 'BadArgument',
  attachments_not_supported: 'BadArgument',
  unauthorized: 'BadToken',
  token_expired: 'TokenExpired',
  forbidden: 'Forbidden',
  conversation_not_found: 'NotFound',
  not_found: 'NotFound',
  method_not_allowed: 'BadArgument',
  rate_limited: 'TooManyRequests',
  unavailable: 'ServiceError',
  starting: 'ServiceError',
  internal_error: 'ServiceError',
};

/** Whether a request path is part of our Direct Line channel. */
export function isDirectLinePath(path: string | undefined): boolean {
  return path !== undefined && path.startsWith(DIRECT_LINE_PREFIX);
}

/**
 * The error body for a response: Direct Line's shape on `/v3/directline/…` (what its clients
 * expect), ours everywhere else. Chosen from the response's own request, so no caller has to know
 * which channel it serves.
 */
export function errorBody(res: ServerResponse, code: string, message: string): ErrorBody | DirectLineErrorBody {
  if (!isDirectLinePath(res.req.url)) return { error: code, message };
  return { error: { code: DIRECT_LINE_CODES[code] ?? 'ServiceError', message } };
}
