// @ts-check
/** "Log": who did what in the studio, newest first, fifty at a time. */
import { $, el } from '../console/dom.js';
import { asHttpError, problemText, studioApi } from './api-client.js';
import { dateTime } from './formats.js';
import { setStatus } from './status-line.js';

/** @typedef {import('./api-types').AuditEntry} AuditEntry */

/** Words for the audit actions (bot/studio/studio-routes.ts); unknown ones are shown as they are. */
/** @type {Readonly<Record<string, string>>} */
const ACTIONS = {
  'draft.saved': 'Gemte kladde',
  'draft.discarded': 'Kasserede kladde',
  'version.published': 'Udgav',
  'version.restored': 'Gendannede',
  'inbox.example-added': 'Tilføjede træningssætning',
  'inbox.dismissed': 'Afviste spørgsmål',
};

const PAGE = 50;
const audit = { last: '' };

export function wireAudit() {
  $('audit-more').addEventListener('click', () => void loadAudit(audit.last));
}

/** The newest entries, or (with `before`) the ones after the last shown. */
export function loadAudit(/** @type {string} */ before = '') {
  return studioApi.audit(before || undefined).then(
    (answer) => {
      const body = $('audit-table').querySelector('tbody');
      if (!body) return;
      const rows = answer.entries.map(row);
      if (before) body.append(...rows);
      else body.replaceChildren(...rows);
      if (!before && rows.length === 0)
        body.appendChild(el('tr', {}, [el('td', { colspan: '5', text: 'Loggen er tom.' })]));
      audit.last = answer.entries[answer.entries.length - 1]?.id ?? '';
      $('audit-more').hidden = answer.entries.length < PAGE;
    },
    (/** @type {unknown} */ reason) => {
      if (!asHttpError(reason).ignore) setStatus(problemText(reason));
    },
  );
}

function row(/** @type {AuditEntry} */ entry) {
  return el('tr', {}, [
    el('td', { text: dateTime(entry.at) }),
    el('td', { text: entry.actor }),
    el('td', { text: ACTIONS[entry.action] ?? entry.action }),
    el('td', { class: 'file', text: entry.target }),
    el('td', { text: entry.detail ?? '' }),
  ]);
}
