// @ts-check
/**
 * The form for a self-service guide (guides/<id>.md, knowledge/guide.ts): title, address, language,
 * search words, the summary on its card and its text. Each change is saved as the field it changes
 * (the front matter's YAML keeps its layout; the text is the field "body"), and the server's check
 * comes back to the field.
 */
import { el, nextId } from '../console/dom.js';
import { LANGUAGE_NAMES } from './formats.js';

/** @typedef {import('./api-types').FieldPath} FieldPath */
/** @typedef {import('./draft-saver.js').DraftSaver} DraftSaver */
/** @typedef {import('./field-feedback.js').FieldFeedback} FieldFeedback */
/** @typedef {{ saver: DraftSaver, feedback: FieldFeedback }} Parts */

const SUMMARY_MAX = 300;

function value(/** @type {unknown} */ data, /** @type {string} */ key) {
  if (!data || typeof data !== 'object') return undefined;
  return /** @type {Record<string, unknown>} */ (data)[key];
}

const text = (/** @type {unknown} */ v) => (typeof v === 'string' ? v : '');

/** The whole form, into `form`. */
export function buildGuideForm(
  /** @type {HTMLElement} */ form,
  /** @type {unknown} */ data,
  /** @type {Parts} */ parts,
) {
  form.replaceChildren(
    el('p', { class: 'hint', text: `Id: ${text(value(data, 'id'))} (filens navn; ændres ikke her).` }),
    el('div', { class: 'row' }, [
      field('Titel', ['title'], data, parts, 'input', 'Vises på kortet og i søgningen. Højst 100 tegn.'),
      languageField(data, parts),
    ]),
    field(
      'Adresse',
      ['url'],
      data,
      parts,
      'input',
      'Siden på borger.dk eller kommunens side, med https://, eller en af kommunens sider som {{links.booking}}.',
    ),
    keywordsField(data, parts),
    summaryField(data, parts),
    field(
      'Tekst',
      ['body'],
      data,
      parts,
      'textarea',
      'Markdown: korte afsnit, punktlister og **fed** til overskrifter. Pladsholdere som {{municipality.phone}} virker.',
    ),
  );
}

function field(
  /** @type {string} */ label,
  /** @type {FieldPath} */ path,
  /** @type {unknown} */ data,
  /** @type {Parts} */ parts,
  /** @type {'input' | 'textarea'} */ kind,
  /** @type {string} */ hint,
) {
  const id = nextId('field');
  const hintId = nextId('hint');
  const control =
    kind === 'input'
      ? el('input', { id, type: 'text', 'aria-describedby': hintId, spellcheck: path[0] === 'url' ? 'false' : null })
      : el('textarea', { id, rows: '16', 'aria-describedby': hintId });
  control.value = text(value(data, String(path[0])));
  control.addEventListener('input', () => parts.saver.setField(path, control.value));
  const box = el('div', { class: 'field' }, [
    el('label', { for: id, text: label }),
    el('p', { class: 'hint', id: hintId, text: hint }),
    control,
  ]);
  parts.feedback.register(path, control, box, kind === 'textarea');
  return box;
}

function languageField(/** @type {unknown} */ data, /** @type {Parts} */ parts) {
  const id = nextId('field');
  const select = el(
    'select',
    { id },
    Object.entries(LANGUAGE_NAMES).map(([code, name]) => el('option', { value: code, text: name })),
  );
  select.value = text(value(data, 'language')) || 'da';
  select.addEventListener('change', () => parts.saver.setField(['language'], select.value));
  const box = el('div', { class: 'field' }, [el('label', { for: id, text: 'Sprog' }), select]);
  parts.feedback.register(['language'], select, box, false);
  return box;
}

/** The summary on the guide's card, with the characters left. */
function summaryField(/** @type {unknown} */ data, /** @type {Parts} */ parts) {
  const box = field(
    'Resumé',
    ['summary'],
    data,
    parts,
    'textarea',
    `Et eller to korte sætninger på kortet. Højst ${SUMMARY_MAX} tegn.`,
  );
  const area = box.querySelector('textarea');
  if (!area) return box;
  area.rows = 3;
  const count = el('p', { class: 'hint', id: nextId('count') });
  const update = () => {
    const left = SUMMARY_MAX - area.value.trim().length;
    count.textContent = left >= 0 ? `${left} tegn tilbage.` : `${-left} tegn for mange.`;
  };
  area.addEventListener('input', update);
  update();
  area.setAttribute('aria-describedby', `${area.getAttribute('aria-describedby') ?? ''} ${count.id}`.trim());
  area.insertAdjacentElement('afterend', count);
  return box;
}

/** The words the guide is found by: one per row. */
function keywordsField(/** @type {unknown} */ data, /** @type {Parts} */ parts) {
  const items = el('ul', { class: 'list-editor' });
  const words = () => [...items.querySelectorAll('input')].map((input) => input.value);
  const save = () => parts.saver.setField(['keywords'], words());
  const addItem = (/** @type {string} */ word) => {
    const input = el('input', { type: 'text', 'aria-label': 'Søgeord' });
    input.value = word;
    input.addEventListener('input', save);
    const remove = el('button', {
      type: 'button',
      class: 'btn btn-secondary',
      text: 'Fjern',
      'aria-label': `Fjern “${word}”`,
    });
    const li = el('li', {}, [input, remove]);
    remove.addEventListener('click', () => {
      const next = li.nextElementSibling ?? li.previousElementSibling;
      li.remove();
      save();
      (next?.querySelector('input') ?? newInput).focus();
    });
    items.appendChild(li);
  };
  const list = value(data, 'keywords');
  for (const word of Array.isArray(list) ? list : []) addItem(String(word));
  const newInput = el('input', { id: nextId('new-keyword'), type: 'text' });
  const addButton = el('button', { type: 'button', class: 'btn btn-secondary', text: 'Tilføj' });
  const add = () => {
    const word = newInput.value.trim();
    if (!word) return;
    addItem(word);
    newInput.value = '';
    save();
    newInput.focus();
  };
  addButton.addEventListener('click', add);
  newInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    }
  });
  const problems = el('div');
  const box = el('fieldset', {}, [
    el('legend', { text: 'Søgeord' }),
    el('p', { class: 'hint', text: 'Ord, borgere bruger, når de leder efter vejledningen. Mindst ét.' }),
    el('div', { class: 'add-row' }, [
      el('div', { class: 'field' }, [el('label', { for: newInput.id, text: 'Nyt søgeord' }), newInput]),
      addButton,
    ]),
    problems,
    items,
  ]);
  parts.feedback.register(['keywords'], newInput, problems, false);
  return box;
}
