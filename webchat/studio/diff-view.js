// @ts-check
/** The changes of a publication or version, one collapsible unified diff per file. */
import { el } from '../console/dom.js';

/** @typedef {import('./api-types').FileChange} FileChange */

/** @type {Readonly<Record<string, string>>} */
const CHANGE_NAMES = { added: 'ny fil', removed: 'slettet', changed: 'ændret' };

export function changesList(/** @type {readonly FileChange[]} */ changes) {
  if (changes.length === 0) return el('p', { class: 'empty', text: 'Ingen filer er ændret.' });
  return el(
    'div',
    { class: 'changes' },
    changes.map((change) =>
      el('details', {}, [
        el('summary', {
          text: `${change.path} (${CHANGE_NAMES[change.change] ?? change.change}: +${change.added} −${change.removed} linjer)`,
        }),
        patchBlock(change.patch),
      ]),
    ),
  );
}

/** The patch with added and removed lines marked by colour and by their + and − signs. */
function patchBlock(/** @type {string} */ patch) {
  const lines = patch.split('\n').map((line) => {
    const kind =
      line.startsWith('+') && !line.startsWith('+++')
        ? 'add'
        : line.startsWith('-') && !line.startsWith('---')
          ? 'del'
          : '';
    return kind ? el('span', { class: kind, text: line }) : `${line}\n`;
  });
  return el('pre', { class: 'diff', tabindex: '0', 'aria-label': 'Ændringer i filen' }, lines);
}
