// @ts-check
/**
 * The conversation on screen: opening one (claimed, or chosen under "Mine samtaler"), its context,
 * events about the conversations the agent holds, and closing it (ended, returned, gone).
 */
import { asHttpError, problem, staffApi } from './api-client.js';
import { composerText, showDraft } from './composer.js';
import { CONFIRMS, toggleConfirm } from './confirmations.js';
import { $, el } from './dom.js';
import { dayAndClock, languageName, municipalityName, percent, safeUrl, topicTitle } from './formats.js';
import { renderMine } from './mine-view.js';
import { renderNotes } from './notes-view.js';
import {
  bufferWhileLoading,
  closeView,
  draftOf,
  forgetConversation,
  isLoading,
  isMine,
  isOpen,
  markClosedByMe,
  markUnread,
  mineSummary,
  openView,
  removeMine,
  saveDraft,
  startLoading,
  state,
  stopLoading,
  takeClosedByMe,
  unmarkClosedByMe,
} from './state.js';
import { setStatus } from './status-line.js';
import { appendMessage, hideTyping, renderTranscript, scrollTranscriptToEnd, showTyping } from './transcript-view.js';
import { T, format } from './wording.js';
import { chosenWrapUp, prepareWrapUp } from './wrap-up.js';

/** @typedef {import('./api-types').ConversationView} ConversationView */
/** @typedef {import('./api-types').ActivityEvent} ActivityEvent */
/** @typedef {import('./api-types').TypingEvent} TypingEvent */
/** @typedef {import('./api-types').EndedEvent} EndedEvent */
/** @typedef {import('./confirmations.js').Closing} Closing */

export function openConversation(/** @type {ConversationView} */ view, /** @type {boolean} */ focus) {
  openView(view);
  hideTyping();
  toggleConfirm(null);
  prepareWrapUp(view.topic ? view.topic.id : null);

  $('conversation-heading').textContent = municipalityName(view.municipality) + ' – ' + topicTitle(view.topic);
  renderContext(view);
  renderTranscript(view.transcript || []);
  renderNotes(view.notes || []);
  showDraft(draftOf(view.conversationId));

  $('no-conversation').hidden = true;
  $('no-conversation-reason').hidden = true;
  $('conversation').hidden = false;
  renderMine();
  scrollTranscriptToEnd();
  if (focus) $('conversation-heading').focus();
}

/** Keeps what the agent was writing, before another conversation takes the composer. */
export function stashDraft() {
  if (state.open) saveDraft(state.open.id, composerText());
}

export function hideConversation() {
  $('conversation').hidden = true;
  $('no-conversation').hidden = false;
  hideTyping();
  toggleConfirm(null);
}

/** The view closes (ended, returned, gone); why is said in the status line and stays on the page. */
export function closeConversation(/** @type {string} */ message) {
  if (!state.open) return;
  const hadFocus = $('conversation').contains(document.activeElement) || document.activeElement === document.body;
  closeView();
  hideConversation();
  const reason = $('no-conversation-reason');
  reason.textContent = message;
  reason.hidden = !message;
  if (message) setStatus(message);
  renderMine();
  // Focus was in what just disappeared: put it where the message is, not back at the top of the page.
  if (hadFocus) $('no-conversation-heading').focus();
}

function renderContext(/** @type {ConversationView} */ view) {
  const context = view.context || {};
  const facts = $('context-facts');
  facts.textContent = '';
  const rows = [
    [T.facts.municipality, municipalityName(view.municipality)],
    [T.facts.language, languageName(view.language)],
    [T.facts.topic, topicTitle(view.topic)],
    [T.facts.reason, T.reason[context.reason] || context.reason || T.none],
    [T.facts.enqueuedAt, view.enqueuedAt ? dayAndClock(view.enqueuedAt) : T.none],
    [T.facts.claimedAt, view.claimedAt ? dayAndClock(view.claimedAt) : T.none],
  ];
  for (const [term, value] of rows)
    facts.appendChild(el('div', { class: 'fact' }, [el('dt', { text: term }), el('dd', { text: value })]));

  const intents = Array.isArray(context.intents) ? context.intents : [];
  const intentList = $('intents');
  intentList.textContent = '';
  for (const intent of intents) {
    intentList.appendChild(
      el('li', {}, [
        el('span', { text: intent.title || intent.id || '' }),
        ' ',
        el('span', { class: 'score', text: percent(intent.score) }),
      ]),
    );
  }
  $('intents-empty').hidden = intents.length > 0;

  const guides = Array.isArray(context.guides) ? context.guides : [];
  const guideList = $('guides');
  guideList.textContent = '';
  for (const guide of guides) {
    const href = safeUrl(guide.url);
    const title = guide.title || guide.url || '';
    guideList.appendChild(
      el('li', {}, [
        href
          ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, [
              title,
              el('span', { class: 'sr-only', text: T.newWindow }),
            ])
          : el('span', { text: title }),
      ]),
    );
  }
  $('guides-empty').hidden = guides.length > 0;
}

/** "Mine samtaler": a click on an item opens that conversation (one listener for the whole list). */
export function wireMineList() {
  $('mine').addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button.mine-button') : null;
    const id = button && button.closest('li')?.getAttribute('data-conversation-id');
    if (id) selectConversation(id);
  });
}

function selectConversation(/** @type {string} */ id) {
  if (isOpen(id)) {
    $('conversation-heading').focus();
    return;
  }
  stashDraft();
  const generation = state.generation;
  startLoading(id);
  renderMine();
  staffApi.conversation(id).then(
    (view) => {
      if (!isLoading(id) || generation !== state.generation) return;
      const buffer = stopLoading();
      if (!view) return;
      openConversation(view, true);
      buffer.forEach(appendMessage);
    },
    (/** @type {unknown} */ reason) => {
      const error = asHttpError(reason);
      if (error.ignore || !isLoading(id)) return;
      stopLoading();
      if (error.status === 404) {
        removeMine(id);
        setStatus(T.notFound);
      } else {
        setStatus(problem(error));
      }
      renderMine();
    },
  );
}

// ---- events about held conversations ----

export function onActivity(/** @type {ActivityEvent} */ data) {
  const id = data.conversationId;
  const item = data.item;
  if (!item) return;
  if (isOpen(id)) {
    appendMessage(item);
    return;
  }
  if (isLoading(id)) {
    bufferWhileLoading(item);
    return;
  }
  if (item.from === 'citizen' && isMine(id)) {
    markUnread(id);
    renderMine();
    const summary = mineSummary(id);
    setStatus(format(T.newMessage, summary ? municipalityName(summary.municipality) : ''));
  }
}

export function onTyping(/** @type {TypingEvent} */ data) {
  if (isOpen(data.conversationId)) showTyping();
}

export function onEnded(/** @type {EndedEvent} */ data) {
  const id = data.conversationId;
  const summary = mineSummary(id);
  const name = municipalityName(
    (summary && summary.municipality) || (state.open && state.open.id === id && state.open.view.municipality),
  );
  const why = T.ended[data.reason] || T.endedOther;
  forgetConversation(id);
  if (takeClosedByMe(id)) {
    renderMine();
    return;
  }
  if (isLoading(id)) stopLoading();
  if (isOpen(id)) {
    closeConversation(format(T.endedIn, name, why));
  } else {
    renderMine();
    setStatus(format(T.endedIn, name, why));
  }
}

// ---- ending and returning (after the confirmation) ----

/** @type {Readonly<Record<Closing, { send: (id: string) => Promise<unknown>, done: string }>>} */
const CLOSING = {
  end: { send: (/** @type {string} */ id) => staffApi.end(id, chosenWrapUp()), done: T.endedByYou },
  return: { send: staffApi.giveBack, done: T.returnedByYou },
};

export function closeAsAgent(/** @type {Closing} */ name) {
  if (!state.open) return;
  const { send, done } = CLOSING[name];
  const id = state.open.id;
  const yes = $(CONFIRMS[name].yes, HTMLButtonElement);
  yes.disabled = true;
  markClosedByMe(id);
  send(id).then(
    () => {
      yes.disabled = false;
      removeMine(id);
      if (!isOpen(id)) {
        renderMine();
        return;
      }
      closeConversation(done);
      // The next conversation the agent holds opens at once (the oldest claim first), as in agent desks people know.
      const next = state.mine[0];
      if (next) selectConversation(next.conversationId);
    },
    (/** @type {unknown} */ reason) => {
      const error = asHttpError(reason);
      yes.disabled = false;
      unmarkClosedByMe(id);
      if (error.ignore) return;
      if (error.status === 404 || error.status === 409) {
        removeMine(id);
        if (isOpen(id)) closeConversation(T.notYours);
        return;
      }
      toggleConfirm(null, true);
      setStatus(problem(error));
    },
  );
}
