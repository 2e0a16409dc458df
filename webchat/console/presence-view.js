// @ts-check
/**
 * The agent's own status ("Ledig", "Væk", "Pause") in the header, colleagues' presence in
 * "Kolleger", and "Væk" by itself after a while without activity (the snapshot says how long).
 * Only available agents take new citizens and count in the citizens' wait estimate (API.md).
 */
import { asHttpError, problem, staffApi } from './api-client.js';
import { $, el } from './dom.js';
import { setStatus } from './status-line.js';
import { T, format, plural } from './wording.js';

/** @typedef {import('./api-types').AgentStatus} AgentStatus */
/** @typedef {import('./api-types').ColleagueView} ColleagueView */
/** @typedef {import('./api-types').Snapshot} Snapshot */

const IDLE_CHECK_MS = 15000;
/** Pointer moves count as activity at most this often (they come many per second). */
const MOVE_THROTTLE_MS = 5000;

const presence = {
  /** @type {AgentStatus} */
  status: 'available',
  awayAfterMinutes: 0,
  lastActivity: Date.now(),
  lastMove: 0,
  /** @type {number | undefined} */
  timer: undefined,
  busy: false,
};

export function wirePresence() {
  $('agent-status', HTMLSelectElement).addEventListener('change', (event) => {
    const select = /** @type {HTMLSelectElement} */ (event.currentTarget);
    void changeStatus(/** @type {AgentStatus} */ (select.value), false);
  });
  const active = () => {
    presence.lastActivity = Date.now();
  };
  for (const type of ['keydown', 'pointerdown', 'wheel', 'touchstart', 'focusin']) {
    document.addEventListener(type, active, { capture: true, passive: true });
  }
  document.addEventListener(
    'pointermove',
    () => {
      const now = Date.now();
      if (now - presence.lastMove < MOVE_THROTTLE_MS) return;
      presence.lastMove = now;
      active();
    },
    { capture: true, passive: true },
  );
}

/** Starts the idle check for a session (stopped by stopPresence on signing out). */
export function startPresence() {
  presence.lastActivity = Date.now();
  window.clearInterval(presence.timer);
  presence.timer = window.setInterval(checkIdle, IDLE_CHECK_MS);
}

export function stopPresence() {
  window.clearInterval(presence.timer);
  presence.timer = undefined;
  presence.status = 'available';
}

export function isAvailable() {
  return presence.status === 'available';
}

/** The agent's status and colleagues from a snapshot. */
export function renderPresence(/** @type {Snapshot} */ snapshot) {
  if (snapshot.presence) {
    presence.awayAfterMinutes = snapshot.presence.awayAfterMinutes;
    // A change made here (or in another tab) is what the server now says.
    if (!presence.busy) showStatus(snapshot.presence.status);
  }
  if (Array.isArray(snapshot.colleagues)) renderColleagues(snapshot.colleagues);
}

function showStatus(/** @type {AgentStatus} */ status) {
  presence.status = status;
  const select = $('agent-status', HTMLSelectElement);
  select.value = status;
  document.body.dataset.agentStatus = status;
  const available = status === 'available';
  $('next', HTMLButtonElement).disabled = !available;
  const hint = $('not-available-hint');
  hint.hidden = available;
  hint.textContent = available ? '' : format(T.notAvailableHint, T.status[status] ?? status);
}

/** Sets the status on the server; `automatic` when the console does it after inactivity. */
function changeStatus(/** @type {AgentStatus} */ status, /** @type {boolean} */ automatic) {
  const before = presence.status;
  presence.busy = true;
  showStatus(status);
  return staffApi.setStatus(status).then(
    () => {
      presence.busy = false;
      setStatus(
        automatic
          ? format(T.autoAway, idleTime(presence.awayAfterMinutes))
          : format(T.statusSet, T.status[status] ?? status),
      );
    },
    (/** @type {unknown} */ reason) => {
      const error = asHttpError(reason);
      presence.busy = false;
      showStatus(before);
      if (!error.ignore) setStatus(problem(error));
    },
  );
}

function checkIdle() {
  if (presence.status !== 'available' || presence.awayAfterMinutes <= 0 || presence.busy) return;
  if (Date.now() - presence.lastActivity < presence.awayAfterMinutes * 60000) return;
  void changeStatus('away', true);
}

function renderColleagues(/** @type {readonly ColleagueView[]} */ colleagues) {
  const list = $('colleagues');
  list.replaceChildren(
    ...colleagues.map((colleague) =>
      el('li', { class: 'colleague', 'data-status': colleague.status }, [
        el('span', { class: 'presence-dot', 'aria-hidden': 'true' }),
        el('span', {
          text: format(
            T.colleagueLine,
            colleague.name,
            T.status[colleague.status] ?? colleague.status,
            plural(colleague.conversations, T.oneConversation, T.manyConversations),
          ),
        }),
      ]),
    ),
  );
  $('colleagues-empty').hidden = colleagues.length > 0;
}

/** "10 minutter", "1 minut", or seconds below a minute (a test setting). */
function idleTime(/** @type {number} */ minutes) {
  if (minutes >= 1) return plural(Math.round(minutes), T.oneMinute, T.manyMinutes);
  return plural(Math.max(1, Math.round(minutes * 60)), T.oneSecond, T.manySeconds);
}
