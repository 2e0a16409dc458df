// @ts-check
/** The page title flashes on new citizens until the agent comes back to the window. */
import { state } from './state.js';
import { T, format } from './wording.js';

const BASE_TITLE = document.title;

const flash = { timer: 0, on: false, until: 0 };

export function startFlash() {
  // An agent already looking at the console needs only a short flash; one elsewhere, until they return.
  flash.until = document.hasFocus() ? Date.now() + 6000 : Infinity;
  if (flash.timer) return;
  flash.timer = window.setInterval(flashTick, 1000);
  flashTick();
}

function flashTick() {
  if (Date.now() > flash.until || state.queue.length === 0) {
    stopFlash();
    return;
  }
  flash.on = !flash.on;
  document.title = flash.on ? format(T.titleFlash, state.queue.length) : BASE_TITLE;
}

export function stopFlash() {
  window.clearInterval(flash.timer);
  flash.timer = 0;
  flash.on = false;
  document.title = BASE_TITLE;
}
