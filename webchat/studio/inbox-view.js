// @ts-check
/**
 * "Ubesvarede spørgsmål": what citizens asked that the assistant could not answer, in groups.
 * Each question can become a training sentence of the suggested or a chosen topic, or be dismissed.
 */
import { $, el, nextId } from '../console/dom.js';
import { asHttpError, problemText, studioApi } from './api-client.js';
import { dateTime, plural } from './formats.js';
import { state } from './state.js';
import { setStatus } from './status-line.js';

/** @typedef {import('./api-types').InboxCluster} InboxCluster */
/** @typedef {import('./api-types').InboxExample} InboxExample */

export function wireInbox() {
  $('inbox-municipality').addEventListener('change', () => void loadInbox());
}

export function loadInbox() {
  const select = $('inbox-municipality', HTMLSelectElement);
  const municipalities = state.overview?.municipalities ?? [];
  if (select.options.length !== municipalities.length + 1) {
    select.replaceChildren(
      el('option', { value: '', text: 'Alle kommuner' }),
      ...municipalities.map((m) => el('option', { value: m.id, text: m.name })),
    );
  }
  return studioApi.inbox(select.value).then(
    (answer) => {
      $('inbox').replaceChildren(...answer.clusters.map(clusterCard));
      $('inbox-empty').hidden = answer.clusters.length > 0;
    },
    (/** @type {unknown} */ reason) => {
      if (!asHttpError(reason).ignore) setStatus(problemText(reason));
    },
  );
}

function municipalityName(/** @type {string} */ id) {
  return state.overview?.municipalities.find((m) => m.id === id)?.name ?? id;
}

function clusterCard(/** @type {InboxCluster} */ cluster) {
  const headingId = nextId('cluster');
  const examples = el(
    'ul',
    { class: 'plain-list' },
    cluster.examples.map((example) => exampleItem(example, cluster)),
  );
  const dismissAll = el('button', { type: 'button', class: 'btn btn-secondary', text: 'Afvis hele gruppen' });
  const card = el('li', { 'aria-labelledby': headingId }, [
    el('h3', {
      id: headingId,
      text: `${plural(cluster.count, 'spørgsmål', 'spørgsmål')}, senest ${dateTime(cluster.newestAt)}`,
    }),
    el('p', { class: 'hint', text: `Fra ${cluster.municipalities.map(municipalityName).join(', ')}.` }),
    examples,
    dismissAll,
  ]);
  dismissAll.addEventListener('click', () => {
    dismissAll.disabled = true;
    studioApi.dismiss(cluster.examples.map((e) => e.id)).then(
      (answer) => {
        setStatus(`${plural(answer.dismissed, 'spørgsmål', 'spørgsmål')} afvist.`);
        focusAfterRemoving(card);
      },
      (/** @type {unknown} */ reason) => {
        dismissAll.disabled = false;
        if (!asHttpError(reason).ignore) setStatus(problemText(reason));
      },
    );
  });
  return card;
}

function exampleItem(/** @type {InboxExample} */ example, /** @type {InboxCluster} */ cluster) {
  const intents = (state.overview?.items ?? []).filter((item) => item.kind === 'intent' && item.editable);
  const select = el(
    'select',
    { id: nextId('intent') },
    intents.map((item) =>
      el('option', { value: item.id, text: item.title, selected: item.id === cluster.suggestedIntent }),
    ),
  );
  const add = el('button', { type: 'button', class: 'btn btn-primary', text: 'Tilføj som træningssætning' });
  const dismiss = el('button', { type: 'button', class: 'btn btn-secondary', text: 'Afvis' });
  const item = el('li', { class: 'example' }, [
    el('p', {}, [el('strong', { text: `“${example.text}”` })]),
    el('p', { class: 'hint', text: `${municipalityName(example.municipality)}, ${dateTime(example.at)}.` }),
    el('div', { class: 'example-actions' }, [
      el('div', { class: 'field' }, [
        el('label', { for: select.id, text: cluster.suggestedIntent ? 'Emne (forslag valgt)' : 'Emne' }),
        select,
      ]),
      add,
      dismiss,
    ]),
  ]);
  add.addEventListener('click', () => {
    add.disabled = true;
    studioApi.addExample(example.id, select.value).then(
      () => {
        setStatus(
          `Tilføjet som træningssætning til “${select.selectedOptions[0]?.textContent ?? select.value}” i kladden.`,
        );
        focusAfterRemoving(item);
      },
      (/** @type {unknown} */ reason) => {
        add.disabled = false;
        if (!asHttpError(reason).ignore) setStatus(problemText(reason));
      },
    );
  });
  dismiss.addEventListener('click', () => {
    dismiss.disabled = true;
    studioApi.dismiss([example.id]).then(
      () => {
        setStatus('Spørgsmålet er afvist.');
        focusAfterRemoving(item);
      },
      (/** @type {unknown} */ reason) => {
        dismiss.disabled = false;
        if (!asHttpError(reason).ignore) setStatus(problemText(reason));
      },
    );
  });
  return item;
}

/** Removes a handled question or group and puts focus on the next one (or the heading). */
function focusAfterRemoving(/** @type {HTMLElement} */ node) {
  const next = node.nextElementSibling ?? node.previousElementSibling;
  const parentCard = node.parentElement?.closest('li');
  node.remove();
  if (parentCard && parentCard.querySelectorAll('.example').length === 0) {
    focusAfterRemoving(parentCard);
    return;
  }
  const target = next?.querySelector('button, select');
  if (target instanceof HTMLElement) target.focus();
  else {
    $('inbox-empty').hidden = $('inbox').children.length > 0;
    $('inbox-heading').focus();
  }
}
