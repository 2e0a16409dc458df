// @ts-check
/**
 * "Ubesvarede spørgsmål": what citizens asked that the assistant could not answer, in groups.
 * Each question can become a training sentence of the suggested or a chosen topic, or be dismissed.
 */
import { $, el, nextId } from '../console/dom.js';
import { asHttpError, problemText, studioApi } from './api-client.js';
import { dateTime, plural } from './formats.js';
import { fileHash } from './router.js';
import { state } from './state.js';
import { setStatus } from './status-line.js';

/** @typedef {import('./api-types').InboxCluster} InboxCluster */
/** @typedef {import('./api-types').InboxExample} InboxExample */

export function wireInbox() {
  $('inbox-municipality').addEventListener('change', () => void loadInbox());
}

/** Each load is numbered: an answer to an earlier load (opened again meanwhile) is dropped, not drawn over a newer list. */
const loads = { latest: 0 };

export function loadInbox() {
  const load = ++loads.latest;
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
      if (load !== loads.latest) return;
      $('inbox').replaceChildren(...answer.clusters.map(clusterCard));
      $('inbox-empty').hidden = answer.clusters.length > 0;
    },
    (/** @type {unknown} */ reason) => {
      if (load === loads.latest && !asHttpError(reason).ignore) setStatus(problemText(reason));
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
  card.appendChild(newIntentForm(cluster, card));
  dismissAll.addEventListener('click', () => {
    dismissAll.disabled = true;
    studioApi.dismiss([...(cluster.ids ?? cluster.examples.map((e) => e.id))]).then(
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

/**
 * "Nyt emne ud fra gruppen": a new topic in the draft with the group's questions as its first
 * training sentences; the editor then writes its answers in the topic's editor.
 */
function newIntentForm(/** @type {InboxCluster} */ cluster, /** @type {HTMLElement} */ card) {
  const field = (/** @type {string} */ label, /** @type {string} */ hint) => {
    const input = el('input', { id: nextId('new-intent'), type: 'text', maxlength: '60' });
    const hintNode = hint ? el('p', { class: 'hint', id: nextId('hint'), text: hint }) : null;
    if (hintNode) input.setAttribute('aria-describedby', hintNode.id);
    return {
      input,
      box: el('div', { class: 'field' }, [
        el('label', { for: input.id, text: label }),
        input,
        ...(hintNode ? [hintNode] : []),
      ]),
    };
  };
  const id = field(
    'Teknisk navn',
    'Små bogstaver og tal adskilt af punktum eller bindestreg, fx hund.tegn. Kan ikke ændres senere.',
  );
  const da = field('Titel på dansk', '');
  const en = field('Titel på engelsk', '');
  const error = el('p', { class: 'field-error', id: nextId('error') });
  const submit = el('button', { type: 'submit', class: 'btn btn-secondary', text: 'Opret emnet som kladde' });
  const form = el('form', { novalidate: true }, [id.box, da.box, en.box, error, submit]);
  const details = el('details', {}, [el('summary', { text: 'Nyt emne ud fra gruppen' }), form]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const missing = [id, da, en].find((f) => !f.input.value.trim());
    if (missing) {
      error.textContent = 'Udfyld alle tre felter.';
      missing.input.setAttribute('aria-invalid', 'true');
      missing.input.focus();
      return;
    }
    for (const f of [id, da, en]) f.input.removeAttribute('aria-invalid');
    error.textContent = '';
    submit.disabled = true;
    studioApi
      .newIntent({
        questionIds: [...(cluster.ids ?? cluster.examples.map((example) => example.id))],
        id: id.input.value.trim(),
        title: { da: da.input.value.trim(), en: en.input.value.trim() },
      })
      .then(
        (answer) => {
          setStatus('Emnet er oprettet som kladde. Skriv nu svarene.');
          card.remove();
          // The overview lists the new topic too (its title, "Kladde") before the editor opens it.
          return studioApi.overview().then((overview) => {
            state.overview = overview;
            window.location.hash = fileHash(answer.draft.path);
          });
        },
        (/** @type {unknown} */ reason) => {
          submit.disabled = false;
          if (asHttpError(reason).ignore) return;
          error.textContent = problemText(reason);
          id.input.focus();
        },
      );
  });
  return details;
}
