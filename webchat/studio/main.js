// @ts-check
/*!
 * Borgerservice-assistenten: the knowledge studio (served at /studio/). Municipal content editors
 * change topics, guides and municipality profiles as a shared draft, try the draft, and publish it.
 * Talks to /api/studio (API.md next to this file) with the staff console's sign-in.
 *
 * Everything the server sends is put on the page with textContent, never as HTML.
 * Native ES modules, no build step; type-checked with `npm run typecheck:console`.
 * The CSRF token lives in memory only; nothing is kept in the browser's storage.
 */
import { $ } from '../console/dom.js';
import { asHttpError, onSessionLost, studioApi } from './api-client.js';
import { wirePreviewChoice } from './answer-preview.js';
import { closeEditor, leaveEditor, openFile, wireEditor } from './editor-view.js';
import { loadOverview, renderOverview, wireOverview } from './overview-view.js';
import { currentRoute, showView } from './router.js';
import { onSessionChange, onSigninSubmit, onSignoutClick, showSignin, signedIn, signOut } from './sign-in.js';
import { setStatus } from './status-line.js';
import { state } from './state.js';
import { prepareTry, wireTry } from './try-view.js';
import { preparePublish, wirePublish } from './publish-view.js';
import { loadVersions, wireVersions } from './versions-view.js';
import { loadAudit, wireAudit } from './audit-view.js';
import { loadInbox, wireInbox } from './inbox-view.js';

/** Shows the view the address names; `focus` moves focus to its heading (not on first load). */
function route(/** @type {boolean} */ focus) {
  if (!state.overview) return;
  const { view, path } = currentRoute();
  if (view !== 'editor') leaveEditor();
  showView(view, focus);
  if (view === 'editor') void openFile(path, false);
  else if (view === 'overview') {
    renderOverview();
    void loadOverview();
  } else if (view === 'try') prepareTry();
  else if (view === 'publish') preparePublish();
  else if (view === 'versions') void loadVersions();
  else if (view === 'audit') void loadAudit();
  else if (view === 'inbox') void loadInbox();
}

function start() {
  onSessionLost(() => signOut(true));
  onSessionChange(
    (fromForm) => route(fromForm),
    () => {
      closeEditor();
      setStatus('');
    },
  );
  $('signin').addEventListener('submit', onSigninSubmit);
  $('signout').addEventListener('click', onSignoutClick);
  window.addEventListener('hashchange', () => route(true));
  wireOverview();
  wireEditor();
  wirePreviewChoice();
  wireTry();
  wirePublish();
  wireVersions();
  wireAudit();
  wireInbox();

  studioApi.session().then(
    (session) => signedIn(session, false),
    // Not signed in (401) is the usual case: the form, with no message.
    (/** @type {unknown} */ error) =>
      showSignin(asHttpError(error).status === 0 ? 'Studiet kan ikke få forbindelse til serveren.' : '', true),
  );
}

// Module scripts run after the document is parsed, so the elements are there.
start();
