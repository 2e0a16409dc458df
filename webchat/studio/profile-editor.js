// @ts-check
/**
 * The form for a municipality's profile (municipalities/<id>.yaml): contact details, opening, phone
 * and chat hours per weekday, closed dates, local pages, the chat queue, and the topics it answers
 * in its own words beside the shared answer. Every change is handed to the DraftSaver as the YAML
 * field it changes, so the file's comments stay; the server checks it with check:knowledge's rules
 * and the problems come back to the field (field-feedback.js).
 */
import { el, nextId } from '../console/dom.js';
import { FACET_NAMES, LANGUAGE_NAMES } from './formats.js';
import { renderMarkdown } from './markdown.js';
import { fillPlaceholders, placeholderValues } from './placeholders.js';
import { HOURS_NAMES, LINK_NAMES, WEEKDAYS } from './profile-names.js';
import { state } from './state.js';

/** @typedef {import('./api-types').FieldPath} FieldPath */
/** @typedef {import('./api-types').SharedAnswer} SharedAnswer */
/** @typedef {import('./draft-saver.js').DraftSaver} DraftSaver */
/** @typedef {import('./field-feedback.js').FieldFeedback} FieldFeedback */
/** @typedef {{ saver: DraftSaver, feedback: FieldFeedback }} Parts */

const LANGUAGES = /** @type {const} */ (['da', 'en']);
/** A time an <input type="time"> can show; "24:00" (midnight as an end) needs a text field. */
const TIME_INPUT_VALUE = /^([01]\d|2[0-3]):[0-5]\d$/;

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
export function buildProfileForm(
  /** @type {HTMLElement} */ form,
  /** @type {unknown} */ data,
  /** @type {Record<string, SharedAnswer> | null | undefined} */ sharedAnswers,
  /** @type {Parts} */ parts,
) {
  form.replaceChildren(
    contactSection(data, parts),
    ...Object.keys(HOURS_NAMES).map((key) => hoursSection(key, data, parts)),
    closedSection(data, parts),
    linksSection(data, parts),
    queueSection(data, parts),
    localAnswersSection(data, sharedAnswers ?? {}, parts),
  );
}

/** A one-line field saved as it is typed; `empty` is what an emptied field saves (null removes it). */
function inputField(
  /** @type {string} */ label,
  /** @type {FieldPath} */ field,
  /** @type {unknown} */ data,
  /** @type {Parts} */ parts,
  /** @type {{ type?: string, hint?: string, autocomplete?: string, removeWhenEmpty?: boolean }} */ options = {},
) {
  const id = nextId('field');
  const hintId = options.hint ? nextId('hint') : null;
  const input = el('input', {
    id,
    type: options.type ?? 'text',
    'aria-describedby': hintId,
    spellcheck: options.type === 'url' || options.type === 'email' ? 'false' : null,
  });
  input.value = text(get(data, field));
  input.addEventListener('input', () =>
    parts.saver.setField(field, options.removeWhenEmpty && input.value.trim() === '' ? null : input.value),
  );
  const box = el('div', { class: 'field' }, [
    el('label', { for: id, text: label }),
    ...(hintId ? [el('p', { class: 'hint', id: hintId, text: options.hint ?? '' })] : []),
    input,
  ]);
  parts.feedback.register(field, input, box, false);
  return box;
}

function contactSection(/** @type {unknown} */ data, /** @type {Parts} */ parts) {
  return el('fieldset', {}, [
    el('legend', { text: 'Kommunen' }),
    el('div', { class: 'row' }, [
      inputField('Navn', ['name'], data, parts),
      inputField('Hjemmeside', ['website'], data, parts, { type: 'url', hint: 'Hele adressen, med https://.' }),
    ]),
    el('div', { class: 'row' }, [
      inputField('Telefon', ['phone'], data, parts, { type: 'tel', hint: 'Fx +45 70 00 00 00.' }),
      inputField('Telefon ved bekymring for et barn', ['childConcernPhone'], data, parts, {
        type: 'tel',
        hint: 'Børne- og familieafdelingen. Bruges i svaret om underretning.',
      }),
      inputField('E-mail', ['email'], data, parts, { type: 'email' }),
    ]),
    el('div', { class: 'row' }, [
      inputField('Vej og nummer', ['address', 'street'], data, parts),
      inputField('Postnummer', ['address', 'postalCode'], data, parts, { hint: 'Fire cifre.' }),
      inputField('By', ['address', 'city'], data, parts),
    ]),
  ]);
}

/**
 * Rows of a list the editor adds to and removes from (time spans, dates). The whole list is saved
 * on every change: positions shift when a row goes, and the file keeps the list on one line.
 * @param {{
 *   field: FieldPath,
 *   items: unknown[],
 *   parts: Parts,
 *   row: (item: unknown, position: number, save: () => void) => { node: HTMLElement, value: () => unknown, register: (field: FieldPath) => void, focus: () => void },
 *   addLabel: string,
 *   removeLabel: (position: number) => string,
 *   empty: string,
 *   blank: unknown,
 * }} spec
 */
function rowList(spec) {
  const { field, parts } = spec;
  const rows = el('ul', { class: 'row-list' });
  const emptyNote = el('p', { class: 'hint', text: spec.empty });
  /** @type {{ value: () => unknown }[]} */
  let current = [];
  const save = () =>
    parts.saver.setField(
      field,
      current.map((row) => row.value()).filter((v) => v !== undefined),
    );
  const build = (/** @type {unknown[]} */ items, /** @type {number} */ focusAt) => {
    parts.feedback.forgetUnder(field);
    const built = items.map((item, position) => {
      const row = spec.row(item, position, save);
      const remove = el('button', {
        type: 'button',
        class: 'btn btn-secondary',
        text: 'Fjern',
        'aria-label': spec.removeLabel(position),
      });
      remove.addEventListener('click', () => {
        const values = current.map((r) => r.value());
        values.splice(position, 1);
        build(values, -1);
        save();
        addButton.focus();
      });
      // Beside the row's fields; its problems go on the line below.
      row.node.insertBefore(remove, row.node.querySelector('.span-problems'));
      row.register([...field, position]);
      return row;
    });
    current = built;
    rows.replaceChildren(...built.map((row) => el('li', {}, [row.node])));
    emptyNote.hidden = built.length > 0;
    built[focusAt]?.focus();
    parts.feedback.refresh();
  };
  const addButton = el('button', { type: 'button', class: 'btn btn-secondary', text: spec.addLabel });
  addButton.addEventListener('click', () => {
    const values = current.map((row) => row.value());
    build([...values, spec.blank], values.length);
    save();
  });
  build(spec.items, -1);
  return { nodes: [emptyNote, rows, addButton], addButton };
}

/** Opening, phone or chat hours: per weekday, the spans it is open (none: closed). */
function hoursSection(/** @type {string} */ key, /** @type {unknown} */ data, /** @type {Parts} */ parts) {
  const name = HOURS_NAMES[key] ?? key;
  const days = WEEKDAYS.map(([day, dayName]) => {
    const headingId = nextId('day');
    const dayField = [key, day];
    const { nodes, addButton } = rowList({
      field: dayField,
      items: list(get(data, dayField)),
      parts,
      addLabel: `Tilføj tidsrum ${dayName.toLowerCase()}`,
      removeLabel: (position) => `Fjern tidsrum ${position + 1} ${dayName.toLowerCase()}`,
      empty: 'Lukket.',
      blank: { from: '', to: '' },
      row: (item, position, save) => {
        const time = (/** @type {'from' | 'to'} */ end) => {
          const value = text(get(item, [end]));
          const input = el('input', {
            id: nextId('time'),
            // "24:00" cannot be shown by a time field; it stays a text field to keep it.
            type: value === '' || TIME_INPUT_VALUE.test(value) ? 'time' : 'text',
            class: 'time',
          });
          input.value = value;
          input.addEventListener('input', save);
          const label = el('label', { for: input.id }, [
            el('span', {
              class: 'visually-hidden',
              text: `${name} ${dayName.toLowerCase()}, tidsrum ${position + 1}, `,
            }),
            end === 'from' ? 'fra' : 'til',
          ]);
          return { input, box: el('div', { class: 'time-field' }, [label, input]) };
        };
        const from = time('from');
        const to = time('to');
        const problems = el('div', { class: 'span-problems' });
        const node = el('div', { class: 'span-row' }, [from.box, to.box, problems]);
        return {
          node,
          // A span just added and not filled in yet is not saved: empty times would be errors at once.
          value: () =>
            from.input.value === '' && to.input.value === ''
              ? undefined
              : { from: from.input.value, to: to.input.value },
          register: (field) => {
            parts.feedback.register([...field, 'from'], from.input, problems, false);
            parts.feedback.register([...field, 'to'], to.input, problems, false);
            // "From must be before to" is about the span: shown at its end.
            parts.feedback.register(field, to.input, problems, false);
          },
          focus: () => from.input.focus(),
        };
      },
    });
    const problems = el('div');
    const group = el('div', { class: 'day', role: 'group', 'aria-labelledby': headingId }, [
      el('h4', { id: headingId, class: 'day-name', text: dayName }),
      ...nodes,
      problems,
    ]);
    parts.feedback.register(dayField, addButton, problems, false);
    return group;
  });
  return el('fieldset', { class: 'hours' }, [
    el('legend', { text: name }),
    el('p', { class: 'hint', text: 'Dansk tid. En dag uden tidsrum er lukket. 24:00 betyder midnat.' }),
    el('div', { class: 'days' }, days),
  ]);
}

function closedSection(/** @type {unknown} */ data, /** @type {Parts} */ parts) {
  const { nodes, addButton } = rowList({
    field: ['closedDates'],
    items: list(get(data, ['closedDates'])),
    parts,
    addLabel: 'Tilføj lukkedag',
    removeLabel: (position) => `Fjern lukkedag ${position + 1}`,
    empty: 'Ingen ekstra lukkedage.',
    blank: '',
    row: (item, position, save) => {
      const input = el('input', { id: nextId('date'), type: 'date', class: 'date' });
      input.value = text(item);
      input.addEventListener('input', save);
      const problems = el('div', { class: 'span-problems' });
      const node = el('div', { class: 'span-row' }, [
        el('div', { class: 'time-field' }, [el('label', { for: input.id, text: `Lukkedag ${position + 1}` }), input]),
        problems,
      ]);
      return {
        node,
        // A row just added and not filled in yet is not saved: an empty date would be an error at once.
        value: () => (input.value === '' ? undefined : input.value),
        register: (field) => parts.feedback.register(field, input, problems, false),
        focus: () => input.focus(),
      };
    },
  });
  const problems = el('div');
  const holidaysId = nextId('holidays');
  const holidays = el('input', { id: holidaysId, type: 'checkbox' });
  holidays.checked = get(data, ['closedOnPublicHolidays']) !== false;
  holidays.addEventListener('change', () => parts.saver.setField(['closedOnPublicHolidays'], holidays.checked));
  const box = el('fieldset', {}, [
    el('legend', { text: 'Lukkedage' }),
    el('p', { class: 'hint', text: 'Dage ud over helligdagene, hvor chatten ikke er bemandet, fx juleaftensdag.' }),
    ...nodes,
    problems,
    el('div', { class: 'field-check' }, [holidays, el('label', { for: holidaysId, text: 'Lukket på helligdage' })]),
  ]);
  parts.feedback.register(['closedDates'], addButton, problems, false);
  return box;
}

/** The local pages answers link to: every one is required. */
function linksSection(/** @type {unknown} */ data, /** @type {Parts} */ parts) {
  const links = get(data, ['links']);
  const keys = [
    ...new Set([...Object.keys(LINK_NAMES), ...Object.keys(links && typeof links === 'object' ? links : {})]),
  ];
  return el('fieldset', { class: 'local-links' }, [
    el('legend', { text: 'Kommunens sider' }),
    el('p', {
      class: 'hint',
      text: 'Svarene linker hertil. Link direkte til siden om emnet, ikke til forsiden. Hver adresse starter med https://.',
    }),
    el(
      'div',
      { class: 'link-grid' },
      keys.map((key) => {
        const field = ['links', key];
        const box = inputField(LINK_NAMES[key] ?? key, field, data, parts, { type: 'url' });
        const input = box.querySelector('input');
        if (input) input.addEventListener('input', () => adviseOnLink(input, box));
        return box;
      }),
    ),
  ]);
}

/**
 * Said at once, before the server answers: the same rule as the profile's schema (an https://
 * address). The server's message replaces it when the draft is saved.
 */
function adviseOnLink(/** @type {HTMLInputElement} */ input, /** @type {HTMLElement} */ box) {
  const list = box.querySelector('.field-problems');
  if (!list) return;
  if (isHttpsAddress(input.value)) return;
  list.replaceChildren(el('li', { text: 'Skriv en hel adresse, der starter med https://.' }));
  input.setAttribute('aria-invalid', 'true');
}

function queueSection(/** @type {unknown} */ data, /** @type {Parts} */ parts) {
  return el('fieldset', {}, [
    el('legend', { text: 'Kø til medarbejdere' }),
    inputField('Køens navn', ['handoffQueue'], data, parts, {
      hint: 'Tom: kommunens egen kø. Kommuner, der deler medarbejdere, skriver det samme navn, fx faelles.',
      removeWhenEmpty: true,
    }),
  ]);
}

/** The topics this municipality answers in its own words, each part beside the shared answer. */
function localAnswersSection(
  /** @type {unknown} */ data,
  /** @type {Record<string, SharedAnswer>} */ shared,
  /** @type {Parts} */ parts,
) {
  const answers = get(data, ['answers']);
  const ids = answers && typeof answers === 'object' ? Object.keys(answers) : [];
  const values = placeholderValues(data);
  const titleOf = (/** @type {string} */ id) =>
    shared[id]?.title.da ?? state.overview?.items.find((item) => item.kind === 'intent' && item.id === id)?.title ?? id;
  return el('section', { class: 'subsection', 'aria-label': 'Kommunens egne svar' }, [
    el('h3', { text: 'Kommunens egne svar' }),
    el('p', {
      class: 'hint',
      text:
        'Her svarer kommunen med sin egen tekst i stedet for det fælles svar, på hele emnet eller én del af det. ' +
        'Alt andet er det fælles svar. Skriv kun her, hvad der er anderledes hos jer.',
    }),
    ...(ids.length === 0 ? [el('p', { text: 'Kommunen bruger de fælles svar på alle emner.' })] : []),
    ...ids.map((id) => {
      const local = get(answers, [id]);
      const facets = get(local, ['facets']);
      /** @type {[string, FieldPath, string][]} part name, field, shared key */
      const partsShown = [];
      if (get(local, ['answer']) !== undefined) partsShown.push(['Hele svaret', ['answers', id, 'answer'], 'answer']);
      for (const facet of facets && typeof facets === 'object' ? Object.keys(facets) : [])
        partsShown.push([`Del-svar: ${FACET_NAMES[facet] ?? facet}`, ['answers', id, 'facets', facet], facet]);
      const removeTopic = el('button', {
        type: 'button',
        class: 'btn btn-secondary',
        text: 'Brug det fælles svar igen',
        'aria-label': `Brug det fælles svar igen: ${titleOf(id)}`,
      });
      const topicProblems = el('div');
      const group = el('fieldset', { class: 'local-answer' }, [
        el('legend', { text: `Emne: ${titleOf(id)}` }),
        topicProblems,
        ...partsShown.map(([partName, field, sharedKey]) =>
          localPart(partName, field, local, sharedText(shared[id], sharedKey), values, parts),
        ),
        removeTopic,
      ]);
      removeTopic.addEventListener('click', () => {
        parts.saver.setField(['answers', id], null);
        group.remove();
      });
      parts.feedback.register(['answers', id], removeTopic, topicProblems, false);
      return group;
    }),
  ]);
}

/** The shared text of one part, per language, or null when the shared topic has no such part. */
function sharedText(/** @type {SharedAnswer | undefined} */ shared, /** @type {string} */ key) {
  if (!shared) return null;
  return key === 'answer' ? shared.answer : (shared.facets[key] ?? null);
}

function localPart(
  /** @type {string} */ partName,
  /** @type {FieldPath} */ field,
  /** @type {unknown} */ local,
  /** @type {Readonly<Record<string, string>> | null} */ shared,
  /** @type {Map<string, string>} */ values,
  /** @type {Parts} */ parts,
) {
  const relative = field.slice(2);
  const partProblems = el('div');
  const heading = el('h4', { text: partName });
  const rows = LANGUAGES.map((language) => {
    const id = nextId('local');
    const languageName = LANGUAGE_NAMES[language] ?? language;
    const area = el('textarea', { id, rows: '7' });
    area.value = text(get(local, [...relative, language]));
    area.addEventListener('input', () => parts.saver.setField([...field, language], area.value));
    const own = el('div', { class: 'field' }, [
      el('label', { for: id, text: `${partName}, kommunens tekst på ${languageName}` }),
      area,
    ]);
    parts.feedback.register([...field, language], area, own, true);
    const sharedBox = el('div', { class: 'shared-answer' }, [
      el('p', { class: 'preview-title', text: `Fælles svar på ${languageName} (det får andre kommuners borgere)` }),
    ]);
    const sharedValue = shared?.[language];
    if (sharedValue) sharedBox.appendChild(renderMarkdown(fillPlaceholders(sharedValue, values)));
    else sharedBox.appendChild(el('p', { text: 'Det fælles emne har ikke denne del.' }));
    return el('div', { class: 'languages' }, [own, sharedBox]);
  });
  const box = el('div', { class: 'local-part' }, [heading, partProblems, ...rows]);
  if (field[2] === 'facets') {
    const remove = el('button', {
      type: 'button',
      class: 'btn btn-secondary',
      text: `Slet kommunens ${partName.toLowerCase()}`,
    });
    remove.addEventListener('click', () => {
      parts.saver.setField(field, null);
      box.remove();
    });
    box.appendChild(remove);
    parts.feedback.register(field, remove, partProblems, false);
  }
  return box;
}

function isHttpsAddress(/** @type {string} */ value) {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    // Not an address at all.
    return false;
  }
}
