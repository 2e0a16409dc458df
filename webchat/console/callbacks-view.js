// @ts-check
/** "Ring op": citizens who asked to be called back, until an agent marks the call done. */
import { asHttpError, problem, staffApi } from './api-client.js';
import { $, el, nextId, part } from './dom.js';
import { clock, dayAndClock, languageName, municipalityName, plain, timeElement } from './formats.js';
import { reconcile } from './keyed-list.js';
import { setCallbackCount } from './state.js';
import { setStatus } from './status-line.js';
import { T } from './wording.js';

/** @typedef {import('./api-types').CallbackView} CallbackView */
/** @typedef {import('./api-types').TranscriptItem} TranscriptItem */

export function loadCallbacks() {
  staffApi.callbacks().then(
    (body) => renderCallbacks(body && Array.isArray(body.callbacks) ? body.callbacks : []),
    (/** @type {unknown} */ reason) => {
      if (!asHttpError(reason).ignore) setCallbackCount(null); // try again on the next snapshot
    },
  );
}

function renderCallbacks(/** @type {readonly CallbackView[]} */ callbacks) {
  const lostFocus = reconcile(
    $('callbacks'),
    callbacks,
    'data-callback-id',
    (callback) => String(callback.id),
    createCallbackItem,
    updateCallbackItem,
  );
  renderCallbacksEmpty();
  if (lostFocus) $('callbacks-heading').focus();
}

/** The empty notice and the count in the navigation, from what the list shows. */
export function renderCallbacksEmpty() {
  const n = $('callbacks').children.length;
  $('callbacks-empty').hidden = n > 0;
  $('nav-callbacks').textContent = '(' + n + ')';
}

function createCallbackItem() {
  const titleId = nextId('callback-title');
  const phoneId = nextId('callback-phone');
  const button = el('button', {
    type: 'button',
    class: 'btn btn-secondary callback-done',
    'aria-describedby': titleId + ' ' + phoneId,
    text: T.callbackDoneButton,
  });
  const li = el('li', { class: 'card callback' }, [
    el('p', { id: titleId, class: 'card-title' }, [el('span', { class: 'municipality' })]),
    el('p', { id: phoneId, class: 'phone' }),
    el('p', { class: 'card-meta' }, [
      el('span', { class: 'language' }),
      el('span', { class: 'sep', 'aria-hidden': 'true', text: ' · ' }),
      el('span', { class: 'when' }),
    ]),
    el('p', { class: 'callback-message' }),
    el('div', { class: 'callback-actions' }, [button]),
  ]);
  button.addEventListener('click', () => callbackDone(li, button));
  return li;
}

/**
 * "Vis samtalen": the chat the request came from, read on demand (it is not in the list, which
 * refreshes often) and shown under the request. Requests from before the chat was recorded have none.
 */
function addChatToggle(/** @type {HTMLElement} */ li, /** @type {string} */ language) {
  const chatId = nextId('callback-chat');
  const chat = el('div', { id: chatId, class: 'callback-chat', hidden: 'hidden' });
  const toggle = el('button', {
    type: 'button',
    class: 'btn btn-secondary callback-chat-toggle',
    'aria-expanded': 'false',
    'aria-controls': chatId,
    text: T.showCallbackChat,
  });
  toggle.addEventListener('click', () => toggleChat(li, toggle, chat, language));
  part(li, '.callback-actions').prepend(toggle);
  li.appendChild(chat);
}

function toggleChat(
  /** @type {HTMLElement} */ li,
  /** @type {HTMLButtonElement} */ toggle,
  /** @type {HTMLElement} */ chat,
  /** @type {string} */ language,
) {
  if (toggle.getAttribute('aria-expanded') === 'true') {
    toggle.setAttribute('aria-expanded', 'false');
    toggle.textContent = T.showCallbackChat;
    chat.hidden = true;
    return;
  }
  const id = li.getAttribute('data-callback-id') ?? '';
  toggle.disabled = true;
  staffApi.callbackConversation(id).then(
    (body) => {
      toggle.disabled = false;
      showChat(chat, body ? body.transcript : [], language);
      toggle.setAttribute('aria-expanded', 'true');
      toggle.textContent = T.hideCallbackChat;
    },
    (/** @type {unknown} */ reason) => {
      const error = asHttpError(reason);
      toggle.disabled = false;
      if (error.ignore) return;
      if (error.status === 404 && error.code === 'conversation_gone') {
        chat.textContent = '';
        chat.appendChild(el('p', { class: 'empty', text: T.callbackChatGone }));
        chat.hidden = false;
        toggle.hidden = true;
        return;
      }
      setStatus(problem(error));
    },
  );
}

function showChat(
  /** @type {HTMLElement} */ chat,
  /** @type {readonly TranscriptItem[]} */ items,
  /** @type {string} */ language,
) {
  chat.textContent = '';
  if (items.length === 0) chat.appendChild(el('p', { class: 'empty', text: T.callbackChatEmpty }));
  const list = el('ol', { class: 'messages callback-messages' });
  for (const item of items) {
    const from = T.sender[item.from] ? item.from : 'system';
    const sender = from === 'staff' ? (item.name || T.sender.staff) + T.staffSuffix : T.sender[from];
    const text = from === 'assistant' ? plain(item.text || '') : String(item.text || '');
    list.appendChild(
      el('li', { class: 'message message-' + from, 'data-from': from }, [
        el('p', { class: 'message-meta' }, [
          el('span', { class: 'sender', text: sender }),
          ' ',
          item.at ? timeElement(item.at, clock(item.at)) : el('span'),
        ]),
        el('p', { class: 'message-text', text, lang: language === 'en' ? 'en' : undefined }),
      ]),
    );
  }
  if (items.length > 0) chat.appendChild(list);
  chat.hidden = false;
}

function updateCallbackItem(/** @type {HTMLElement} */ li, /** @type {CallbackView} */ callback) {
  part(li, '.municipality').textContent = municipalityName(callback.municipality);
  const phoneLine = part(li, '.phone');
  phoneLine.textContent = '';
  const phone = String(callback.phone || '');
  const dial = phone.replace(/[^\d+]/g, '');
  phoneLine.appendChild(document.createTextNode(T.phone));
  phoneLine.appendChild(dial ? el('a', { href: 'tel:' + dial, text: phone }) : el('span', { text: phone || T.none }));
  part(li, '.language').textContent = languageName(callback.language);
  const when = part(li, '.when');
  when.textContent = '';
  if (callback.createdAt) when.appendChild(timeElement(callback.createdAt, dayAndClock(callback.createdAt)));
  const message = part(li, '.callback-message');
  message.textContent = callback.message ? callback.message : T.noCallbackMessage;
  if (callback.message && callback.language === 'en') message.setAttribute('lang', 'en');
  else message.removeAttribute('lang');
  if (callback.conversationId && !li.querySelector('.callback-chat-toggle')) addChatToggle(li, callback.language);
}

function callbackDone(/** @type {HTMLElement} */ li, /** @type {HTMLButtonElement} */ button) {
  const id = li.getAttribute('data-callback-id') ?? '';
  button.disabled = true;
  staffApi.callbackDone(id).then(
    () => {
      // Focus goes to the next request (or the heading), not back to the top of the page.
      const next = li.nextElementSibling || li.previousElementSibling;
      li.remove();
      renderCallbacksEmpty();
      setStatus(T.callbackDone);
      const nextButton = next && next.querySelector('.callback-done');
      if (nextButton instanceof HTMLElement) nextButton.focus();
      else $('callbacks-heading').focus();
    },
    (/** @type {unknown} */ reason) => {
      const error = asHttpError(reason);
      button.disabled = false;
      if (error.ignore) return;
      if (error.status === 404) {
        li.remove(); // a colleague was quicker
        renderCallbacksEmpty();
        $('callbacks-heading').focus();
        return;
      }
      setStatus(problem(error));
    },
  );
}
