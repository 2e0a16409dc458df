// @ts-check
/**
 * The insight API (/api/insight, issue 12) and the staff sign-in it reuses: JSON over fetch with
 * the session cookie, errors as the studio's HttpError. The CSV files are plain links (csvUrl), so
 * the browser downloads them with the session cookie.
 */
import { HttpError, asHttpError } from '../studio/api-client.js';
import { state } from './state.js';

/** @typedef {import('./api-types').CsvTable} CsvTable */
/** @typedef {import('./api-types').EffectReport} EffectReport */
/** @typedef {import('./api-types').Figures} Figures */
/** @typedef {import('./api-types').InsightScope} InsightScope */
/** @typedef {import('./api-types').SessionView} SessionView */

export { HttpError, asHttpError };

/**
 * One request: the parsed JSON answer (null for 204).
 * @param {'GET' | 'POST' | 'DELETE'} method
 * @param {string} url
 * @param {unknown} [body]
 * @returns {Promise<unknown>}
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
  const generation = state.generation;
  return window.fetch(url, init).then(
    (response) => {
      if (generation !== state.generation) throw stale();
      if (response.status === 204) return null;
      return response.json().then(
        (/** @type {unknown} */ json) => {
          if (!response.ok) throw new HttpError(response.status, field(json, 'error'), field(json, 'message'), json);
          return json;
        },
        () => {
          // Not JSON (a proxy's error page, say): the status tells enough.
          if (!response.ok) throw new HttpError(response.status, '', '');
          return null;
        },
      );
    },
    (/** @type {unknown} */ error) => {
      throw new HttpError(0, 'network', error instanceof Error ? error.message : '');
    },
  );
}

/** An answer meant for an earlier session (signed out or in again meanwhile): nobody reacts. */
function stale() {
  const error = new HttpError(-1, 'stale', '');
  error.ignore = true;
  return error;
}

function field(/** @type {unknown} */ json, /** @type {string} */ name) {
  if (!json || typeof json !== 'object') return '';
  const value = /** @type {Record<string, unknown>} */ (json)[name];
  return typeof value === 'string' ? value : '';
}

const query = (/** @type {Record<string, string>} */ parameters) => new URLSearchParams(parameters).toString();

export const insightApi = {
  session: () => /** @type {Promise<SessionView>} */ (request('GET', '/api/staff/session')),
  signIn: (/** @type {string} */ username, /** @type {string} */ password) =>
    /** @type {Promise<SessionView>} */ (request('POST', '/api/staff/session', { username, password })),
  signOut: () => request('DELETE', '/api/staff/session'),
  scopes: () => /** @type {Promise<{ scopes: InsightScope[] }>} */ (request('GET', '/api/insight/scopes')),
  figures: (/** @type {{ scope: string, from: string, to: string }} */ period) =>
    /** @type {Promise<Figures>} */ (request('GET', '/api/insight/figures?' + query(period))),
  report: (/** @type {{ scope: string, month: string }} */ which) =>
    /** @type {Promise<EffectReport>} */ (request('GET', '/api/insight/report?' + query(which))),
};

/** The CSV download of one table of the figures. */
export function csvUrl(
  /** @type {{ scope: string, from: string, to: string }} */ period,
  /** @type {CsvTable} */ table,
) {
  return '/api/insight/figures.csv?' + query({ ...period, table });
}

/** The effect report's CSV. */
export function reportCsvUrl(/** @type {{ scope: string, month: string }} */ which) {
  return '/api/insight/report.csv?' + query(which);
}

/** The printable effect report page. */
export function reportPageUrl(/** @type {{ scope: string, month: string }} */ which) {
  return '/insight/report.html?' + query(which);
}

/** What to tell the manager about a failed request: the server's Danish message, else ours. */
export function problemText(/** @type {unknown} */ reason) {
  const error = asHttpError(reason);
  if (error.status === 0) return 'Siden kan ikke få forbindelse til serveren. Prøv igen om lidt.';
  if (error.status === 403) return NO_ACCESS;
  return error.message || 'Tallene kunne ikke hentes. Prøv igen.';
}

export const NO_ACCESS =
  'Din konto har ikke adgang til Indsigt. Indsigt er for ledere og administratorer – spørg en administrator, hvis du skal bruge tallene.';
