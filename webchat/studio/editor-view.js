// @ts-check
/**
 * One file open for editing: loads it, builds the topic form or the plain text field, saves the
 * draft as the editor types (draft-saver.js), and shows conflicts, problems and "Kassér kladden".
 */
import { $ } from '../console/dom.js';
import { resetPreviews } from './answer-preview.js';
import { asHttpError, problemText, studioApi } from './api-client.js';
import { DraftSaver } from './draft-saver.js';
import { FilePresence } from './file-presence.js';
import { FieldFeedback } from './field-feedback.js';
import { clock, dateTime, FACET_NAMES, KIND_NAMES } from './formats.js';
import { buildGuideForm } from './guide-editor.js';
import { buildIntentForm } from './intent-editor.js';
import { buildProfileForm } from './profile-editor.js';
import { state } from './state.js';
import { setStatus } from './status-line.js';
import { buildTextForm } from './text-editor.js';

/** @typedef {import('./api-types').DraftFile} DraftFile */
/** @typedef {import('./api-types').FileView} FileView */

const open = {
  path: '',
  /** @type {DraftSaver | null} */
  saver: null,
  /** @type {HTMLTextAreaElement | null} the whole-text field, when the file has no form */
  textArea: null,
  /** The file the editor chose to change as text ("Rediger som tekst") rather than in its form. */
  asText: '',
  /** @type {FilePresence | null} colleagues on the file, while it is open and editable */
  presence: null,
};

/** Files with a form of their own (besides topics), which can also be changed as text. */
const FORM_KINDS = new Set(['municipality', 'guide']);

export function wireEditor() {
  $('editor-form').addEventListener('submit', (event) => event.preventDefault());
  $('discard').addEventListener('click', () => toggleDiscard(true));
  $('confirm-discard-no').addEventListener('click', () => toggleDiscard(false));
  $('confirm-discard').addEventListener('keydown', (event) => {
    if (event.key === 'Escape') toggleDiscard(false);
  });
  $('confirm-discard-yes').addEventListener('click', discard);
  $('form-mode').addEventListener('click', () => void switchMode());
  $('conflict-load').addEventListener('click', () => {
    $('conflict').hidden = true;
    void openFile(open.path, true);
  });
  $('colleague-take').addEventListener('click', () => open.presence?.takeTheirs());
  $('colleague-keep').addEventListener('click', () => {
    open.presence?.keepWriting();
    $('editor-heading').focus();
  });
  $('conflict-keep').addEventListener('click', () => {
    $('conflict').hidden = true;
    const revision = Number($('conflict').getAttribute('data-revision') || '0');
    open.saver?.saveOver(revision);
  });
  // A last save when the editor leaves with something typed but not yet sent.
  window.addEventListener('beforeunload', (event) => {
    if (open.saver?.unsaved()) {
      open.saver.flush();
      event.preventDefault();
    }
  });
}

/** Saves what is waiting before another view takes over. */
export function leaveEditor() {
  stopPresence(true);
  open.saver?.detach();
  open.saver = null;
  open.path = '';
}

/** Forgets the open file (signing out). */
export function closeEditor() {
  stopPresence(false);
  open.saver?.close();
  open.saver = null;
  open.path = '';
  $('editor-form').replaceChildren();
}

/** Opens a file; `reload` after a conflict or a discard, to show what is saved now. */
export function openFile(/** @type {string} */ path, /** @type {boolean} */ reload) {
  // Reopening the same file (after "Hent deres udgave") is no leaving: the next heartbeat follows at once.
  stopPresence(open.path !== path);
  if (open.saver) {
    if (reload) open.saver.close();
    else open.saver.detach();
  }
  open.saver = null;
  open.path = path;
  open.textArea = null;
  const item = state.overview?.items.find((i) => i.path === path);
  $('editor-heading').textContent = item ? item.title : path;
  $('editor-file').textContent = `Fil: ${path}`;
  $('save-status').textContent = 'Indlæser …';
  $('conflict').hidden = true;
  $('colleague-change').hidden = true;
  $('presence-note').textContent = '';
  $('colleague-change-text').textContent = '';
  $('confirm-discard').hidden = true;
  $('discard').hidden = true;
  $('readonly-note').hidden = true;
  $('file-problems').hidden = true;
  $('preview-choice').hidden = true;
  $('overrides-note').hidden = true;
  $('form-mode').hidden = true;
  $('editor-form').replaceChildren();
  if (open.asText !== path) open.asText = '';
  return studioApi.file(path).then(
    (file) => {
      if (open.path !== path) return;
      show(file, item?.kind ?? kindOf(path), item?.title);
    },
    (/** @type {unknown} */ reason) => {
      if (asHttpError(reason).ignore || open.path !== path) return;
      $('save-status').textContent = problemText(reason);
    },
  );
}

function kindOf(/** @type {string} */ path) {
  if (path.startsWith('intents/')) return 'intent';
  if (path.startsWith('guides/')) return 'guide';
  if (path.startsWith('municipalities/')) return 'municipality';
  return 'out-of-scope';
}

function show(/** @type {FileView} */ file, /** @type {string} */ kind, /** @type {string | undefined} */ title) {
  const verb = file.editable ? 'Rediger' : 'Læs';
  $('editor-heading').textContent =
    `${verb} ${(KIND_NAMES[kind] ?? '').toLowerCase()}: ${title ?? titleIn(file.data) ?? file.path}`;
  const feedback = new FieldFeedback(file.path);
  const saver = new DraftSaver(file.path, file.draft?.revision ?? 0, {
    saved: (saved) => {
      if (open.saver !== saver) return;
      feedback.render(saved.problems, saved.plainLanguage);
      open.presence?.saved(saved.text);
      markText();
      $('discard').hidden = false;
    },
    conflict: (current) => {
      if (open.saver === saver) showConflict(current);
    },
  });
  open.saver = saver;
  const form = $('editor-form');
  resetPreviews(file.perMunicipality);
  if (kind === 'intent' && file.data && typeof file.data === 'object') {
    $('preview-choice').hidden = false;
    const overrides = file.perMunicipality?.overrides ?? [];
    $('overrides-note').hidden = overrides.length === 0;
    $('overrides-note').textContent =
      overrides.length === 0
        ? ''
        : 'Kommuner med deres egen tekst til dele af emnet: ' +
          overrides
            .map(
              (o) =>
                `${o.municipalityName} (${o.parts.map((p) => (p === 'answer' ? 'hele svaret' : (FACET_NAMES[p] ?? p))).join(', ')})`,
            )
            .join('; ') +
          '. Den tekst rettes i kommunens profil.';
    buildIntentForm(form, file.data, { saver, feedback });
  } else if (FORM_KINDS.has(kind) && open.asText !== file.path && file.data && typeof file.data === 'object') {
    if (kind === 'municipality') buildProfileForm(form, file.data, file.sharedAnswers, { saver, feedback });
    else buildGuideForm(form, file.data, { saver, feedback });
  } else {
    open.textArea = buildTextForm(form, kind, file.text, { saver, feedback });
  }
  // A form and the file's text are two ways to change the same file: the text for what the form lacks.
  if (FORM_KINDS.has(kind)) {
    $('form-mode').hidden = false;
    $('form-mode').textContent = open.textArea ? 'Rediger som formular' : 'Rediger som tekst';
  }
  feedback.render(file.problems, file.plainLanguage);
  markText();
  $('save-status').textContent = file.draft
    ? `Kladde, sidst gemt ${dateTime(file.draft.editedAt)} af ${file.draft.editedBy}.`
    : 'Ingen kladde endnu. Dine ændringer gemmes automatisk, mens du skriver.';
  $('discard').hidden = !file.draft || !file.editable;
  if (file.editable && state.overview) {
    open.presence = new FilePresence(file.path, state.overview.editor.id, saver, file.text, {
      form: !open.textArea,
      takeTheirs: () => {
        void openFile(file.path, true).then(() => $('editor-heading').focus());
      },
    });
    open.presence.start();
  }
  if (!file.editable) {
    $('readonly-note').hidden = false;
    for (const control of form.querySelectorAll('input, select, button, textarea')) {
      // A check box has no read-only state: it is disabled instead.
      if (control instanceof HTMLInputElement && control.type === 'checkbox') control.disabled = true;
      else if (control instanceof HTMLTextAreaElement || control instanceof HTMLInputElement) control.readOnly = true;
      if (control instanceof HTMLButtonElement || control instanceof HTMLSelectElement) control.disabled = true;
    }
  }
}

/** Between the form and the text: what is typed is saved first, then the file opens the other way. */
async function switchMode() {
  const path = open.path;
  const saver = open.saver;
  open.asText = open.textArea ? '' : path;
  if (saver) {
    saver.flush();
    // At most a few seconds: a save that fails leaves its message, and the file opens as saved.
    for (let waited = 0; saver.unsaved() && waited < 5000; waited += 100)
      await new Promise((resolve) => window.setTimeout(resolve, 100));
  }
  if (open.path !== path) return;
  await openFile(path, true);
  $('form-mode').focus();
}

function stopPresence(/** @type {boolean} */ tellServer) {
  open.presence?.stop(tellServer);
  open.presence = null;
}

/** The whole-text field is invalid while the file has problems (they are listed above it). */
function markText() {
  if (!open.textArea) return;
  if ($('file-problems').hidden) open.textArea.removeAttribute('aria-invalid');
  else open.textArea.setAttribute('aria-invalid', 'true');
}

function showConflict(/** @type {DraftFile | null} */ current) {
  $('conflict-text').textContent = current
    ? `${current.editedBy} har gemt en anden udgave af filen kl. ${clock(new Date(current.editedAt))}, mens du skrev. ` +
      'Dine seneste ændringer er ikke gemt. Hent deres udgave (dine ændringer går tabt), eller gem din udgave oven på deres.'
    : 'En anden har kasseret kladden, mens du skrev. Dine seneste ændringer er ikke gemt. ' +
      'Hent den udgivne udgave, eller gem din udgave som ny kladde.';
  $('conflict').setAttribute('data-revision', String(current?.revision ?? 0));
  $('conflict').hidden = false;
}

function toggleDiscard(/** @type {boolean} */ show) {
  $('confirm-discard').hidden = !show;
  $('discard').setAttribute('aria-expanded', String(show));
  if (show) $('confirm-discard-no').focus();
  else $('discard').focus();
}

function discard() {
  const saver = open.saver;
  if (!saver) return;
  const path = open.path;
  saver.close();
  studioApi.discardDraft(path, saver.revision).then(
    () => {
      setStatus('Kladden er kasseret.');
      return openFile(path, true).then(() => $('editor-heading').focus());
    },
    (/** @type {unknown} */ reason) => {
      if (asHttpError(reason).ignore) return;
      $('confirm-discard').hidden = true;
      setStatus(problemText(reason));
      void openFile(path, true);
    },
  );
}

/** The Danish title in a file's data, for files the overview does not list yet (just created). */
function titleIn(/** @type {unknown} */ data) {
  if (!data || typeof data !== 'object') return undefined;
  const title = /** @type {Record<string, unknown>} */ (data)['title'];
  if (typeof title === 'string') return title;
  if (title && typeof title === 'object') {
    const da = /** @type {Record<string, unknown>} */ (title)['da'];
    if (typeof da === 'string') return da;
  }
  return undefined;
}
