// @ts-check
/** "Ring op": citizens who asked to be called back, until an agent marks the call done. */
import { asHttpError, problem, staffApi } from './api-client.js';
import { $, el, nextId, part } from './dom.js';
import { dayAndClock, languageName, municipalityName, timeElement } from './formats.js';
import { reconcile } from './keyed-list.js';
import { setCallbackCount } from './state.js';
import { setStatus } from './status-line.js';
import { T } from './wording.js';

/** @typedef {import('./api-types').CallbackView} CallbackView */

export function loadCallbacks() {
  staffApi.callbacks().then(
    (body) => renderCallbacks(body && Array.isArray(body.callbacks) ? body.callbacks : []),
    (/** @type {unknown} */ reason) => {
      if (!asHttpError(reason).ignore) setCallbackCount(null); // try again on the next snapshot
    },
  );
}

function renderCallbacks(/** @type {readonly CallbackView[]} */ callbacks) {
  const lostFocus = reconcile($('callbacks'), callbacks, 'data-callback-id', (callback) => String(callback.id), createCallbackItem, updateCallbackItem);
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
  const button = el('button', { type: 'button', class: 'btn btn-secondary', 'aria-describedby': titleId + ' ' + phoneId, text: T.callbackDoneButton });
  const li = el('li', { class: 'card callback' }, [
    el('p', { id: titleId, class: 'card-title' }, [el('span', { class: 'municipality' })]),
    el('p', { id: phoneId, class: 'phone' }),
    el('p', { class: 'card-meta' }, [
      el('span', { class: 'language' }),
      el('span', { class: 'sep', 'aria-hidden': 'true', text: ' · ' }),
      el('span', { class: 'when' }),
    ]),
    el('p', { class: 'callback-message' }),
    button,
  ]);
  button.addEventListener('click', () => callbackDone(li, button));
  return li;
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
      const nextButton = next && next.querySelector('button');
      if (nextButton) nextButton.focus();
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
