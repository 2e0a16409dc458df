// @ts-check
/** "Prøv assistenten": a question against the draft, and what the assistant made of it. */
import { $, el } from '../console/dom.js';
import { asHttpError, problemText, studioApi } from './api-client.js';
import { FACET_NAMES } from './formats.js';
import { renderMarkdown } from './markdown.js';
import { untilReady } from './progress.js';
import { state } from './state.js';

/** @typedef {import('./api-types').TryView} TryView */

/** Words for the classifier's decisions (bot/intent-decision.ts); unknown ones are shown as they are. */
/** @type {Readonly<Record<string, string>>} */
const DECISIONS = {
  answer: 'Svarer på emnet',
  clarify: 'Spørger, hvilket emne borgeren mener ("Mente du …?")',
  fallback: 'Kan ikke svare (viser mulige emner og vejen til en medarbejder)',
};

export function wireTry() {
  $('try-form').addEventListener('submit', ask);
}

/** Fills the municipality choice from the overview. */
export function prepareTry() {
  const select = $('try-municipality', HTMLSelectElement);
  const municipalities = state.overview?.municipalities ?? [];
  if (select.options.length !== municipalities.length) {
    select.replaceChildren(...municipalities.map((m) => el('option', { value: m.id, text: m.name })));
  }
}

function ask(/** @type {SubmitEvent} */ event) {
  event.preventDefault();
  const question = $('try-question', HTMLTextAreaElement);
  const error = $('try-error');
  if (!question.value.trim()) {
    error.textContent = 'Skriv et spørgsmål.';
    question.setAttribute('aria-invalid', 'true');
    question.focus();
    return;
  }
  question.removeAttribute('aria-invalid');
  error.textContent = '';
  const checked = document.querySelector('input[name="try-language"]:checked');
  const language = checked instanceof HTMLInputElement && checked.value === 'en' ? 'en' : 'da';
  const body = {
    question: question.value.trim(),
    municipality: $('try-municipality', HTMLSelectElement).value,
    language,
  };
  const button = /** @type {HTMLFormElement} */ (event.currentTarget).querySelector('button[type="submit"]');
  if (button instanceof HTMLButtonElement) button.disabled = true;
  $('try-result').replaceChildren();
  untilReady(
    () => studioApi.tryQuestion(/** @type {typeof body & { language: 'da' | 'en' }} */ (body)),
    'try-progress-wrap',
    'try-progress',
  ).then(
    (answer) => {
      if (button instanceof HTMLButtonElement) button.disabled = false;
      showResult(answer);
    },
    (/** @type {unknown} */ reason) => {
      if (button instanceof HTMLButtonElement) button.disabled = false;
      const failure = asHttpError(reason);
      if (failure.ignore) return;
      error.textContent = problemText(reason);
      if (failure.code === 'invalid_knowledge') showProblems(failure.body);
    },
  );
}

/** @param {Extract<TryView, { status: 'ready' }>['replies'][number]} reply */
function replyNodes(reply) {
  /** @type {Node[]} */
  const nodes = [];
  if (reply.text) nodes.push(el('div', { class: 'bubble' }, [renderMarkdown(reply.text)]));
  for (const card of reply.cards ?? []) {
    nodes.push(
      el('div', { class: 'bubble card' }, [
        el('p', {}, [el('strong', { text: card.title })]),
        el('p', { text: card.summary }),
        /^https?:/i.test(card.url)
          ? el('a', { href: card.url, target: '_blank', rel: 'noopener noreferrer', text: card.linkTitle || card.url })
          : el('span', { text: card.linkTitle }),
      ]),
    );
  }
  if (reply.actions.length > 0) {
    nodes.push(
      el('p', { class: 'hint', text: 'Knapper under svaret:' }),
      el(
        'ul',
        { class: 'actions' },
        reply.actions.map((action) => el('li', { text: action.title })),
      ),
    );
  }
  return nodes;
}

function showResult(/** @type {TryView} */ answer) {
  if (answer.status !== 'ready') return;
  const { classification, replies } = answer;
  const percent = (/** @type {number} */ score) => `${Math.round(score * 100)} %`;
  $('try-result').replaceChildren(
    el('h3', { text: 'Svaret' }),
    ...(answer.question
      ? [
          el('p', {
            class: 'hint',
            text: `Spørgsmålet, som assistenten så det (personoplysninger fjernet): ${answer.question}`,
          }),
        ]
      : []),
    ...replies.flatMap(replyNodes),
    el('h3', { text: 'Sådan forstod assistenten spørgsmålet' }),
    el('dl', { class: 'facts' }, [
      el('dt', { text: 'Beslutning' }),
      el('dd', { text: DECISIONS[classification.decision] ?? classification.decision }),
      el('dt', { text: 'Del-svar' }),
      el('dd', {
        text: classification.facet
          ? (FACET_NAMES[classification.facet] ?? classification.facet)
          : 'Intet (det generelle svar)',
      }),
      el('dt', { text: 'Sprog' }),
      el('dd', { text: classification.language === 'en' ? 'Engelsk' : 'Dansk' }),
    ]),
    el('div', { class: 'table-wrap' }, [
      el('table', {}, [
        el('caption', { text: 'Mest sandsynlige emner' }),
        el('thead', {}, [
          el('tr', {}, [el('th', { scope: 'col', text: 'Emne' }), el('th', { scope: 'col', text: 'Sikkerhed' })]),
        ]),
        el(
          'tbody',
          {},
          classification.ranked.map((ranked) =>
            el('tr', {}, [
              el('td', { text: `${ranked.title} (${ranked.intent})` }),
              el('td', { text: percent(ranked.score) }),
            ]),
          ),
        ),
      ]),
    ]),
  );
}

/** A draft with errors cannot be tried (422 invalid_knowledge): the errors, so the editor can fix them. */
function showProblems(/** @type {unknown} */ body) {
  const problems =
    body && typeof body === 'object' && Array.isArray(/** @type {{ problems?: unknown }} */ (body).problems)
      ? /** @type {{ problems: import('./api-types').Problem[] }} */ (body).problems
      : [];
  if (problems.length === 0) return;
  $('try-result').replaceChildren(
    el('h3', { text: 'Fejl i kladden' }),
    el(
      'ul',
      { class: 'problems' },
      problems.map((p) => el('li', { text: `${p.file}${p.line ? `, linje ${p.line}` : ''}: ${p.message}` })),
    ),
  );
}
