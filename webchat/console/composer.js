// @ts-check
/** Writing to the citizen: the composer, typing notices, sending, and canned replies. */
import { MAX_LENGTH, asHttpError, staffApi } from './api-client.js';
import { $, el, ignore } from './dom.js';
import { serverNow } from './server-clock.js';
import { noteTypingSent, setCannedInserted, setCannedReplies, state } from './state.js';
import { setStatus } from './status-line.js';
import { appendMessage } from './transcript-view.js';
import { T, format } from './wording.js';

const TYPING_SEND_INTERVAL = 3000; // POST /typing at most this often while the agent types

const composer = () => $('composer', HTMLTextAreaElement);
const cannedSelect = () => $('canned', HTMLSelectElement);

export function wireComposer() {
  const input = composer();
  input.setAttribute('maxlength', String(MAX_LENGTH));
  input.addEventListener('input', onComposerInput);
  input.addEventListener('keydown', onComposerKeydown);
  $('composer-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sendMessage();
  });
  cannedSelect().addEventListener('change', onCannedChange);
}

/** The composer for a conversation just opened: its draft, no canned reply chosen. */
export function showDraft(/** @type {string} */ draft) {
  composer().value = draft;
  setCannedInserted(null);
  cannedSelect().value = '';
  updateCount();
}

/** Empty, for the next agent on this PC. */
export function clearComposer() {
  composer().value = '';
  const select = cannedSelect();
  while (select.options.length > 1) select.remove(1);
}

export function composerText() {
  return composer().value;
}

function updateCount() {
  $('composer-count').textContent = format(T.charCount, composer().value.length, MAX_LENGTH);
}

function onComposerInput() {
  updateCount();
  const open = state.open;
  if (!open || !composer().value.trim()) return;
  const now = Date.now();
  if (now - open.lastTypingSent < TYPING_SEND_INTERVAL) return;
  noteTypingSent(now);
  staffApi.typing(open.id).catch(ignore); // a lost typing notice is not worth a word
}

function onComposerKeydown(/** @type {KeyboardEvent} */ event) {
  // Enter sends, Shift+Enter is a new line; not while an input method is composing a character.
  if (event.key !== 'Enter' || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
  if (event.isComposing || event.keyCode === 229) return;
  event.preventDefault();
  sendMessage();
}

function sendMessage() {
  if (!state.open) return;
  const input = composer();
  let text = input.value.trim();
  if (!text) {
    setStatus(T.emptyMessage);
    return;
  }
  if (text.length > MAX_LENGTH) text = text.slice(0, MAX_LENGTH);
  const id = state.open.id;
  const name = state.agent && state.agent.name;
  const button = $('send', HTMLButtonElement);
  if (button.disabled) return;
  button.disabled = true;
  input.value = '';
  setCannedInserted(null);
  updateCount();
  staffApi.sendMessage(id, text).then(
    (answer) => {
      button.disabled = false;
      // The activity event may bring the same message; the id keeps it from showing twice.
      if (state.open && state.open.id === id) {
        appendMessage({ id: answer && answer.id, from: 'staff', name, text, at: new Date(serverNow()).toISOString() });
        noteTypingSent(0);
      }
    },
    (/** @type {unknown} */ reason) => {
      const error = asHttpError(reason);
      button.disabled = false;
      if (error.ignore) return;
      if (state.open && state.open.id === id && !input.value) {
        input.value = text;
        updateCount();
      }
      setStatus(
        error.status === 404 || error.status === 409
          ? T.notYours
          : error.status === 0
            ? T.unreachable
            : T.messageFailed,
      );
    },
  );
}

export function loadCanned() {
  staffApi.cannedReplies().then(
    (body) => {
      const replies = body && Array.isArray(body.replies) ? body.replies : [];
      setCannedReplies(replies);
      const select = cannedSelect();
      while (select.options.length > 1) select.remove(1);
      replies.forEach((reply, index) => {
        select.appendChild(
          el('option', {
            value: reply.id !== undefined ? String(reply.id) : 'reply-' + index,
            text: reply.title || '',
          }),
        );
      });
    },
    ignore, // without canned replies the agent can still write
  );
}

/**
 * Puts the chosen reply into the composer without sending it. Choosing another reply right after
 * replaces the first (a keyboard user moving through the list changes it one step at a time);
 * text the agent wrote is kept and the reply goes after it.
 */
function onCannedChange() {
  const select = cannedSelect();
  const reply = state.cannedReplies[select.selectedIndex - 1]; // the first option is "Vælg et standardsvar"
  const open = state.open;
  if (!open || !reply || select.value === '') return;
  /** @type {string | Readonly<Record<string, string>>} */
  const texts = reply.text || {};
  const text = typeof texts === 'string' ? texts : texts[open.language] || texts.da || texts.en || '';
  const input = composer();
  const inserted = state.cannedInserted;
  const before = inserted && input.value === inserted.after ? inserted.before : input.value;
  const joined = (before && !/\s$/.test(before) ? before + '\n' + text : before + text).slice(0, MAX_LENGTH);
  input.value = joined;
  setCannedInserted({ before, after: joined });
  updateCount();
}
