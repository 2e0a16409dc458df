// @ts-check
/**
 * Colleagues on the open file: the page says every ~10 s that the editor has the file open, and
 * the answer tells who else has, and whether the shared draft has moved past the revision this
 * page saves on. When a colleague saved meanwhile, their change is shown as a diff and nothing more
 * is saved until the editor chooses: take their version, or keep writing on top of it. What the
 * editor typed stays in the saver's queue until then: never a silent overwrite, nothing lost.
 */
import { $, el } from '../console/dom.js';
import { asHttpError, studioApi } from './api-client.js';
import { changesList } from './diff-view.js';
import { ago } from './formats.js';

/** @typedef {import('./api-types').DraftNow} DraftNow */
/** @typedef {import('./api-types').PresenceView} PresenceView */
/** @typedef {import('./draft-saver.js').DraftSaver} DraftSaver */

/** Until the server says otherwise (its heartbeatSeconds). */
const DEFAULT_HEARTBEAT_SECONDS = 10;

export class FilePresence {
  /**
   * @param {string} path
   * @param {string} me  the signed-in editor's id
   * @param {DraftSaver} saver
   * @param {string | null} text  the file's text at the saver's revision
   * @param {{ takeTheirs: () => void, form: boolean }} options  form: field saves (PATCH) go on top of a colleague's other fields
   */
  constructor(path, me, saver, text, options) {
    this.path = path;
    this.me = me;
    this.saver = saver;
    /** The text this page's editor last saw saved: what a colleague's change is compared with. */
    this.text = text;
    this.options = options;
    this.timer = 0;
    this.stopped = false;
    /** The revision whose change is on screen (-1: none). */
    this.shown = -1;
    /** @type {DraftNow | null} the colleague's draft on screen */
    this.theirs = null;
    /** @type {string | null} its text */
    this.theirText = null;
  }

  start() {
    say('presence-note', '');
    say('colleague-change-text', '');
    $('colleague-change').hidden = true;
    this.beat();
  }

  /** The page saved: this is the text it now saves on. */
  saved(/** @type {string | null} */ text) {
    this.text = text;
  }

  /** tellServer: false when signing out (the session is gone; the server forgets the editor on its own). */
  stop(/** @type {boolean} */ tellServer) {
    if (this.stopped) return;
    this.stopped = true;
    window.clearTimeout(this.timer);
    if (!tellServer) return;
    studioApi.leave(this.path).catch(() => {
      // Leaving is a courtesy: the server forgets the editor on its own after half a minute.
    });
  }

  beat() {
    if (this.stopped) return;
    studioApi.presence(this.path, this.saver.revision).then(
      (/** @type {PresenceView} */ presence) => {
        if (this.stopped) return;
        say('presence-note', presenceSentence(presence.others.map((other) => other.name)));
        this.notice(presence.draft);
        this.next(presence.heartbeatSeconds);
      },
      (/** @type {unknown} */ reason) => {
        if (asHttpError(reason).ignore || this.stopped) return;
        // Offline for a moment: try again at the next beat; the save status says if saving fails.
        this.next(DEFAULT_HEARTBEAT_SECONDS);
      },
    );
  }

  next(/** @type {number} */ seconds) {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.beat(), Math.max(1, seconds) * 1000);
  }

  /** Shows a colleague's change, once per revision, unless it is this page's own save. */
  notice(/** @type {DraftNow | null} */ draft) {
    if (this.saver.busy || this.saver.closed) return;
    const changed = draft
      ? draft.revision > this.saver.revision && draft.editedBy !== this.me
      : this.saver.revision > 0;
    const revision = draft?.revision ?? 0;
    if (!changed || this.shown === revision) return;
    this.shown = revision;
    this.saver.pause();
    studioApi.compare(this.path, this.text).then(
      (compared) => {
        if (this.stopped) return;
        this.theirs = compared.draft;
        this.theirText = compared.text;
        this.show(compared.draft, compared.changes);
      },
      (/** @type {unknown} */ reason) => {
        if (asHttpError(reason).ignore || this.stopped) return;
        this.shown = -1;
        this.saver.resume();
      },
    );
  }

  /**
   * @param {DraftNow | null} draft
   * @param {readonly import('./api-types').FileChange[]} changes
   */
  show(draft, changes) {
    say(
      'colleague-change-text',
      draft
        ? `${draft.editedByName} har ændret filen ${ago(draft.editedAt, new Date())}.`
        : 'Kladden til filen er udgivet eller kasseret imens.',
    );
    const take = this.saver.unsaved()
      ? 'Henter du deres udgave, ser du filen, som den er nu, og det du har skrevet og ikke fået gemt, bliver ikke gemt.'
      : 'Henter du deres udgave, ser du filen, som den er nu.';
    const keep = this.options.form
      ? 'Fortsætter du, gemmes dine ændringer oven på deres: felter, du ikke retter, beholder deres tekst.'
      : 'Fortsætter du, erstatter din tekst deres, næste gang den gemmes.';
    $('colleague-change-hint').textContent = `Intet er gemt, før du vælger. ${take} ${keep}`;
    $('colleague-change-diff').replaceChildren(el('h3', { text: 'Det er ændret' }), changesList(changes));
    $('colleague-change').hidden = false;
  }

  /** The editor takes the colleague's version: the file is opened again as it is now. */
  takeTheirs() {
    $('colleague-change').hidden = true;
    say('colleague-change-text', '');
    this.options.takeTheirs();
  }

  /** The editor keeps writing: what they type is saved on the colleague's revision from now on. */
  keepWriting() {
    $('colleague-change').hidden = true;
    say('colleague-change-text', '');
    this.text = this.theirText;
    this.saver.saveOver(this.theirs?.revision ?? 0);
  }
}

/** "Mads har også denne fil åben", "Mads og Sofie har også …", or nothing when alone. */
export function presenceSentence(/** @type {readonly string[]} */ names) {
  if (names.length === 0) return '';
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} og ${names[names.length - 1]}`;
  return `${list} har også denne fil åben.`;
}

/** Text into a live region, only when it changes, so it is read once. */
function say(/** @type {string} */ id, /** @type {string} */ text) {
  const line = $(id);
  if (line.textContent !== text) line.textContent = text;
}
