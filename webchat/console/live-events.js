// @ts-check
/**
 * The live changes: one EventSource on /api/staff/events (API.md lists the events). While it is
 * open the agent is on duty. EventSource reconnects by itself after a network error; when the
 * server answers with something other than a stream it gives up, and this module decides whether
 * to try again (session still valid) or not (signed out).
 */
import { EVENTS_URL, asHttpError, staffApi } from './api-client.js';
import { $ } from './dom.js';
import { adoptSession, state } from './state.js';
import { T } from './wording.js';

/** @typedef {import('./api-types').Snapshot} Snapshot */
/** @typedef {import('./api-types').ActivityEvent} ActivityEvent */
/** @typedef {import('./api-types').TypingEvent} TypingEvent */
/** @typedef {import('./api-types').EndedEvent} EndedEvent */
/**
 * @typedef {object} LiveHandlers
 * @property {(snapshot: Snapshot) => void} snapshot
 * @property {(data: ActivityEvent) => void} activity
 * @property {(data: TypingEvent) => void} typing
 * @property {(data: EndedEvent) => void} ended
 */
/** @typedef {'connecting' | 'connected' | 'disconnected'} ConnectionState */

/** @type {{ source: EventSource | null, reconnectTimer: number, failures: number, shown: ConnectionState | '', handlers: LiveHandlers | null }} */
const live = { source: null, reconnectTimer: 0, failures: 0, shown: '', handlers: null };

/** The connection line in the top bar. */
function setConnection(/** @type {ConnectionState} */ connection) {
  if (live.shown === connection) return; // the region is live: say each change once
  live.shown = connection;
  const node = $('connection');
  node.setAttribute('data-state', connection);
  node.textContent =
    connection === 'connected' ? T.connected : connection === 'disconnected' ? T.disconnected : T.connecting;
}

/** Opens the stream (closing any previous one); events go to `handlers`. */
export function connect(/** @type {LiveHandlers} */ handlers) {
  disconnect();
  live.handlers = handlers;
  const generation = state.generation;
  /** @type {EventSource} */
  let source;
  try {
    source = new window.EventSource(EVENTS_URL);
  } catch {
    scheduleReconnect(); // the browser refused to open it at all: later, with back-off
    return;
  }
  live.source = source;
  setConnection(live.failures > 0 ? 'disconnected' : 'connecting');
  source.addEventListener('open', () => {
    if (source !== live.source) return;
    live.failures = 0;
    setConnection('connected');
  });
  source.addEventListener('error', () => {
    if (source !== live.source || generation !== state.generation) return;
    setConnection('disconnected');
    // CONNECTING: EventSource tries again by itself. CLOSED: the server answered with something
    // other than a stream (a 401 when the session is gone, or a proxy's error page), after which
    // EventSource gives up; the session check tells which.
    if (source.readyState !== EventSource.CLOSED) return;
    source.close();
    live.source = null;
    staffApi.checkSession().then(
      (body) => {
        adoptSession(body);
        scheduleReconnect();
      },
      (/** @type {unknown} */ error) => {
        if (!asHttpError(error).ignore) scheduleReconnect();
      },
    );
  });
  listen(source, 'snapshot', (data) => handlers.snapshot(/** @type {Snapshot} */ (data)));
  listen(source, 'activity', (data) => handlers.activity(/** @type {ActivityEvent} */ (data)));
  listen(source, 'typing', (data) => handlers.typing(/** @type {TypingEvent} */ (data)));
  listen(source, 'ended', (data) => handlers.ended(/** @type {EndedEvent} */ (data)));
}

/** Calls `handler` with each event's JSON object; anything else is dropped. */
function listen(
  /** @type {EventSource} */ source,
  /** @type {string} */ name,
  /** @type {(data: object) => void} */ handler,
) {
  source.addEventListener(name, (event) => {
    if (source !== live.source) return;
    /** @type {unknown} */
    let data;
    try {
      data = JSON.parse(/** @type {MessageEvent<string>} */ (event).data);
    } catch {
      return; // not JSON: not from our server
    }
    if (data && typeof data === 'object') handler(data);
  });
}

/** Tries again after 2, 4, 8 … up to 30 seconds, unless the agent has signed out (or in again) meanwhile. */
function scheduleReconnect() {
  window.clearTimeout(live.reconnectTimer);
  live.failures += 1;
  const delay = Math.min(30000, 1000 * Math.pow(2, live.failures));
  const generation = state.generation;
  live.reconnectTimer = window.setTimeout(() => {
    if (generation === state.generation && live.handlers) connect(live.handlers);
  }, delay);
}

export function disconnect() {
  window.clearTimeout(live.reconnectTimer);
  if (live.source) live.source.close();
  live.source = null;
}

/** A new session starts without the previous one's failures. */
export function resetConnection() {
  live.failures = 0;
  setConnection('connecting');
}
