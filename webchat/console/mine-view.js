// @ts-check
/** "Mine samtaler": the conversations the agent holds. Choosing one: conversation-view.js. */
import { $, el, part } from './dom.js';
import { clock, languageName, municipalityName, topicTitle } from './formats.js';
import { reconcile } from './keyed-list.js';
import { isLoading, isOpen, state } from './state.js';
import { T } from './wording.js';

/** @typedef {import('./api-types').AssignmentSummary} AssignmentSummary */

export function renderMine() {
  const lostFocus = reconcile(
    $('mine'),
    state.mine,
    'data-conversation-id',
    (summary) => summary.conversationId,
    createMineItem,
    updateMineItem,
  );
  $('mine-empty').hidden = state.mine.length > 0;
  $('nav-mine').textContent = '(' + state.mine.length + ')';
  if (lostFocus) $('mine-heading').focus();
}

/** An item; its button's clicks are handled for the whole list (conversation-view.js, wireMineList). */
function createMineItem() {
  const button = el('button', { type: 'button', class: 'mine-button' }, [
    el('span', { class: 'mine-title' }),
    el('span', { class: 'sr-only', text: ', ' }),
    el('span', { class: 'mine-meta' }),
    el('span', { class: 'badge badge-unread', text: T.unreadBadge }),
  ]);
  return el('li', {}, [button]);
}

function updateMineItem(/** @type {HTMLElement} */ li, /** @type {AssignmentSummary} */ summary) {
  const id = summary.conversationId;
  const button = part(li, 'button');
  part(li, '.mine-title').textContent = municipalityName(summary.municipality) + ' – ' + topicTitle(summary.topic);
  part(li, '.mine-meta').textContent =
    languageName(summary.language) + (summary.claimedAt ? ', ' + clock(summary.claimedAt) : '');
  part(li, '.badge-unread').hidden = !state.unread.has(id);
  const selected = isOpen(id) || isLoading(id);
  if (selected) button.setAttribute('aria-current', 'true');
  else button.removeAttribute('aria-current');
  li.classList.toggle('is-unread', state.unread.has(id));
}
