// @ts-check
/** Signing in and out, and what the console looks like in each case. */
import { asHttpError, staffApi } from './api-client.js';
import { renderCallbacksEmpty } from './callbacks-view.js';
import { clearComposer, loadCanned } from './composer.js';
import { hideConversation, onActivity, onEnded, onTyping } from './conversation-view.js';
import { $ } from './dom.js';
import { connect, disconnect, resetConnection } from './live-events.js';
import { renderMine } from './mine-view.js';
import { refreshOverviewTimes, resetOverview } from './overview-view.js';
import { startPresence, stopPresence } from './presence-view.js';
import { refreshQueueTimes, renderQueueCounts } from './queue-view.js';
import { loadWrapUpCodes } from './wrap-up.js';
import { serverNow } from './server-clock.js';
import { onSnapshot } from './snapshot.js';
import { renderSound, unlockAudio } from './sound.js';
import { beginSession, endSession, forgetWork, state } from './state.js';
import { setStatus } from './status-line.js';
import { stopFlash } from './title-flash.js';
import { hideTyping } from './transcript-view.js';
import { T, format, plural } from './wording.js';

/** @typedef {import('./api-types').AgentView} AgentView */
/** @typedef {import('./api-types').SessionView} SessionView */

const WAIT_REFRESH = 15000; // "venter 3 min" is recomputed this often

const waitingTimes = { timer: 0 };

export function showSignin(/** @type {string} */ message, /** @type {boolean} */ focus) {
  $('loading').hidden = true;
  $('app').hidden = true;
  $('nav').hidden = true;
  $('session-bar').hidden = true;
  $('signin-view').hidden = false;
  $('signin-error').textContent = message || '';
  $('password', HTMLInputElement).value = '';
  $('username').removeAttribute('aria-invalid');
  $('password').removeAttribute('aria-invalid');
  if (focus) $('username').focus();
}

function showApp(/** @type {AgentView} */ agent) {
  $('loading').hidden = true;
  $('signin-view').hidden = true;
  $('signin-error').textContent = '';
  $('app').hidden = false;
  $('nav').hidden = false;
  $('session-bar').hidden = false;
  $('agent-name').textContent = agent.name || agent.id || '';
  const admin = agent.role === 'admin';
  $('overview').hidden = !admin;
  $('nav-overview').hidden = !admin;
  renderSound();
}

/** A session answer from the server (the page loaded signed in, or the form was sent). */
export function signedIn(/** @type {SessionView | null} */ body, /** @type {boolean} */ fromForm) {
  beginSession(body);
  const agent = state.agent;
  if (!agent) {
    showSignin(T.signinFailed, fromForm);
    return;
  }
  resetConsole();
  showApp(agent);
  startPresence();
  connect({ snapshot: onSnapshot, activity: onActivity, typing: onTyping, ended: onEnded });
  loadCanned();
  loadWrapUpCodes();
  waitingTimes.timer = window.setInterval(() => {
    refreshQueueTimes();
    refreshOverviewTimes();
  }, WAIT_REFRESH);
  if (fromForm) $('queue-heading').focus();
}

/** expired: the server no longer knows the session (a 401), as opposed to the agent's own "Log ud". */
export function signOut(/** @type {boolean} */ expired) {
  endSession();
  disconnect();
  resetConsole();
  showSignin(expired ? T.signedOutExpired : '', true);
  if (!expired) setStatus(T.signedOut);
}

/** Forgets everything of the previous session, so a colleague signing in on the same PC sees nothing of it. */
function resetConsole() {
  window.clearInterval(waitingTimes.timer);
  stopPresence();
  $('colleagues').textContent = '';
  hideTyping();
  stopFlash();
  forgetWork();
  resetOverview();
  $('queue').textContent = '';
  $('queue-left').textContent = '';
  $('left-heading').hidden = true;
  $('mine').textContent = '';
  $('callbacks').textContent = '';
  $('messages').textContent = '';
  $('notes').textContent = '';
  clearComposer();
  $('note', HTMLTextAreaElement).value = '';
  $('no-conversation-reason').hidden = true;
  $('no-conversation-reason').textContent = '';
  $('onduty-count').textContent = '';
  renderQueueCounts(null);
  setStatus('');
  renderMine();
  renderCallbacksEmpty();
  hideConversation();
  resetConnection();
}

export function onSigninSubmit(/** @type {SubmitEvent} */ event) {
  event.preventDefault();
  unlockAudio();
  const username = $('username', HTMLInputElement);
  const password = $('password', HTMLInputElement);
  const error = $('signin-error');
  const missing = [username, password].filter((input) => !input.value.trim());
  for (const input of [username, password]) {
    if (missing.includes(input)) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
  if (missing[0]) {
    error.textContent = T.signinMissing;
    missing[0].focus();
    return;
  }
  const form = /** @type {HTMLFormElement} */ (event.currentTarget);
  const button = form.querySelector('button[type="submit"]');
  if (!(button instanceof HTMLButtonElement)) return;
  button.disabled = true;
  error.textContent = '';
  staffApi.signIn(username.value.trim(), password.value).then(
    (body) => {
      button.disabled = false;
      password.value = '';
      signedIn(body, true);
    },
    (/** @type {unknown} */ reason) => {
      const failure = asHttpError(reason);
      button.disabled = false;
      password.value = '';
      if (failure.status === 401 || failure.code === 'invalid_credentials') {
        error.textContent = T.signinInvalid;
        password.setAttribute('aria-invalid', 'true');
        password.focus();
      } else if (failure.status === 429 || failure.code === 'rate_limited') {
        const minutes = retryMinutes(failure.retryAfter);
        error.textContent = format(T.signinRateLimited, plural(minutes, T.oneMinute, T.manyMinutes));
      } else if (failure.status === 400) {
        error.textContent = T.signinMissing;
      } else {
        error.textContent = failure.status === 0 ? T.unreachable : T.signinFailed;
      }
    },
  );
}

/** Retry-After is seconds or an HTTP date; the agent is told whole minutes, at least one. */
function retryMinutes(/** @type {string | null | undefined} */ value) {
  let seconds = Number(value);
  if (!(seconds >= 0) || String(value || '').trim() === '') {
    const date = Date.parse(value || '');
    seconds = isNaN(date) ? 60 : (date - serverNow()) / 1000;
  }
  return Math.max(1, Math.ceil(seconds / 60));
}

export function onSignoutClick() {
  const button = $('signout', HTMLButtonElement);
  button.disabled = true;
  staffApi.signOut().then(
    () => {
      button.disabled = false;
      signOut(false);
    },
    (/** @type {unknown} */ reason) => {
      const error = asHttpError(reason);
      button.disabled = false;
      if (error.ignore) return;
      setStatus(T.signoutFailed);
    },
  );
}
