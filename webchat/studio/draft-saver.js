// @ts-check
/**
 * Saves an editor's changes to the shared draft shortly after typing stops: single fields with
 * PATCH (intents), or the whole text with PUT (guides, profiles). Every save names the revision it
 * was made on; when a colleague saved in between (409), nothing more is saved until the editor
 * chooses to load their version or to save over it: never a silent overwrite.
 */
import { $ } from '../console/dom.js';
import { asHttpError, problemText, studioApi } from './api-client.js';
import { clock } from './formats.js';
import { setStatus } from './status-line.js';

/** @typedef {import('./api-types').DraftFile} DraftFile */
/** @typedef {import('./api-types').FieldPath} FieldPath */
/** @typedef {import('./api-types').SavedView} SavedView */

/** How long after the last key press a change is saved. */
export const SAVE_AFTER_MS = 800;

/**
 * @typedef {object} SaverHooks
 * @property {(saved: SavedView) => void} saved
 * @property {(current: DraftFile | null) => void} conflict
 */

export class DraftSaver {
  /**
   * @param {string} path
   * @param {number} revision  the draft revision the page shows (0: no draft yet)
   * @param {SaverHooks} hooks
   */
  constructor(path, revision, hooks) {
    this.path = path;
    this.revision = revision;
    this.hooks = hooks;
    /** @type {Map<string, { field: FieldPath, value: unknown }>} */
    this.fields = new Map();
    /** @type {{ text: string | null } | null} */
    this.text = null;
    this.timer = 0;
    this.busy = false;
    this.blocked = false;
    this.closed = false;
    /** Another file is open now: what happens to this one's last save goes to the status line. */
    this.detached = false;
  }

  /** A field changed (PATCH); a later change of the same field replaces the earlier one. */
  setField(/** @type {FieldPath} */ field, /** @type {unknown} */ value) {
    this.fields.set(JSON.stringify(field), { field, value });
    this.schedule();
  }

  /** The whole file's text changed (PUT). */
  setText(/** @type {string} */ text) {
    this.text = { text };
    this.schedule();
  }

  /** Whether something typed is not saved yet. */
  unsaved() {
    return this.fields.size > 0 || this.text !== null || this.busy;
  }

  schedule() {
    if (this.closed) return;
    window.clearTimeout(this.timer);
    if (!this.blocked) this.say('Ændringer gemmes …');
    this.timer = window.setTimeout(() => this.flush(), SAVE_AFTER_MS);
  }

  /** Saves what is waiting, now. */
  flush() {
    window.clearTimeout(this.timer);
    if (this.busy || this.blocked || this.closed) return;
    const fields = [...this.fields.values()];
    const text = this.text;
    if (fields.length === 0 && !text) return;
    this.fields.clear();
    this.text = null;
    this.busy = true;
    this.say('Gemmer …');
    const saving = text
      ? studioApi.putFile(this.path, text.text, this.revision)
      : studioApi.patchFile(this.path, fields, this.revision);
    saving.then(
      (saved) => {
        this.busy = false;
        if (this.closed) return;
        this.revision = saved.draft.revision;
        this.say(`Gemt som kladde kl. ${clock(new Date())}.`);
        this.hooks.saved(saved);
        if (this.fields.size > 0 || this.text) this.flush();
      },
      (/** @type {unknown} */ reason) => {
        this.busy = false;
        const error = asHttpError(reason);
        if (error.ignore || this.closed) return;
        this.putBack(fields, text);
        if (this.detached) {
          setStatus(`Din sidste ændring i ${this.path} blev ikke gemt: ${problemText(reason)} Åbn filen igen.`);
        } else if (error.status === 409) {
          this.blocked = true;
          this.say('Ikke gemt: en anden har ændret filen.');
          this.hooks.conflict(currentDraft(error.body));
        } else {
          this.say(`Ikke gemt: ${problemText(reason)}`);
        }
      },
    );
  }

  /** Changes that failed go back in the queue, unless the editor changed them again meanwhile. */
  putBack(
    /** @type {{ field: FieldPath, value: unknown }[]} */ fields,
    /** @type {{ text: string | null } | null} */ text,
  ) {
    for (const change of fields) {
      const key = JSON.stringify(change.field);
      if (!this.fields.has(key)) this.fields.set(key, change);
    }
    if (text && !this.text) this.text = text;
  }

  /** A colleague's change is on screen: what the editor types waits until they choose. */
  pause() {
    this.blocked = true;
    window.clearTimeout(this.timer);
  }

  /** Nothing to choose after all (the comparison failed): saving goes on as before. */
  resume() {
    this.blocked = false;
    this.flush();
  }

  /** After a conflict, the editor chose to save their changes over the colleague's version. */
  saveOver(/** @type {number} */ revision) {
    this.revision = revision;
    this.blocked = false;
    this.flush();
  }

  /** Another file or view takes over: saves what is waiting, and says nothing more in the editor. */
  detach() {
    this.detached = true;
    this.flush();
  }

  close() {
    this.closed = true;
    window.clearTimeout(this.timer);
  }

  say(/** @type {string} */ text) {
    if (!this.detached) say(text);
  }
}

/** The save status line: a polite live region, so it is read without moving focus. */
function say(/** @type {string} */ text) {
  const line = $('save-status');
  if (line.textContent !== text) line.textContent = text;
}

/** The colleague's draft a 409 carries (null when they discarded it). */
function currentDraft(/** @type {unknown} */ body) {
  if (!body || typeof body !== 'object') return null;
  const current = /** @type {Record<string, unknown>} */ (body)['current'];
  return current && typeof current === 'object' ? /** @type {DraftFile} */ (current) : null;
}
