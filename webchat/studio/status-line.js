// @ts-check
import { $ } from '../console/dom.js';

const STATUS_CLEAR_AFTER = 15000;

const status = { timer: 0 };

/** A short message in the status line (a polite live region); it goes away after a while. */
export function setStatus(/** @type {string} */ text) {
  const line = $('status');
  line.textContent = text || '';
  window.clearTimeout(status.timer);
  if (text) {
    status.timer = window.setTimeout(() => {
      if (line.textContent === text) line.textContent = '';
    }, STATUS_CLEAR_AFTER);
  }
}
