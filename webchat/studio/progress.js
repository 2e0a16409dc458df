// @ts-check
/**
 * Asking again while the server trains the draft (202 { status: 'training', progress }), with a
 * progress bar (role=progressbar) that says how far it is.
 */
import { $ } from '../console/dom.js';
import { asHttpError } from './api-client.js';

/** How often a training draft is asked about again. */
export const POLL_MS = 1000;

/**
 * Calls `ask` until the answer is not "training", showing progress in the bar `barId` (inside `wrapId`).
 * @template {{ status: string }} T
 * @param {() => Promise<T>} ask
 * @param {string} wrapId
 * @param {string} barId
 * @returns {Promise<T>}
 */
export function untilReady(ask, wrapId, barId) {
  const wrap = $(wrapId);
  const bar = $(barId);
  const fill = bar.firstElementChild instanceof HTMLElement ? bar.firstElementChild : bar;
  const show = (/** @type {number} */ fraction) => {
    const percent = Math.max(0, Math.min(100, Math.round(fraction * 100)));
    wrap.hidden = false;
    bar.setAttribute('aria-valuenow', String(percent));
    bar.setAttribute('aria-valuetext', `${percent} procent`);
    // CSSOM, not a style attribute: the page's CSP allows no inline styles.
    fill.style.width = `${percent}%`;
  };
  /** @returns {Promise<T>} */
  const round = () =>
    ask().then((answer) => {
      if (answer.status !== 'training') {
        wrap.hidden = true;
        return answer;
      }
      const progress = /** @type {{ progress?: unknown }} */ (answer).progress;
      show(typeof progress === 'number' ? progress : 0);
      return new Promise((resolve) => window.setTimeout(resolve, POLL_MS)).then(round);
    });
  // A training that failed (a worker that crashed) is tried again once: the server trains anew on the next ask.
  return round()
    .catch((/** @type {unknown} */ error) => {
      if (asHttpError(error).code !== 'training_failed') throw error;
      return round();
    })
    .catch((/** @type {unknown} */ error) => {
      wrap.hidden = true;
      throw error;
    });
}
