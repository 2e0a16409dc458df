// @ts-check
/**
 * The studio API (API.md) and the staff sign-in it reuses: JSON over fetch with the session
 * cookie. Every endpoint the studio uses is one function in `studioApi`.
 */
import { state } from './state.js';

/** @typedef {import('./api-types').CheckView} CheckView */
/** @typedef {import('./api-types').CompareView} CompareView */
/** @typedef {import('./api-types').PresenceView} PresenceView */
/** @typedef {import('./api-types').DraftFile} DraftFile */
/** @typedef {import('./api-types').FieldPath} FieldPath */
/** @typedef {import('./api-types').FileView} FileView */
/** @typedef {import('./api-types').InboxCluster} InboxCluster */
/** @typedef {import('./api-types').OverviewView} OverviewView */
/** @typedef {import('./api-types').ReviewView} ReviewView */
/** @typedef {import('./api-types').SavedView} SavedView */
/** @typedef {import('./api-types').SessionView} SessionView */
/** @typedef {import('./api-types').TryView} TryView */
/** @typedef {import('./api-types').VersionDetail} VersionDetail */
/** @typedef {import('./api-types').VersionSummary} VersionSummary */
/** @typedef {import('./api-types').AuditEntry} AuditEntry */
/** @typedef {'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} Method */

/** An HTTP error: status 0 for a network failure, code and message from the body. */
export class HttpError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message  Danish from the studio API, fit to show
   * @param {unknown} [body]  the whole error body (a 409 carries `current`)
   */
  constructor(status, code, message, body) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.body = body;
    /** Set when nobody should react any more (signed out meanwhile). */
    this.ignore = false;
  }
}

export function asHttpError(/** @type {unknown} */ error) {
  return error instanceof HttpError
    ? error
    : new HttpError(-1, 'unexpected', error instanceof Error ? error.message : String(error));
}

/**
 * One request: the parsed JSON answer with its status, or null body (204).
 * @param {Method} method
 * @param {string} url
 * @param {unknown} [body]
 * @returns {Promise<{ status: number, json: unknown }>}
 */
function request(method, url, body) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  /** @type {RequestInit} */
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
  return window.fetch(url, init).then(
    (response) => {
      if (response.status === 204) return { status: 204, json: null };
      return response.json().then(
        (/** @type {unknown} */ json) => {
          if (!response.ok) throw new HttpError(response.status, field(json, 'error'), field(json, 'message'), json);
          return { status: response.status, json };
        },
        () => {
          // Not JSON (a proxy's error page, say): the status tells enough.
          if (!response.ok) throw new HttpError(response.status, '', '');
          return { status: response.status, json: null };
        },
      );
    },
    (/** @type {unknown} */ error) => {
      throw new HttpError(0, 'network', error instanceof Error ? error.message : '');
    },
  );
}

function field(/** @type {unknown} */ json, /** @type {string} */ name) {
  if (!json || typeof json !== 'object') return '';
  const value = /** @type {Record<string, unknown>} */ (json)[name];
  return typeof value === 'string' ? value : '';
}

/** Who to tell when the server no longer knows the session (main.js: sign out). */
const sessionLost = { handler: () => {} };

export function onSessionLost(/** @type {() => void} */ handler) {
  sessionLost.handler = handler;
}

/**
 * request() for the signed-in studio: a 401 signs out; an answer for an earlier session is dropped.
 * @param {Method} method
 * @param {string} path  under /api/studio
 * @param {unknown} [body]
 */
function call(method, path, body) {
  const generation = state.generation;
  return request(method, '/api/studio' + path, body).then(
    (answer) => {
      if (generation !== state.generation) throw ignored();
      return answer;
    },
    (/** @type {unknown} */ reason) => {
      const error = asHttpError(reason);
      if (generation !== state.generation) throw ignored();
      if (error.status === 401) {
        sessionLost.handler();
        error.ignore = true;
      }
      throw error;
    },
  );
}

function ignored() {
  const error = new HttpError(-1, 'stale', '');
  error.ignore = true;
  return error;
}

/** @template T @param {Promise<{ json: unknown }>} answer @returns {Promise<T>} */
const json = (answer) => answer.then((a) => /** @type {T} */ (a.json));

const file = (/** @type {string} */ path) => '/files/' + encodeURIComponent(path);

export const studioApi = {
  session: () => json(/** @type {Promise<{ json: SessionView }>} */ (request('GET', '/api/staff/session'))),
  signIn: (/** @type {string} */ username, /** @type {string} */ password) =>
    json(/** @type {Promise<{ json: SessionView }>} */ (request('POST', '/api/staff/session', { username, password }))),
  signOut: () => request('DELETE', '/api/staff/session'),

  overview: () => json(/** @type {Promise<{ json: OverviewView }>} */ (call('GET', '/overview'))),
  file: (/** @type {string} */ path) => json(/** @type {Promise<{ json: FileView }>} */ (call('GET', file(path)))),
  putFile: (/** @type {string} */ path, /** @type {string | null} */ text, /** @type {number} */ revision) =>
    json(/** @type {Promise<{ json: SavedView }>} */ (call('PUT', file(path), { text, revision }))),
  patchFile: (
    /** @type {string} */ path,
    /** @type {{ field: FieldPath, value: unknown }[]} */ set,
    /** @type {number} */ revision,
  ) => json(/** @type {Promise<{ json: SavedView }>} */ (call('PATCH', file(path), { set, revision }))),
  presence: (/** @type {string} */ path, /** @type {number} */ revision) =>
    json(
      /** @type {Promise<{ json: PresenceView }>} */ (
        call('POST', '/presence/' + encodeURIComponent(path), { revision })
      ),
    ),
  leave: (/** @type {string} */ path) => call('DELETE', '/presence/' + encodeURIComponent(path)),
  compare: (/** @type {string} */ path, /** @type {string | null} */ since) =>
    json(/** @type {Promise<{ json: CompareView }>} */ (call('POST', file(path) + '/compare', { since }))),
  discardDraft: (/** @type {string} */ path, /** @type {number} */ revision) =>
    call('DELETE', file(path) + '?revision=' + encodeURIComponent(String(revision))),
  check: () => json(/** @type {Promise<{ json: CheckView }>} */ (call('POST', '/check', {}))),
  tryQuestion: (/** @type {{ question: string, municipality: string, language: 'da' | 'en' }} */ body) =>
    json(/** @type {Promise<{ json: TryView }>} */ (call('POST', '/try', body))),
  review: () => json(/** @type {Promise<{ json: ReviewView }>} */ (call('POST', '/publish/review', {}))),
  publish: (/** @type {{ comment: string, fingerprint: string, basedOn: number }} */ body) =>
    json(/** @type {Promise<{ json: { version: VersionSummary } }>} */ (call('POST', '/publish', body))),
  versions: () => json(/** @type {Promise<{ json: { versions: VersionSummary[] } }>} */ (call('GET', '/versions'))),
  version: (/** @type {number} */ number) =>
    json(/** @type {Promise<{ json: VersionDetail }>} */ (call('GET', '/versions/' + String(number)))),
  restore: (/** @type {number} */ number, /** @type {{ comment?: string, basedOn: number }} */ body) =>
    json(
      /** @type {Promise<{ json: { version: VersionSummary } }>} */ (
        call('POST', '/versions/' + String(number) + '/restore', body)
      ),
    ),
  audit: (/** @type {string | undefined} */ before) =>
    json(
      /** @type {Promise<{ json: { entries: AuditEntry[] } }>} */ (
        call('GET', '/audit?limit=50' + (before ? '&before=' + encodeURIComponent(before) : ''))
      ),
    ),
  inbox: (/** @type {string} */ municipality) =>
    json(
      /** @type {Promise<{ json: { clusters: InboxCluster[] } }>} */ (
        call('GET', '/inbox' + (municipality ? '?municipality=' + encodeURIComponent(municipality) : ''))
      ),
    ),
  addExample: (/** @type {string} */ questionId, /** @type {string} */ intent) =>
    json(
      /** @type {Promise<{ json: { draft: DraftFile } }>} */ (call('POST', '/inbox/examples', { questionId, intent })),
    ),
  newIntent: (/** @type {{ questionIds: string[], id: string, title: { da: string, en: string } }} */ body) =>
    json(/** @type {Promise<{ json: { draft: DraftFile } }>} */ (call('POST', '/inbox/intents', body))),
  dismiss: (/** @type {string[]} */ ids) =>
    json(/** @type {Promise<{ json: { dismissed: number } }>} */ (call('POST', '/inbox/dismiss', { ids }))),
};

/** What to tell the editor about a failed request: the server's Danish message, else ours. */
export function problemText(/** @type {unknown} */ reason) {
  const error = asHttpError(reason);
  if (error.status === 0) return 'Studiet kan ikke få forbindelse til serveren. Prøv igen om lidt.';
  if (error.status === 403 && error.code === 'forbidden') return error.message || 'Det har du ikke adgang til.';
  return error.message || 'Det lykkedes ikke. Prøv igen.';
}
