// @ts-check
/** "Afslut samtale" and "Giv tilbage til assistenten" each ask first, with a confirmation on the page. */
import { $ } from './dom.js';

/** @typedef {'end' | 'return'} Closing */

/** @type {Readonly<Record<Closing, { trigger: string, box: string, no: string, yes: string }>>} */
export const CONFIRMS = {
  end: { trigger: 'end', box: 'confirm-end', no: 'confirm-end-no', yes: 'confirm-end-yes' },
  return: { trigger: 'return', box: 'confirm-return', no: 'confirm-return-no', yes: 'confirm-return-yes' },
};
const CLOSINGS = /** @type {Closing[]} */ (Object.keys(CONFIRMS));

/** Shows one confirmation (name) or none (null). */
export function toggleConfirm(/** @type {Closing | null} */ name, /** @type {boolean} */ returnFocus = false) {
  for (const key of CLOSINGS) {
    const c = CONFIRMS[key];
    const box = $(c.box);
    const show = key === name;
    const hadFocus = box.contains(document.activeElement);
    box.hidden = !show;
    $(c.trigger).setAttribute('aria-expanded', show ? 'true' : 'false');
    if (show) $(c.no).focus();
    else if (hadFocus && returnFocus) $(c.trigger).focus();
  }
}

/** The buttons; `onYes` does the ending or returning. */
export function wireConfirmations(/** @type {(name: Closing) => void} */ onYes) {
  for (const name of CLOSINGS) {
    const c = CONFIRMS[name];
    $(c.trigger).addEventListener('click', () => toggleConfirm($(c.box).hidden ? name : null, true));
    $(c.no).addEventListener('click', () => toggleConfirm(null, true));
    $(c.yes).addEventListener('click', () => onYes(name));
    $(c.box).addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      toggleConfirm(null, true);
    });
  }
}
