// @ts-check
/** The optional sound on new citizens; the agent's choice is kept in localStorage ("bsa-console-sound": "1"/"0"). */
import { $, ignore } from './dom.js';
import { T } from './wording.js';

const SOUND_KEY = 'bsa-console-sound';

/** @type {{ on: boolean, context: AudioContext | null }} */
const sound = { on: readSound(), context: null };

function readSound() {
  try {
    return window.localStorage.getItem(SOUND_KEY) !== '0';
  } catch {
    return true; // storage blocked: sound on, the default
  }
}

export function renderSound() {
  $('sound').setAttribute('aria-pressed', sound.on ? 'true' : 'false');
  $('sound-state').textContent = sound.on ? T.soundOn : T.soundOff;
}

export function toggleSound() {
  sound.on = !sound.on;
  try {
    window.localStorage.setItem(SOUND_KEY, sound.on ? '1' : '0');
  } catch {
    // storage blocked: the choice lasts as long as the page
  }
  renderSound();
  if (sound.on) {
    unlockAudio();
    beep(); // so the agent hears what it sounds like
  }
}

function audioContext(/** @type {boolean} */ create) {
  if (!sound.context && create) {
    const prefixed = /** @type {Window & { webkitAudioContext?: typeof AudioContext }} */ (window);
    const Context = window.AudioContext || prefixed.webkitAudioContext;
    if (!Context) return null;
    try {
      sound.context = new Context();
    } catch {
      return null; // no audio here: the title and the live region still tell
    }
  }
  return sound.context;
}

/** Browsers let a page play sound only after the user has done something on it: every click or key unlocks. */
export function unlockAudio() {
  if (!sound.on) return;
  const context = audioContext(true);
  if (context && context.state === 'suspended' && context.resume) context.resume().catch(ignore);
}

export function beep() {
  if (!sound.on) return;
  // Before the first click or key on the page the browser would refuse (and log a warning).
  const activation = navigator.userActivation;
  const context = audioContext(!activation || activation.hasBeenActive);
  if (!context) return;
  if (context.state === 'suspended' && context.resume) context.resume().catch(ignore);
  try {
    const start = context.currentTime + 0.01;
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.setValueAtTime(880, start);
    oscillator.frequency.setValueAtTime(660, start + 0.12);
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
    gain.gain.setValueAtTime(0.25, start + 0.2);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.26);
    oscillator.connect(gain);
    gain.connect(context.destination);
    oscillator.start(start);
    oscillator.stop(start + 0.28);
  } catch {
    // no audio device: the title and the live region still tell
  }
}
