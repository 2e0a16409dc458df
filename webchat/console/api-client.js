// @ts-check
/**
 * The staff API (API.md): JSON over fetch with the session cookie. Every endpoint the console uses
 * is one function in `staffApi`, typed with the server's view types (api-types.d.ts).
 */
import { noteServerTime } from './server-clock.js';
import { adoptSession, state } from './state.js';
import { T } from './wording.js';

/** @typedef {import('./api-types').CallbackConversationView} CallbackConversationView */
/** @typedef {import('./api-types').CallbacksView} CallbacksView */
/** @typedef {import('./api-types').CannedReply} CannedReply */
/** @typedef {import('./api-types').ConversationView} ConversationView */
/** @typedef {import('./api-types').Note} Note */
/** @typedef {import('./api-types').OverviewView} OverviewView */
/** @typedef {import('./api-types').SessionView} SessionView */
/** @typedef {'GET' | 'POST' | 'PUT' | 'DELETE'} Method */
/** @typedef {import('./api-types').AgentStatus} AgentStatus */

const API = '/api/staff';

/** The longest message or note the staff API accepts (TextSchema in bot/staff/staff-routes.ts). */
export const MAX_LENGTH = 2000;

/** An HTTP error: status 0 for a network failure, code from the body's "error". */
export class HttpError extends Error {
  /**
   * @param {number} status
   * @param {string} [code]
   * @param {string} [message]
   * @param {string | null} [retryAfter]  the Retry-After header
   */
  constructor(status, code, message, retryAfter) {
    super(message || '');
    this.name = 'HttpError';
    this.status = status;
    this.code = code || '';
    this.retryAfter = retryAfter;
    /** Set when nobody should react any more (signed out meanwhile, or the answer is stale). */
    this.ignore = false;
  }
}

/** A rejection reason as an HttpError (everything this module rejects with is one). */
export function asHttpError(/** @type {unknown} */ error) {
  // Anything else is a bug of ours, not the network: said as a plain failure, not "no connection".
  return error instanceof HttpError
    ? error
    : new HttpError(-1, 'unexpected', error instanceof Error ? error.message : String(error));
}

/**
 * One request: the parsed JSON answer, or null (204, or a success without JSON).
 * @param {Method} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<unknown>}
 */
function request(method, path, body) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  /** @type {RequestInit} */
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
  return window.fetch(API + path, init).then(
    (response) => {
      noteServerTime(response);
      const retryAfter = response.headers.get('Retry-After');
      if (response.status === 204) return null;
      return response.json().then(
        (/** @type {unknown} */ json) => {
          if (!response.ok)
            throw new HttpError(response.status, field(json, 'error'), field(json, 'message'), retryAfter);
          return json;
        },
        () => {
          // Not JSON (a proxy's error page, say): the status tells enough.
          if (!response.ok) throw new HttpError(response.status, '', response.statusText, retryAfter);
          return null;
        },
      );
    },
    (/** @type {unknown} */ error) => {
      throw new HttpError(0, 'network', error instanceof Error ? error.message : '');
    },
  );
}

/** A string property of an error body, or undefined. */
function field(/** @type {unknown} */ json, /** @type {string} */ name) {
  if (!json || typeof json !== 'object') return undefined;
  const value = /** @type {Record<string, unknown>} */ (json)[name];
  return typeof value === 'string' ? value : undefined;
}

/** An answer that arrived after the agent signed out (or in again): nobody wants it. */
function stale() {
  const error = new HttpError(-1, 'stale');
  error.ignore = true;
  return error;
}

/** Who to tell when the server no longer knows the session (main.js: sign out). */
const sessionLost = { handler: () => {} };

export function onSessionLost(/** @type {() => void} */ handler) {
  sessionLost.handler = handler;
}

/**
 * request() for the signed-in console: a 401 signs out (error.ignore is then set, callers do
 * nothing more); a refused CSRF token is fetched again once and the request repeated.
 * @param {Method} method
 * @param {string} path
 * @param {unknown} [body]
 * @param {boolean} [retried]
 * @returns {Promise<unknown>}
 */
function call(method, path, body, retried) {
  const generation = state.generation;
  return request(method, path, body).then(
    (result) => {
      if (generation !== state.generation) throw stale();
      return result;
    },
    (/** @type {unknown} */ reason) => {
      const error = asHttpError(reason);
      if (generation !== state.generation) throw stale();
      if (error.status === 401) {
        sessionLost.handler();
        error.ignore = true;
        throw error;
      }
      if (error.status === 403 && error.code === 'csrf' && !retried) {
        return request('GET', '/session').then(
          (answer) => {
            if (generation !== state.generation) throw stale();
            adoptSession(/** @type {SessionView | null} */ (answer));
            return call(method, path, body, true);
          },
          (/** @type {unknown} */ again) => {
            const failure = asHttpError(again);
            if (failure.status === 401 && generation === state.generation) {
              sessionLost.handler();
              failure.ignore = true;
            }
            throw failure;
          },
        );
      }
      throw error;
    },
  );
}

const conversation = (/** @type {string} */ id) => '/conversations/' + encodeURIComponent(id);

/*
 * The endpoints. Answers are typed as the server declares them; "| null" because a success
 * without a JSON body resolves to null, which callers tolerate.
 */
export const staffApi = {
  // Without the signed-in handling: used before there is a session.
  session: () => /** @type {Promise<SessionView | null>} */ (request('GET', '/session')),
  signIn: (/** @type {string} */ username, /** @type {string} */ password) =>
    /** @type {Promise<SessionView | null>} */ (request('POST', '/session', { username, password })),

  checkSession: () => /** @type {Promise<SessionView | null>} */ (call('GET', '/session')),
  signOut: () => call('DELETE', '/session'),
  claimNext: () => /** @type {Promise<ConversationView | null>} */ (call('POST', '/queue/next')),
  claim: (/** @type {string} */ id) =>
    /** @type {Promise<ConversationView | null>} */ (call('POST', conversation(id) + '/claim')),
  conversation: (/** @type {string} */ id) =>
    /** @type {Promise<ConversationView | null>} */ (call('GET', conversation(id))),
  sendMessage: (/** @type {string} */ id, /** @type {string} */ text) =>
    /** @type {Promise<{ id: string } | null>} */ (call('POST', conversation(id) + '/messages', { text })),
  typing: (/** @type {string} */ id) => call('POST', conversation(id) + '/typing'),
  addNote: (/** @type {string} */ id, /** @type {string} */ text) =>
    /** @type {Promise<Note | null>} */ (call('POST', conversation(id) + '/notes', { text })),
  end: (/** @type {string} */ id, /** @type {{ topic?: string, outcome?: string }} */ wrapUp = {}) =>
    call('POST', conversation(id) + '/end', wrapUp),
  wrapUpCodes: () =>
    /** @type {Promise<{ topics: { id: string, title: string }[], outcomes: { id: string, title: string }[] } | null>} */ (
      call('GET', '/wrap-up-codes')
    ),
  giveBack: (/** @type {string} */ id) => call('POST', conversation(id) + '/return'),
  cannedReplies: () =>
    /** @type {Promise<{ replies: readonly CannedReply[] } | null>} */ (call('GET', '/canned-replies')),
  callbacks: () => /** @type {Promise<CallbacksView | null>} */ (call('GET', '/callbacks')),
  callbackDone: (/** @type {string} */ id) => call('POST', '/callbacks/' + encodeURIComponent(id) + '/done'),
  callbackConversation: (/** @type {string} */ id) =>
    /** @type {Promise<CallbackConversationView | null>} */ (
      call('GET', '/callbacks/' + encodeURIComponent(id) + '/conversation')
    ),
  overview: () => /** @type {Promise<OverviewView | null>} */ (call('GET', '/overview')),
  setStatus: (/** @type {AgentStatus} */ status) =>
    /** @type {Promise<{ status: AgentStatus } | null>} */ (call('PUT', '/status', { status })),
};

/** The address of the live event stream. */
export const EVENTS_URL = API + '/events';

/** The words for an error, with the caller's wording for particular codes. */
export function problem(/** @type {HttpError} */ error, /** @type {Readonly<Record<string, string>>} */ byCode = {}) {
  const worded = error.code ? byCode[error.code] : undefined;
  if (worded) return worded;
  if (error.status === 0) return T.unreachable;
  return T.failed;
}
