// @ts-check
/** The list of everything editors can change, with search and filters. */
import { $, el } from '../console/dom.js';
import { asHttpError, problemText, studioApi } from './api-client.js';
import { dateTime, KIND_NAMES, plural } from './formats.js';
import { fileHash } from './router.js';
import { state } from './state.js';
import { setStatus } from './status-line.js';

/** @typedef {import('./api-types').Item} Item */

export function wireOverview() {
  $('overview-filter').addEventListener('submit', (event) => event.preventDefault());
  for (const id of ['overview-search', 'overview-kind', 'overview-drafts', 'overview-editable']) {
    $(id).addEventListener('input', renderOverview);
  }
}

/** Fetches the overview again (drafts change as colleagues work) and shows it. */
export function loadOverview() {
  return studioApi.overview().then(
    (overview) => {
      state.overview = overview;
      renderOverview();
    },
    (/** @type {unknown} */ reason) => {
      if (!asHttpError(reason).ignore) setStatus(problemText(reason));
    },
  );
}

export function renderOverview() {
  const overview = state.overview;
  if (!overview) return;
  const published = overview.published;
  $('overview-version').textContent = published
    ? `Udgivet version ${published.number}, ${dateTime(published.publishedAt)} af ${published.author}.`
    : 'Intet er udgivet fra studiet endnu.';
  $('overview-version').textContent +=
    overview.drafts.length > 0
      ? ` Kladden har ændringer i ${plural(overview.drafts.length, 'fil', 'filer')}.`
      : ' Der er ingen kladde.';
  const limits = overview.editor.municipalities;
  $('overview-limits').textContent =
    (limits ? `Du kan ændre profilerne for ${limits.join(', ')}. ` : '') +
    (overview.editor.sharedContent ? '' : 'Fælles indhold (emner og vejledninger) kan du kun læse.');

  const search = $('overview-search', HTMLInputElement).value.trim().toLowerCase();
  const kind = $('overview-kind', HTMLSelectElement).value;
  const onlyDrafts = $('overview-drafts', HTMLInputElement).checked;
  const onlyEditable = $('overview-editable', HTMLInputElement).checked;
  const shown = overview.items.filter(
    (item) =>
      (!kind || item.kind === kind) &&
      (!onlyDrafts || item.hasDraft) &&
      (!onlyEditable || item.editable) &&
      (!search || `${item.title} ${item.path} ${item.id}`.toLowerCase().includes(search)),
  );
  const body = $('overview-table').querySelector('tbody');
  if (!body) return;
  body.replaceChildren(...shown.map(row));
  $('overview-count').textContent =
    shown.length === overview.items.length
      ? `${plural(shown.length, 'fil', 'filer')}.`
      : `Viser ${shown.length} af ${overview.items.length} filer.`;
}

function row(/** @type {Item} */ item) {
  return el('tr', {}, [
    el('td', {}, [el('a', { href: fileHash(item.path), text: item.title || item.id })]),
    el('td', { text: KIND_NAMES[item.kind] ?? item.kind }),
    el('td', { class: 'file', text: item.path }),
    el('td', {}, item.hasDraft ? [el('span', { class: 'tag', text: 'Kladde' })] : []),
    el('td', { text: item.editable ? 'Redigere' : 'Kun læse' }),
  ]);
}
