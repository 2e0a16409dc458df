// @ts-check
/**
 * Under each answer: the text as a citizen of the chosen municipality gets it, placeholders filled
 * from that municipality's profile (its draft, if any) and the Markdown rendered as in the widget.
 */
import { $, el } from '../console/dom.js';
import { asHttpError, problemText, studioApi } from './api-client.js';
import { renderMarkdown } from './markdown.js';
import { fillPlaceholders, hasPlaceholders, placeholderValues } from './placeholders.js';
import { state } from './state.js';

/** @typedef {import('./api-types').FieldPath} FieldPath */
/** @typedef {import('./api-types').PerMunicipality} PerMunicipality */

const preview = {
  name: '',
  id: '',
  /** @type {PerMunicipality | null} what the server says each municipality gets (the saved draft) */
  perMunicipality: /** @type {PerMunicipality | null} */ (null),
  /** @type {Map<string, string>} */
  values: new Map(),
  /** @type {{ source: HTMLTextAreaElement, box: HTMLElement, field: FieldPath }[]} */
  shown: [],
};

/** The municipality choice above the editor: filled from the overview, read when it changes. */
export function wirePreviewChoice() {
  $('preview-municipality').addEventListener('change', () => void choose());
}

export function resetPreviews(/** @type {PerMunicipality | null | undefined} */ perMunicipality) {
  preview.shown = [];
  preview.perMunicipality = perMunicipality ?? null;
  const select = $('preview-municipality', HTMLSelectElement);
  const municipalities = state.overview?.municipalities ?? [];
  if (select.options.length !== municipalities.length) {
    select.replaceChildren(...municipalities.map((m) => el('option', { value: m.id, text: m.name })));
  }
}

/** Shows the preview of `source` (the YAML field `field`) in `box`, now and whenever it or the municipality changes. */
export function showPreview(
  /** @type {HTMLTextAreaElement} */ source,
  /** @type {HTMLElement} */ box,
  /** @type {FieldPath} */ field,
) {
  const shown = { source, box, field };
  preview.shown.push(shown);
  source.addEventListener('input', () => render(shown));
  if (preview.values.size === 0 && preview.shown.length === 1) void choose();
  else render(shown);
}

/** The municipality's own text for this field (an override in its profile), if it has one. */
function localAnswer(/** @type {FieldPath} */ field) {
  const answers = preview.perMunicipality?.answers;
  if (!answers) return undefined;
  const language = String(field[field.length - 1]);
  const forLanguage = answers[language];
  const list = field[0] === 'answer' ? forLanguage?.answer : forLanguage?.facets[String(field[1])];
  const mine = list?.find((answer) => answer.municipalityId === preview.id);
  return mine?.source === 'local' ? mine : undefined;
}

function choose() {
  const select = $('preview-municipality', HTMLSelectElement);
  const id = select.value;
  const item = state.overview?.items.find((i) => i.kind === 'municipality' && i.id === id);
  if (!item) return Promise.resolve();
  return studioApi.file(item.path).then(
    (file) => {
      preview.values = placeholderValues(file.data);
      preview.name = select.selectedOptions[0]?.textContent ?? id;
      preview.id = id;
      for (const shown of preview.shown) render(shown);
    },
    (/** @type {unknown} */ reason) => {
      if (asHttpError(reason).ignore) return;
      for (const { box } of preview.shown) box.replaceChildren(el('p', { text: problemText(reason) }));
    },
  );
}

/** @param {{ source: HTMLTextAreaElement, box: HTMLElement, field: FieldPath }} shown */
function render({ source, box, field }) {
  const local = localAnswer(field);
  if (local) {
    box.hidden = false;
    box.replaceChildren(
      el('p', {
        class: 'preview-title',
        text: `${local.municipalityName} har sin egen tekst her (i kommunens profil). Dens borgere får:`,
      }),
      renderMarkdown(local.text),
    );
    return;
  }
  const text = source.value;
  box.hidden = !hasPlaceholders(text) || preview.values.size === 0;
  if (box.hidden) return;
  box.replaceChildren(
    el('p', { class: 'preview-title', text: `Sådan ser det ud for ${preview.name}:` }),
    renderMarkdown(fillPlaceholders(text, preview.values)),
  );
}
