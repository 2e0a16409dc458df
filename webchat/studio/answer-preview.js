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

const preview = {
  name: '',
  /** @type {Map<string, string>} */
  values: new Map(),
  /** @type {{ source: HTMLTextAreaElement, box: HTMLElement }[]} */
  shown: [],
};

/** The municipality choice above the editor: filled from the overview, read when it changes. */
export function wirePreviewChoice() {
  $('preview-municipality').addEventListener('change', () => void choose());
}

export function resetPreviews() {
  preview.shown = [];
  const select = $('preview-municipality', HTMLSelectElement);
  const municipalities = state.overview?.municipalities ?? [];
  if (select.options.length !== municipalities.length) {
    select.replaceChildren(...municipalities.map((m) => el('option', { value: m.id, text: m.name })));
  }
}

/** Shows the preview of `source` in `box`, now and whenever it or the municipality changes. */
export function showPreview(/** @type {HTMLTextAreaElement} */ source, /** @type {HTMLElement} */ box) {
  preview.shown.push({ source, box });
  source.addEventListener('input', () => render(source, box));
  if (preview.values.size === 0 && preview.shown.length === 1) void choose();
  else render(source, box);
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
      for (const { source, box } of preview.shown) render(source, box);
    },
    (/** @type {unknown} */ reason) => {
      if (asHttpError(reason).ignore) return;
      for (const { box } of preview.shown) box.replaceChildren(el('p', { text: problemText(reason) }));
    },
  );
}

function render(/** @type {HTMLTextAreaElement} */ source, /** @type {HTMLElement} */ box) {
  const text = source.value;
  box.hidden = !hasPlaceholders(text) || preview.values.size === 0;
  if (box.hidden) return;
  box.replaceChildren(
    el('p', { class: 'preview-title', text: `Sådan ser det ud for ${preview.name}:` }),
    renderMarkdown(fillPlaceholders(text, preview.values)),
  );
}
