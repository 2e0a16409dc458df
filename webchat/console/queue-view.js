// @ts-check
/** The queue: who waits, for how long, and taking a citizen from it. */
import { asHttpError, problem, staffApi } from './api-client.js';
import { openConversation, stashDraft } from './conversation-view.js';
import { $, el, nextId, part } from './dom.js';
import { clock, duration, languageName, municipalityName, topicTitle, waited } from './formats.js';
import { reconcile } from './keyed-list.js';
import { beep } from './sound.js';
import { serverNow } from './server-clock.js';
import { addMine, isMine, pruneLeft, removeFromQueue, state, summaryOf } from './state.js';
import { setStatus } from './status-line.js';
import { startFlash } from './title-flash.js';
import { T, format, plural } from './wording.js';

/** @typedef {import('./api-types').ConversationView} ConversationView */
/** @typedef {import('./api-types').WaitingView} WaitingView */
/** @typedef {import('./api-types').LeftView} LeftView */

/** How long a citizen who left is listed (the server sends those of the last three minutes). */
const LEFT_SHOWN_MS = 3 * 60 * 1000;

export function renderQueue() {
  const lostFocus = reconcile(
    $('queue'),
    state.queue,
    'data-conversation-id',
    (entry) => entry.conversationId,
    createQueueItem,
    updateQueueItem,
  );
  $('queue-empty').hidden = state.queue.length > 0;
  if (lostFocus) $('next').focus();
}

/** "3 borgere venter", and how many colleagues are on duty (null: unchanged). */
export function renderQueueCounts(/** @type {number | null} */ onDuty) {
  const n = state.queue.length;
  $('waiting-count').textContent = n === 0 ? T.nobodyWaiting : plural(n, T.oneWaiting, T.manyWaiting);
  if (onDuty !== null) $('onduty-count').textContent = plural(onDuty, T.oneOnDuty, T.manyOnDuty);
  $('nav-queue').textContent = '(' + n + ')';
}

/**
 * What changed in the queue, said in the status line (a polite live region): new citizens (with a
 * sound and the title flashing) and citizens who left, with why.
 */
export function announceQueueChanges(
  /** @type {readonly WaitingView[]} */ entries,
  /** @type {readonly LeftView[]} */ left,
) {
  const said = [
    ...entries.map((entry) => format(T.newCitizen, municipalityName(entry.municipality))),
    ...left.map((entry) => format(T.leftAnnounced, municipalityName(entry.municipality), leftBecause(entry))),
  ];
  if (said.length > 0) setStatus(said.join(' '));
  if (entries.length === 0) return;
  beep();
  startFlash();
}

/**
 * Citizens who left the queue in the last few minutes, so an entry does not silently vanish: each
 * a line saying why, without a button (there is nobody to take).
 */
export function renderLeft() {
  pruneLeft(serverNow() - LEFT_SHOWN_MS);
  reconcile($('queue-left'), state.left, 'data-left-id', (entry) => entry.id, createLeftItem, updateLeftItem);
  $('left-heading').hidden = state.left.length === 0;
}

function createLeftItem() {
  return el('li', { class: 'card left-item' }, [el('p', { class: 'card-title' }), el('p', { class: 'card-meta' })]);
}

function updateLeftItem(/** @type {HTMLElement} */ li, /** @type {LeftView} */ entry) {
  part(li, '.card-title').textContent = format(T.leftQueue, leftBecause(entry));
  part(li, '.card-meta').textContent = format(
    T.leftMeta,
    municipalityName(entry.municipality),
    waited(entry.waitedSeconds),
    clock(entry.at),
  );
}

function leftBecause(/** @type {LeftView} */ entry) {
  return T.leftBecause[entry.reason] || T.leftBecause.left || '';
}

function createQueueItem(/** @type {WaitingView} */ entry) {
  const titleId = nextId('queue-title');
  const metaId = nextId('queue-meta');
  const button = el('button', {
    type: 'button',
    class: 'btn btn-primary',
    'aria-describedby': titleId + ' ' + metaId,
    text: T.claim,
  });
  button.addEventListener('click', () => claim(entry.conversationId, button));
  return el('li', { class: 'card queue-item' }, [
    el('p', { id: titleId, class: 'card-title' }, [
      el('span', { class: 'municipality' }),
      ' ',
      el('span', { class: 'badge badge-returned', text: T.returnedBadge }),
    ]),
    el('p', { id: metaId, class: 'card-meta' }, [
      el('span', { class: 'language' }),
      el('span', { class: 'sep', 'aria-hidden': 'true', text: ' · ' }),
      el('span', { class: 'topic' }),
      el('span', { class: 'sep', 'aria-hidden': 'true', text: ' · ' }),
      el('span', { class: 'wait' }),
    ]),
    button,
  ]);
}

function updateQueueItem(/** @type {HTMLElement} */ li, /** @type {WaitingView} */ entry) {
  part(li, '.municipality').textContent = municipalityName(entry.municipality);
  part(li, '.badge-returned').hidden = !entry.returned;
  part(li, '.language').textContent = languageName(entry.language);
  part(li, '.topic').textContent = topicTitle(entry.topic);
  const wait = part(li, '.wait');
  wait.setAttribute('data-since', entry.enqueuedAt || '');
  wait.textContent = format(T.waiting, duration(entry.enqueuedAt));
  li.classList.toggle('is-returned', Boolean(entry.returned));
}

/** Waiting times move on without a snapshot. Not announced: they would interrupt every 15 seconds. */
export function refreshQueueTimes() {
  for (const node of document.querySelectorAll('#queue .wait[data-since]')) {
    node.textContent = format(T.waiting, duration(node.getAttribute('data-since')));
  }
  if (pruneLeft(serverNow() - LEFT_SHOWN_MS)) renderLeft();
}

// ---- claiming ----

function claimErrors() {
  return {
    not_waiting: T.notWaiting,
    limit_reached: format(T.limitReached, state.agent ? state.agent.maxConversations : ''),
    queue_empty: T.queueEmpty,
    not_available: T.notAvailable,
  };
}

/**
 * Claims with `request`, the button disabled meanwhile; an error the console should show goes to
 * `onError` after the status line has said what went wrong.
 */
function claimWith(
  /** @type {HTMLButtonElement} */ button,
  /** @type {() => Promise<ConversationView | null>} */ request,
  /** @type {(error: ReturnType<typeof asHttpError>) => void} */ onError,
) {
  button.disabled = true;
  request().then(
    (view) => {
      button.disabled = false;
      claimed(view);
    },
    (/** @type {unknown} */ reason) => {
      const error = asHttpError(reason);
      button.disabled = false;
      if (error.ignore) return;
      setStatus(problem(error, claimErrors()));
      onError(error);
    },
  );
}

function claim(/** @type {string} */ conversationId, /** @type {HTMLButtonElement} */ button) {
  claimWith(
    button,
    () => staffApi.claim(conversationId),
    (error) => {
      if (error.code !== 'not_waiting') return;
      // Gone from the queue; no need to wait for the snapshot that says so.
      removeFromQueue(conversationId);
      renderQueue();
      renderQueueCounts(null);
    },
  );
}

/** "Tag næste borger": the server picks who has waited longest. */
export function claimNext() {
  const button = $('next', HTMLButtonElement);
  claimWith(
    button,
    () => staffApi.claimNext(),
    () => button.focus(),
  );
}

function claimed(/** @type {ConversationView | null} */ view) {
  if (!view || !view.conversationId) return;
  if (!isMine(view.conversationId)) addMine(summaryOf(view));
  // It leaves the queue now; the next snapshot says so too.
  removeFromQueue(view.conversationId);
  renderQueue();
  renderQueueCounts(null);
  stashDraft();
  openConversation(view, true);
}
