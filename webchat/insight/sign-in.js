// @ts-check
/** Signing in and out with the staff accounts, and what the dashboard looks like in each case. */
import { $ } from '../console/dom.js';
import { setStatus } from '../studio/status-line.js';
import { asHttpError, insightApi, NO_ACCESS } from './api-client.js';
import { beginSession, endSession, state } from './state.js';

/** @typedef {import('./api-types').SessionView} SessionView */

/** What happens once the manager is in (main.js: fill the scopes, show the figures). */
const hooks = {
  onSignedIn: /** @type {(fromForm: boolean) => void} */ (() => {}),
  onSignedOut: () => {},
};

export function onSessionChange(
  /** @type {(fromForm: boolean) => void} */ signedInHandler,
  /** @type {() => void} */ signedOutHandler,
) {
  hooks.onSignedIn = signedInHandler;
  hooks.onSignedOut = signedOutHandler;
}

export function showSignin(/** @type {string} */ message, /** @type {boolean} */ focus) {
  $('loading').hidden = true;
  $('app').hidden = true;
  $('session-bar').hidden = true;
  $('signin-view').hidden = false;
  $('signin-error').textContent = message;
  $('password', HTMLInputElement).value = '';
  if (focus) $('username').focus();
}

/** A session from the server: the list of scopes decides whether this account may see figures. */
export function signedIn(/** @type {SessionView} */ session, /** @type {boolean} */ fromForm) {
  beginSession(session.csrfToken);
  return insightApi.scopes().then(
    ({ scopes }) => {
      state.scopes = scopes;
      $('loading').hidden = true;
      $('signin-view').hidden = true;
      $('signin-error').textContent = '';
      $('app').hidden = false;
      $('session-bar').hidden = false;
      $('manager-name').textContent = session.agent.name || session.agent.id;
      hooks.onSignedIn(fromForm);
    },
    (/** @type {unknown} */ reason) => {
      const error = asHttpError(reason);
      if (error.ignore) return;
      endSession();
      // The form takes focus: another account is the way on.
      showSignin(error.status === 403 ? NO_ACCESS : error.message || 'Tallene kan ikke hentes lige nu.', true);
    },
  );
}

/** expired: the server no longer knows the session, as opposed to the manager's own "Log ud". */
export function signOut(/** @type {boolean} */ expired) {
  endSession();
  hooks.onSignedOut();
  showSignin(expired ? 'Du er blevet logget ud. Log ind igen for at fortsætte.' : '', true);
  if (!expired) setStatus('Du er logget ud.');
}

export function onSigninSubmit(/** @type {SubmitEvent} */ event) {
  event.preventDefault();
  const username = $('username', HTMLInputElement);
  const password = $('password', HTMLInputElement);
  const error = $('signin-error');
  const missing = [username, password].filter((input) => !input.value.trim());
  for (const input of [username, password]) {
    if (missing.includes(input)) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
  if (missing[0]) {
    error.textContent = 'Skriv både brugernavn og adgangskode.';
    missing[0].focus();
    return;
  }
  const button = /** @type {HTMLFormElement} */ (event.currentTarget).querySelector('button[type="submit"]');
  if (!(button instanceof HTMLButtonElement)) return;
  button.disabled = true;
  error.textContent = '';
  insightApi.signIn(username.value.trim(), password.value).then(
    (session) => {
      button.disabled = false;
      password.value = '';
      return signedIn(session, true);
    },
    (/** @type {unknown} */ reason) => {
      const failure = asHttpError(reason);
      button.disabled = false;
      password.value = '';
      if (failure.status === 401) {
        error.textContent = 'Forkert brugernavn eller adgangskode.';
        password.setAttribute('aria-invalid', 'true');
        password.focus();
      } else if (failure.status === 429) {
        error.textContent = 'For mange forsøg. Vent lidt, og prøv igen.';
      } else {
        error.textContent =
          failure.status === 0 ? 'Siden kan ikke få forbindelse til serveren.' : 'Det lykkedes ikke at logge ind.';
      }
    },
  );
}

export function onSignoutClick() {
  const button = $('signout', HTMLButtonElement);
  button.disabled = true;
  insightApi.signOut().then(
    () => {
      button.disabled = false;
      signOut(false);
    },
    () => {
      button.disabled = false;
      setStatus('Det lykkedes ikke at logge ud. Prøv igen.');
    },
  );
}
