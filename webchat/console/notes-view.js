// @ts-check
/** Internal notes on the open conversation: for colleagues only, never shown to the citizen. */
import { MAX_LENGTH, asHttpError, staffApi } from './api-client.js';
import { $, el } from './dom.js';
import { dayAndClock, timeElement } from './formats.js';
import { serverNow } from './server-clock.js';
import { state } from './state.js';
import { setStatus } from './status-line.js';
import { T } from './wording.js';

/** @typedef {import('./api-types').Note} Note */
/**
 * A note as shown: the server's, or the one just written if the server's answer had no body.
 * @typedef {{ id?: string, author?: string | null, text: string, at: string }} ShownNote
 */

export function renderNotes(/** @type {readonly ShownNote[]} */ notes) {
  $('notes').textContent = '';
  notes.forEach(addNote);
  $('notes-empty').hidden = notes.length > 0;
}

function addNote(/** @type {ShownNote} */ note) {
  $('notes').appendChild(
    el('li', { class: 'note', 'data-id': note.id }, [
      el('p', { class: 'note-meta' }, [
        el('span', { class: 'sender', text: note.author || T.sender.staff }),
        ' ',
        note.at ? timeElement(note.at, dayAndClock(note.at)) : el('span'),
      ]),
      el('p', { class: 'note-text', text: note.text || '' }),
    ]),
  );
  $('notes-empty').hidden = true;
}

export function saveNote(/** @type {Event} */ event) {
  event.preventDefault();
  if (!state.open) return;
  const input = $('note', HTMLTextAreaElement);
  const text = input.value.trim();
  if (!text) {
    setStatus(T.emptyNote);
    input.focus();
    return;
  }
  const id = state.open.id;
  const button = $('save-note', HTMLButtonElement);
  button.disabled = true;
  staffApi.addNote(id, text.slice(0, MAX_LENGTH)).then(
    (note) => {
      button.disabled = false;
      if (!state.open || state.open.id !== id) return;
      input.value = '';
      addNote(note || { text, author: state.agent && state.agent.name, at: new Date(serverNow()).toISOString() });
      setStatus(T.noteSaved);
    },
    (/** @type {unknown} */ reason) => {
      const error = asHttpError(reason);
      button.disabled = false;
      if (error.ignore) return;
      setStatus(error.status === 0 ? T.unreachable : T.noteFailed);
    },
  );
}
