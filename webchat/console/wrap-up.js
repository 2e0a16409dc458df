// @ts-check
/**
 * The wrap-up code on "Afslut samtale": a topic (the assistant's guess is chosen first) and an
 * outcome, both optional. They go into the insight figures only; the citizen never sees them.
 */
import { staffApi } from './api-client.js';
import { $, el } from './dom.js';

/** @typedef {{ topic?: string, outcome?: string }} WrapUp */

/** Fills the two lists (on signing in); without them the agent can still end, without a code. */
export function loadWrapUpCodes() {
  staffApi.wrapUpCodes().then(
    (codes) => {
      fill($('wrap-up-topic', HTMLSelectElement), codes?.topics ?? []);
      fill($('wrap-up-outcome', HTMLSelectElement), codes?.outcomes ?? []);
    },
    () => undefined,
  );
}

/** A fresh form for the conversation being ended: its topic chosen if the assistant found one. */
export function prepareWrapUp(/** @type {string | null} */ topicId) {
  const topic = $('wrap-up-topic', HTMLSelectElement);
  topic.value = topicId && [...topic.options].some((o) => o.value === topicId) ? topicId : '';
  $('wrap-up-outcome', HTMLSelectElement).value = '';
}

/** What the agent chose; nothing chosen is no code. */
export function chosenWrapUp() {
  const topic = $('wrap-up-topic', HTMLSelectElement).value;
  const outcome = $('wrap-up-outcome', HTMLSelectElement).value;
  /** @type {WrapUp} */
  const wrapUp = {};
  if (topic) wrapUp.topic = topic;
  if (outcome) wrapUp.outcome = outcome;
  return wrapUp;
}

function fill(/** @type {HTMLSelectElement} */ select, /** @type {readonly { id: string, title: string }[]} */ codes) {
  while (select.options.length > 1) select.remove(1);
  for (const code of codes) select.appendChild(el('option', { value: code.id, text: code.title }));
}
