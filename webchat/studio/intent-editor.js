// @ts-check
/**
 * The form for one topic (an intent file): title, answer and each facet in Danish and English,
 * links, related topics, training sentences and held-out check sentences. Every change is handed to the DraftSaver as the
 * YAML field it changes.
 */
import { el, nextId } from '../console/dom.js';
import { showPreview } from './answer-preview.js';
import { FACET_NAMES, LANGUAGE_NAMES } from './formats.js';
import { state } from './state.js';

/** @typedef {import('./api-types').FieldPath} FieldPath */
/** @typedef {import('./draft-saver.js').DraftSaver} DraftSaver */
/** @typedef {import('./field-feedback.js').FieldFeedback} FieldFeedback */
/** @typedef {{ saver: DraftSaver, feedback: FieldFeedback }} Parts */

const LANGUAGES = /** @type {const} */ (['da', 'en']);

/** A property of parsed YAML, or undefined. */
function get(/** @type {unknown} */ value, /** @type {readonly (string | number)[]} */ path) {
  let here = value;
  for (const key of path) {
    if (!here || typeof here !== 'object') return undefined;
    here = /** @type {Record<string | number, unknown>} */ (here)[key];
  }
  return here;
}

const text = (/** @type {unknown} */ value) => (typeof value === 'string' ? value : '');
const list = (/** @type {unknown} */ value) => (Array.isArray(value) ? /** @type {unknown[]} */ (value) : []);

/** The whole form, into `form`. */
export function buildIntentForm(
  /** @type {HTMLElement} */ form,
  /** @type {unknown} */ data,
  /** @type {Parts} */ parts,
) {
  form.replaceChildren(
    bilingualGroup('Titel', 'Vises som knap og overskrift. Højst 60 tegn.', ['title'], data, parts, 'input'),
    bilingualGroup('Svar', 'Det svar, borgeren får på emnet.', ['answer'], data, parts, 'textarea'),
    facetsSection(data, parts),
    linksSection(data, parts),
    relatedSection(data, parts),
    trainingSection(data, parts),
    checksSection(data, parts),
  );
}

/** A fieldset with a Danish and an English field side by side. */
function bilingualGroup(
  /** @type {string} */ legend,
  /** @type {string} */ hint,
  /** @type {FieldPath} */ base,
  /** @type {unknown} */ data,
  /** @type {Parts} */ parts,
  /** @type {'input' | 'textarea'} */ kind,
) {
  const hintId = nextId('hint');
  return el('fieldset', {}, [
    el('legend', { text: legend }),
    el('p', { class: 'hint', id: hintId, text: hint }),
    el(
      'div',
      { class: 'languages' },
      LANGUAGES.map((language) =>
        textField(`${legend} på ${LANGUAGE_NAMES[language]}`, [...base, language], data, parts, kind, hintId),
      ),
    ),
  ]);
}

function textField(
  /** @type {string} */ label,
  /** @type {FieldPath} */ field,
  /** @type {unknown} */ data,
  /** @type {Parts} */ parts,
  /** @type {'input' | 'textarea'} */ kind,
  /** @type {string} */ hintId,
) {
  const id = nextId('field');
  const control =
    kind === 'input'
      ? el('input', { id, type: 'text', 'aria-describedby': hintId })
      : el('textarea', { id, rows: '8', 'aria-describedby': hintId });
  control.value = text(get(data, field));
  control.addEventListener('input', () => parts.saver.setField(field, control.value));
  const box = el('div', { class: 'field' }, [el('label', { for: id, text: label }), control]);
  parts.feedback.register(field, control, box, kind === 'textarea');
  if (control instanceof HTMLTextAreaElement) {
    const previewBox = el('div', { class: 'preview' });
    box.appendChild(previewBox);
    showPreview(control, previewBox, field);
  }
  return box;
}

/** The facets the topic has, a way to add one, and a way to remove one. */
function facetsSection(/** @type {unknown} */ data, /** @type {Parts} */ parts) {
  const facets = get(data, ['facets']);
  const present = facets && typeof facets === 'object' ? Object.keys(facets) : [];
  const groups = el('div');
  const select = el('select', { id: nextId('facet') });
  const addButton = el('button', { type: 'button', class: 'btn btn-secondary', text: 'Tilføj del-svar' });

  const refreshChoices = () => {
    const shown = new Set([...groups.querySelectorAll('[data-facet]')].map((g) => g.getAttribute('data-facet')));
    select.replaceChildren(
      ...Object.entries(FACET_NAMES)
        .filter(([facet]) => !shown.has(facet))
        .map(([facet, name]) => el('option', { value: facet, text: name })),
    );
    addButton.disabled = select.options.length === 0;
  };
  const addGroup = (/** @type {string} */ facet, /** @type {boolean} */ focus) => {
    const name = FACET_NAMES[facet] ?? facet;
    const group = bilingualGroup(
      `Del-svar: ${name}`,
      'Svarer kun på denne del af emnet, og skal kunne stå alene.',
      ['facets', facet],
      data,
      parts,
      'textarea',
    );
    group.setAttribute('data-facet', facet);
    const remove = el('button', { type: 'button', class: 'btn btn-secondary', text: `Fjern del-svaret ${name}` });
    remove.addEventListener('click', () => {
      parts.saver.setField(['facets', facet], null);
      group.remove();
      refreshChoices();
      select.focus();
    });
    group.appendChild(remove);
    groups.appendChild(group);
    refreshChoices();
    if (focus) group.querySelector('textarea')?.focus();
  };
  for (const facet of present) addGroup(facet, false);
  addButton.addEventListener('click', () => {
    if (select.value) addGroup(select.value, true);
  });
  refreshChoices();
  return el('section', { class: 'subsection', 'aria-label': 'Del-svar' }, [
    el('h3', { text: 'Del-svar' }),
    el('p', { class: 'hint', text: 'Korte svar på én del af emnet, fx pris eller hvad man skal have med.' }),
    groups,
    el('div', { class: 'add-row' }, [
      el('div', { class: 'field' }, [el('label', { for: select.id, text: 'Nyt del-svar' }), select]),
      addButton,
    ]),
  ]);
}

/** Up to three links, each with a Danish and an English title and address. */
function linksSection(/** @type {unknown} */ data, /** @type {Parts} */ parts) {
  const items = el('div');
  const fieldsetBox = el('fieldset', {}, [el('legend', { text: 'Links' })]);
  const addButton = el('button', { type: 'button', class: 'btn btn-secondary', text: 'Tilføj link' });

  const collect = () =>
    [...items.querySelectorAll('.link-item')].map((item) => {
      const value = (/** @type {string} */ name) => {
        const input = item.querySelector(`[data-name="${name}"]`);
        return input instanceof HTMLInputElement ? input.value : '';
      };
      return {
        da: { title: value('da-title'), url: value('da-url') },
        en: { title: value('en-title'), url: value('en-url') },
      };
    });
  const save = () => parts.saver.setField(['links'], collect());
  const renumber = () => {
    items.querySelectorAll('.link-number').forEach((node, index) => (node.textContent = `Link ${index + 1}`));
    addButton.disabled = items.children.length >= 3;
  };
  const addItem = (/** @type {unknown} */ link, /** @type {boolean} */ focus) => {
    const inputs = /** @type {[string, string][]} */ ([
      ['da-title', 'Linktekst på dansk'],
      ['da-url', 'Adresse på dansk side'],
      ['en-title', 'Linktekst på engelsk'],
      ['en-url', 'Adresse på engelsk side'],
    ]).map(([name, label]) => {
      const [language, part] = name.split('-');
      const input = el('input', {
        id: nextId('link'),
        type: 'text',
        'data-name': name,
        spellcheck: part === 'url' ? 'false' : null,
      });
      input.value = text(get(link, [language ?? '', part ?? '']));
      input.addEventListener('input', save);
      return el('div', { class: 'field' }, [el('label', { for: input.id, text: label }), input]);
    });
    const item = el('div', { class: 'link-item', role: 'group' });
    const heading = el('p', { class: 'link-number', id: nextId('link-name') });
    item.setAttribute('aria-labelledby', heading.id);
    const remove = el('button', { type: 'button', class: 'btn btn-secondary', text: 'Fjern link' });
    remove.addEventListener('click', () => {
      item.remove();
      renumber();
      save();
      addButton.focus();
    });
    item.append(heading, ...inputs, el('div', { class: 'link-remove' }, [remove]));
    items.appendChild(item);
    renumber();
    if (focus) item.querySelector('input')?.focus();
  };
  for (const link of list(get(data, ['links']))) addItem(link, false);
  addButton.addEventListener('click', () => {
    addItem({}, true);
    save();
  });
  renumber();
  const problems = el('div');
  fieldsetBox.append(
    el('p', { class: 'hint', id: nextId('hint'), text: 'Højst tre links. Skriv, hvad borgeren kan gøre på siden.' }),
    items,
    addButton,
    problems,
  );
  parts.feedback.register(['links'], addButton, problems, false);
  return fieldsetBox;
}

/** Topics shown as buttons after the answer. */
function relatedSection(/** @type {unknown} */ data, /** @type {Parts} */ parts) {
  const intents = (state.overview?.items ?? []).filter((item) => item.kind === 'intent');
  const titleOf = (/** @type {string} */ id) => intents.find((item) => item.id === id)?.title ?? id;
  const chosen = el('ul', { class: 'list-editor' });
  const select = el('select', { id: nextId('related') });
  const addButton = el('button', { type: 'button', class: 'btn btn-secondary', text: 'Tilføj emne' });
  const ids = () => [...chosen.querySelectorAll('li')].map((li) => li.getAttribute('data-id') ?? '');
  const refresh = () => {
    const taken = new Set(ids());
    select.replaceChildren(
      ...intents
        .filter((item) => !taken.has(item.id))
        .map((item) => el('option', { value: item.id, text: item.title })),
    );
    addButton.disabled = taken.size >= 4 || select.options.length === 0;
  };
  const addItem = (/** @type {string} */ id) => {
    const remove = el('button', {
      type: 'button',
      class: 'btn btn-secondary',
      text: 'Fjern',
      'aria-label': `Fjern ${titleOf(id)}`,
    });
    const li = el('li', { 'data-id': id }, [el('span', { text: titleOf(id) }), remove]);
    remove.addEventListener('click', () => {
      li.remove();
      refresh();
      parts.saver.setField(['related'], ids());
      select.focus();
    });
    chosen.appendChild(li);
  };
  for (const id of list(get(data, ['related']))) addItem(String(id));
  addButton.addEventListener('click', () => {
    if (!select.value) return;
    addItem(select.value);
    refresh();
    parts.saver.setField(['related'], ids());
  });
  refresh();
  const problems = el('div');
  const box = el('fieldset', {}, [
    el('legend', { text: 'Relaterede emner' }),
    el('p', { class: 'hint', text: 'Højst fire emner, som borgeren får tilbudt efter svaret.' }),
    chosen,
    el('div', { class: 'add-row' }, [
      el('div', { class: 'field' }, [el('label', { for: select.id, text: 'Emne' }), select]),
      addButton,
    ]),
    problems,
  ]);
  parts.feedback.register(['related'], select, problems, false);
  return box;
}

/** The sentences the assistant learns the topic from, per language. */
function trainingSection(/** @type {unknown} */ data, /** @type {Parts} */ parts) {
  return el('section', { class: 'subsection', 'aria-label': 'Træningssætninger' }, [
    el('h3', { text: 'Træningssætninger' }),
    el('p', {
      class: 'hint',
      text: 'Sådan kan borgere spørge om emnet, med deres egne ord og stavefejl. Mindst 12 på dansk og 4 på engelsk.',
    }),
    el(
      'div',
      { class: 'languages' },
      LANGUAGES.map((language) => sentenceList(TRAINING, language, data, parts)),
    ),
  ]);
}

/**
 * Held-out check sentences (`checks:`): the assistant never learns from them, so they show whether
 * the training sentences cover the topic; the publish review checks them before every publish.
 */
function checksSection(/** @type {unknown} */ data, /** @type {Parts} */ parts) {
  return el('section', { class: 'subsection', 'aria-label': 'Kontrolsætninger' }, [
    el('h3', { text: 'Kontrolsætninger' }),
    el('p', {
      class: 'hint',
      text:
        'Spørgsmål om emnet, som assistenten aldrig lærer af. Før hver udgivelse tjekkes det, at de stadig får dette svar. ' +
        'Skriv dem, som borgere ville skrive, og gentag ikke en træningssætning.',
    }),
    el(
      'div',
      { class: 'languages' },
      LANGUAGES.map((language) => sentenceList(CHECKS, language, data, parts)),
    ),
  ]);
}

/**
 * @typedef {object} SentenceKind
 * @property {'training' | 'checks'} key  the YAML field
 * @property {string} one  "Sætning", as the fields are labelled
 * @property {string} newOne  "Ny sætning"
 * @property {boolean} removeWhenEmpty  an empty list removes the field (checks are optional)
 */
/** @type {SentenceKind} */
const TRAINING = { key: 'training', one: 'Sætning', newOne: 'Ny sætning', removeWhenEmpty: false };
/** @type {SentenceKind} */
const CHECKS = { key: 'checks', one: 'Kontrolsætning', newOne: 'Ny kontrolsætning', removeWhenEmpty: true };

function sentenceList(
  /** @type {SentenceKind} */ kind,
  /** @type {'da' | 'en'} */ language,
  /** @type {unknown} */ data,
  /** @type {Parts} */ parts,
) {
  const field = [kind.key, language];
  const languageName = LANGUAGE_NAMES[language] ?? language;
  const items = el('ul', { class: 'list-editor' });
  const count = el('p', { class: 'hint' });
  const values = () => [...items.querySelectorAll('input')].map((input) => input.value);
  const save = () => {
    count.textContent = `${items.children.length} sætninger.`;
    const sentences = values();
    parts.saver.setField(field, sentences.length === 0 && kind.removeWhenEmpty ? null : sentences);
  };
  const addItem = (/** @type {string} */ sentence) => {
    const input = el('input', { type: 'text', 'aria-label': `${kind.one} på ${languageName}` });
    input.value = sentence;
    input.addEventListener('input', save);
    const remove = el('button', {
      type: 'button',
      class: 'btn btn-secondary',
      text: 'Fjern',
      'aria-label': `Fjern “${sentence}”`,
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
  for (const sentence of list(get(data, field))) addItem(String(sentence));
  count.textContent = `${items.children.length} sætninger.`;
  const newInput = el('input', { id: nextId('new-sentence'), type: 'text' });
  const addButton = el('button', { type: 'button', class: 'btn btn-secondary', text: 'Tilføj' });
  const add = () => {
    const sentence = newInput.value.trim();
    if (!sentence) return;
    addItem(sentence);
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
  const box = el('div', { class: 'field' }, [
    el('h4', { text: `På ${languageName}` }),
    count,
    el('div', { class: 'add-row' }, [
      el('div', { class: 'field' }, [
        el('label', { for: newInput.id, text: `${kind.newOne} på ${languageName}` }),
        newInput,
      ]),
      addButton,
    ]),
    problems,
    items,
  ]);
  parts.feedback.register(field, newInput, problems, false);
  return box;
}
