// @ts-check
/*!
 * Borgerservice-assistenten: the staff console (served at /console/). Staff take over chats that
 * citizens hand off from the assistant. Talks to /api/staff (see API.md next to this file): JSON
 * over fetch with the session cookie (api-client.js), live changes over one EventSource
 * (live-events.js). What the console knows lives in one object (state.js).
 *
 * Everything the server sends is put on the page with textContent, never as HTML: transcripts,
 * notes and callback messages are written by citizens and colleagues.
 *
 * Native ES modules, no build step; type-checked with `npm run typecheck:console`.
 * localStorage: "bsa-console-sound" "1"/"0" (sound on new citizens). The CSRF token lives in memory only.
 */
import { asHttpError, onSessionLost, staffApi } from './api-client.js';
import { closeAsAgent, wireMineList } from './conversation-view.js';
import { wireComposer } from './composer.js';
import { wireConfirmations } from './confirmations.js';
import { $ } from './dom.js';
import { saveNote } from './notes-view.js';
import { wirePresence } from './presence-view.js';
import { claimNext } from './queue-view.js';
import { onSigninSubmit, onSignoutClick, showSignin, signedIn, signOut } from './sign-in.js';
import { renderSound, toggleSound, unlockAudio } from './sound.js';
import { stopFlash } from './title-flash.js';
import { T } from './wording.js';

function start() {
  onSessionLost(() => signOut(true));
  $('signin').addEventListener('submit', onSigninSubmit);
  $('signout').addEventListener('click', onSignoutClick);
  $('sound').addEventListener('click', toggleSound);
  $('next').addEventListener('click', claimNext);
  wireComposer();
  $('note-form').addEventListener('submit', saveNote);
  wireConfirmations(closeAsAgent);
  wireMineList();
  wirePresence();

  window.addEventListener('focus', stopFlash);
  document.addEventListener('pointerdown', unlockAudio, true);
  document.addEventListener('keydown', unlockAudio, true);
  renderSound();

  staffApi.session().then(
    (body) => signedIn(body, false),
    // Not signed in (401) is the usual case: the form, with no message.
    (/** @type {unknown} */ error) => showSignin(asHttpError(error).status === 0 ? T.unreachable : '', true),
  );
}

// Module scripts run after the document is parsed, so the elements are there.
start();
