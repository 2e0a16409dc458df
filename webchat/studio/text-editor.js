// @ts-check
/**
 * The out-of-scope list, and guides and municipality profiles when the editor chooses "Rediger som
 * tekst" (for what their forms do not show): the file's text in one field, saved whole (PUT).
 * Problems are listed above it by line.
 */
import { el, nextId } from '../console/dom.js';

/** @typedef {import('./draft-saver.js').DraftSaver} DraftSaver */
/** @typedef {import('./field-feedback.js').FieldFeedback} FieldFeedback */

/** @type {Readonly<Record<string, string>>} */
const HINTS = {
  guide:
    'Vejledningen er Markdown: første linjer er titel og nøgleord, derefter teksten. Brug korte afsnit og punktlister.',
  municipality:
    'Kommunens oplysninger i YAML: navn, telefon, åbningstider og links. Ret kun værdierne efter kolonerne.',
  'out-of-scope': 'Spørgsmål, assistenten ikke skal svare på, i YAML. Én sætning pr. linje med "- " foran.',
};

export function buildTextForm(
  /** @type {HTMLElement} */ form,
  /** @type {string} */ kind,
  /** @type {string | null} */ text,
  /** @type {{ saver: DraftSaver, feedback: FieldFeedback }} */ parts,
) {
  const id = nextId('file-text');
  const hintId = nextId('hint');
  const area = el('textarea', {
    id,
    class: 'text-editor',
    rows: '24',
    spellcheck: kind === 'guide' ? 'true' : 'false',
    'aria-describedby': `${hintId} file-problems-list`,
  });
  area.value = text ?? '';
  area.addEventListener('input', () => parts.saver.setText(area.value));
  form.replaceChildren(
    el('div', { class: 'field' }, [
      el('label', { for: id, text: 'Filens tekst' }),
      el('p', { class: 'hint', id: hintId, text: HINTS[kind] ?? '' }),
      area,
    ]),
  );
  return area;
}
