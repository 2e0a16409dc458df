// @ts-check
/**
 * Which view shows, from the address's hash, so the browser's back button and bookmarks work:
 * #oversigt, #fil/<file path>, #proev, #udgiv, #versioner, #log, #ubesvarede.
 */
import { $ } from '../console/dom.js';

/** @typedef {'overview' | 'editor' | 'try' | 'publish' | 'versions' | 'audit' | 'inbox'} ViewName */

/** @type {Readonly<Record<string, ViewName>>} */
const BY_HASH = {
  oversigt: 'overview',
  proev: 'try',
  udgiv: 'publish',
  versioner: 'versions',
  log: 'audit',
  ubesvarede: 'inbox',
};

const VIEWS = /** @type {const} */ (['overview', 'editor', 'try', 'publish', 'versions', 'audit', 'inbox']);

/** The view and, for the editor, the file path the hash names. */
export function currentRoute() {
  const hash = window.location.hash.replace(/^#/, '');
  if (hash.startsWith('fil/')) {
    try {
      return { view: /** @type {ViewName} */ ('editor'), path: decodeURIComponent(hash.slice(4)) };
    } catch {
      // A hand-edited, malformed address: the overview instead.
      return { view: /** @type {ViewName} */ ('overview'), path: '' };
    }
  }
  return { view: BY_HASH[hash] ?? /** @type {ViewName} */ ('overview'), path: '' };
}

export function fileHash(/** @type {string} */ path) {
  return '#fil/' + encodeURIComponent(path);
}

/** Shows one view, marks its link as current, and moves focus to its heading when asked. */
export function showView(/** @type {ViewName} */ name, /** @type {boolean} */ focus) {
  for (const view of VIEWS) $(`${view}-view`).hidden = view !== name;
  for (const link of document.querySelectorAll('#nav a')) {
    const current =
      link.getAttribute('data-view') === name || (name === 'editor' && link.getAttribute('data-view') === 'overview');
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (focus) $(`${name}-heading`).focus();
}
