// @ts-check
/** The open conversation's transcript (a live log) and the "Borgeren skriver …" line under it. */
import { $, el } from './dom.js';
import { clock, plain, timeElement } from './formats.js';
import { markShown, state } from './state.js';
import { T } from './wording.js';

/**
 * A transcript line: a TranscriptItem from the server, or the agent's own message before the server's echo.
 * @typedef {object} MessageItem
 * @property {string | null | undefined} [id]  seen once only; the agent's own message and its echo share it
 * @property {string} from
 * @property {string | null} [name]
 * @property {string} [text]
 * @property {string} [at]
 */

const TYPING_SHOW_FOR = 5000; // "Borgeren skriver …" goes away this long after the last typing event

const typing = { timer: 0 };

export function renderTranscript(/** @type {readonly MessageItem[]} */ items) {
  const log = $('transcript');
  // Filling the log is not news: aria-busy keeps screen readers from reading the whole history.
  log.setAttribute('aria-busy', 'true');
  $('messages').textContent = '';
  for (const item of items) addMessage(item);
  log.setAttribute('aria-busy', 'false');
}

/** Adds a line unless it is already there; true if added. */
function addMessage(/** @type {MessageItem | null | undefined} */ item) {
  const open = state.open;
  if (!open || !item) return false;
  const key = item.id !== undefined && item.id !== null ? String(item.id) : null;
  if (key && !markShown(key)) return false;
  const from = T.sender[item.from] ? item.from : 'system';
  const sender = from === 'staff' ? (item.name || T.sender.staff) + T.staffSuffix : T.sender[from];
  const text = from === 'assistant' ? plain(item.text || '') : String(item.text || '');
  $('messages').appendChild(
    el('li', { class: 'message message-' + from, 'data-from': from, 'data-id': key }, [
      el('p', { class: 'message-meta' }, [
        el('span', { class: 'sender', text: sender }),
        ' ',
        item.at ? timeElement(item.at, clock(item.at)) : el('span'),
      ]),
      el('p', { class: 'message-text', text, lang: open.language === 'en' ? 'en' : undefined }),
    ]),
  );
  return true;
}

/** A new message in the open conversation: added, and the log follows it if the agent was at the end. */
export function appendMessage(/** @type {MessageItem} */ item) {
  const log = $('transcript');
  const atEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  if (!addMessage(item)) return;
  if (item.from === 'citizen') hideTyping();
  if (atEnd) scrollTranscriptToEnd();
}

export function scrollTranscriptToEnd() {
  const log = $('transcript');
  log.scrollTop = log.scrollHeight;
}

export function showTyping() {
  $('typing').hidden = false;
  window.clearTimeout(typing.timer);
  typing.timer = window.setTimeout(hideTyping, TYPING_SHOW_FOR);
}

export function hideTyping() {
  window.clearTimeout(typing.timer);
  $('typing').hidden = true;
}
