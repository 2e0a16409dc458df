// @ts-check
/** "Versioner": what was published, by whom and why; the changes of each; and rolling back ("Gendan"). */
import { $, el } from '../console/dom.js';
import { asHttpError, problemText, studioApi } from './api-client.js';
import { changesList } from './diff-view.js';
import { dateTime } from './formats.js';
import { state } from './state.js';
import { setStatus } from './status-line.js';

/** @typedef {import('./api-types').VersionSummary} VersionSummary */

const restoring = {
  number: 0,
  /** @type {HTMLButtonElement | null} the "Gendan" button that asked, for focus afterwards */
  button: null,
};

export function wireVersions() {
  $('restore-no').addEventListener('click', () => closeRestore(true));
  $('restore-confirm').addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeRestore(true);
  });
  $('restore-yes').addEventListener('click', restore);
}

export function loadVersions() {
  $('version-detail').replaceChildren();
  $('restore-confirm').hidden = true;
  return studioApi.versions().then(
    (answer) => renderVersions(answer.versions),
    (/** @type {unknown} */ reason) => {
      if (!asHttpError(reason).ignore) setStatus(problemText(reason));
    },
  );
}

function renderVersions(/** @type {readonly VersionSummary[]} */ versions) {
  const body = $('versions-table').querySelector('tbody');
  if (!body) return;
  const newest = versions[0]?.number;
  body.replaceChildren(
    ...versions.map((version) => {
      const show = el('button', {
        type: 'button',
        class: 'btn btn-secondary',
        text: 'Vis ændringer',
        'aria-label': `Vis ændringer i version ${version.number}`,
      });
      show.addEventListener('click', () => void showVersion(version.number));
      const actions = [show];
      if (version.number !== newest) {
        const restoreButton = el('button', {
          type: 'button',
          class: 'btn btn-secondary',
          text: 'Gendan',
          'aria-label': `Gendan version ${version.number}`,
          'aria-controls': 'restore-confirm',
        });
        restoreButton.addEventListener('click', () => askRestore(version.number, restoreButton));
        actions.push(restoreButton);
      }
      const comment = version.restores ? `${version.comment} (gendanner version ${version.restores})` : version.comment;
      return el('tr', {}, [
        el('td', { text: String(version.number) }),
        el('td', { text: dateTime(version.publishedAt) }),
        el('td', { text: version.author }),
        el('td', { text: comment }),
        el('td', {}, [el('div', { class: 'confirm-buttons' }, actions)]),
      ]);
    }),
  );
  if (versions.length === 0)
    body.appendChild(el('tr', {}, [el('td', { colspan: '5', text: 'Intet er udgivet fra studiet endnu.' })]));
}

function showVersion(/** @type {number} */ number) {
  return studioApi.version(number).then(
    (detail) => {
      const heading = el('h3', { tabindex: '-1', text: `Ændringer i version ${number}` });
      $('version-detail').replaceChildren(
        heading,
        el('p', {
          text: `${detail.version.comment} – ${detail.version.author}, ${dateTime(detail.version.publishedAt)}`,
        }),
        changesList(detail.changes),
      );
      heading.focus();
    },
    (/** @type {unknown} */ reason) => {
      if (!asHttpError(reason).ignore) setStatus(problemText(reason));
    },
  );
}

function askRestore(/** @type {number} */ number, /** @type {HTMLButtonElement} */ button) {
  restoring.number = number;
  restoring.button = button;
  $('restore-text').textContent =
    `Vil du gendanne version ${number}? Dens filer bliver udgivet igen som en ny version, og assistenten bruger dem med det samme.`;
  $('restore-yes').textContent = `Ja, gendan version ${number}`;
  $('restore-comment', HTMLInputElement).value = '';
  $('restore-confirm').hidden = false;
  button.setAttribute('aria-expanded', 'true');
  $('restore-no').focus();
}

function closeRestore(/** @type {boolean} */ refocus) {
  $('restore-confirm').hidden = true;
  restoring.button?.setAttribute('aria-expanded', 'false');
  if (refocus) restoring.button?.focus();
}

function restore() {
  const comment = $('restore-comment', HTMLInputElement).value.trim();
  const basedOn = state.overview?.published?.number ?? 0;
  const button = $('restore-yes', HTMLButtonElement);
  button.disabled = true;
  studioApi.restore(restoring.number, { basedOn, ...(comment ? { comment } : {}) }).then(
    (answer) => {
      button.disabled = false;
      closeRestore(false);
      setStatus(`Version ${restoring.number} er gendannet som version ${answer.version.number}.`);
      $('versions-heading').focus();
      return studioApi.overview().then((overview) => {
        state.overview = overview;
        return loadVersions();
      });
    },
    (/** @type {unknown} */ reason) => {
      button.disabled = false;
      const failure = asHttpError(reason);
      if (failure.ignore) return;
      $('restore-text').textContent =
        failure.status === 409
          ? 'En anden har udgivet en ny version imens. Se listen igen, og prøv derefter.'
          : problemText(reason);
      $('restore-no').focus();
    },
  );
}
