// @ts-check
/**
 * What the console knows about the signed-in agent and their work, in one object. Modules read
 * `state`; they change it only through the functions below, so every change has a name.
 *
 * Everything but the session generation belongs to one session: forgetWork() drops it all, so a
 * colleague signing in on the same PC sees nothing of the previous agent's work.
 */

/** @typedef {import('./api-types').AgentView} AgentView */
/** @typedef {import('./api-types').AssignmentSummary} AssignmentSummary */
/** @typedef {import('./api-types').CannedReply} CannedReply */
/** @typedef {import('./api-types').LeftView} LeftView */
/** @typedef {import('./api-types').ConversationView} ConversationView */
/** @typedef {import('./api-types').SessionView} SessionView */
/** @typedef {import('./api-types').TranscriptItem} TranscriptItem */
/** @typedef {import('./api-types').WaitingView} WaitingView */

/**
 * The conversation on screen.
 * @typedef {object} OpenConversation
 * @property {string} id
 * @property {ConversationView} view
 * @property {'da' | 'en'} language  the citizen's language: the `lang` of their messages
 * @property {Set<string>} shown  transcript item ids on the page (an item can arrive twice: in the view and as an event)
 * @property {number} openedAt  Date.now() when opened
 * @property {number} lastTypingSent  Date.now() of the last POST /typing
 */

/**
 * @typedef {object} ConsoleState
 * @property {AgentView | null} agent  null while signed out
 * @property {string | null} csrf  the CSRF token: in memory only
 * @property {number} generation  counts sign-ins and sign-outs: an answer to an older generation is stale
 * @property {readonly WaitingView[]} queue
 * @property {Set<string> | null} seenInQueue  ids in the previous snapshot's queue; null until the first (no alert for those)
 * @property {readonly LeftView[]} left  citizens who left the queue a little while ago, newest first
 * @property {Set<string> | null} seenLeft  their ids as of the previous snapshot; null until the first (not announced)
 * @property {readonly AssignmentSummary[]} mine
 * @property {Set<string>} unread  held conversations with a citizen message the agent has not seen
 * @property {Set<string>} closedByMe  conversations the agent ended or returned: their "ended" event needs no notice
 * @property {Map<string, string>} drafts  unsent text per conversation, kept while the agent looks at another
 * @property {OpenConversation | null} open
 * @property {{ id: string, buffer: TranscriptItem[] } | null} loading  while GET /conversations/:id is under way; events meanwhile wait in the buffer
 * @property {readonly CannedReply[]} cannedReplies
 * @property {{ before: string, after: string } | null} cannedInserted  the composer's text without and with the last inserted reply
 * @property {number | null} callbackCount  as of the last snapshot; null to fetch the list again on the next
 */

/** @returns {Omit<ConsoleState, 'agent' | 'csrf' | 'generation'>} */
function noWork() {
  return {
    queue: [],
    seenInQueue: null,
    left: [],
    seenLeft: null,
    mine: [],
    unread: new Set(),
    closedByMe: new Set(),
    drafts: new Map(),
    open: null,
    loading: null,
    cannedReplies: [],
    cannedInserted: null,
    callbackCount: null,
  };
}

/** @type {ConsoleState} */
const current = { agent: null, csrf: null, generation: 0, ...noWork() };

/** Read-only to everyone but this module. */
export const state = /** @type {Readonly<ConsoleState>} */ (current);

// ---- session ----

/** Takes the agent and the CSRF token from a session answer (either may be missing). */
export function adoptSession(/** @type {Partial<SessionView> | null | undefined} */ body) {
  if (body && body.csrfToken) current.csrf = body.csrfToken;
  if (body && body.agent) current.agent = body.agent;
}

/** A new sign-in: answers still under way for the previous one become stale. */
export function beginSession(/** @type {Partial<SessionView> | null | undefined} */ body) {
  current.generation += 1;
  current.agent = null;
  adoptSession(body);
}

export function endSession() {
  current.generation += 1;
  current.agent = null;
  current.csrf = null;
}

export function forgetWork() {
  Object.assign(current, noWork());
}

// ---- the queue ----

/** The queue from a snapshot; returns the entries that were not in the previous one (none the first time). */
export function replaceQueue(/** @type {readonly WaitingView[]} */ entries) {
  const previous = current.seenInQueue;
  const fresh = previous ? entries.filter((entry) => !previous.has(entry.conversationId)) : [];
  current.queue = entries;
  current.seenInQueue = new Set(entries.map((entry) => entry.conversationId));
  return fresh;
}

/** Who left the queue, from a snapshot; returns those not in the previous one (none the first time). */
export function replaceLeft(/** @type {readonly LeftView[]} */ entries) {
  const previous = current.seenLeft;
  const fresh = previous ? entries.filter((entry) => !previous.has(entry.id)) : [];
  current.left = entries;
  current.seenLeft = new Set([...(previous ?? []), ...entries.map((entry) => entry.id)]);
  return fresh;
}

/** Drops those left before `since` (ms): they have been shown long enough. */
export function pruneLeft(/** @type {number} */ since) {
  const kept = current.left.filter((entry) => Date.parse(entry.at) >= since);
  const changed = kept.length !== current.left.length;
  current.left = kept;
  return changed;
}

/** Gone from the queue (claimed, or taken by a colleague) before the snapshot that says so. */
export function removeFromQueue(/** @type {string} */ conversationId) {
  current.queue = current.queue.filter((entry) => entry.conversationId !== conversationId);
}

// ---- my conversations ----

export function setMine(/** @type {readonly AssignmentSummary[]} */ summaries) {
  current.mine = summaries;
  for (const id of current.unread) if (!isMine(id)) current.unread.delete(id);
}

export function addMine(/** @type {AssignmentSummary} */ summary) {
  current.mine = [...current.mine, summary];
}

export function removeMine(/** @type {string} */ id) {
  current.mine = current.mine.filter((summary) => summary.conversationId !== id);
}

export function isMine(/** @type {string} */ id) {
  return current.mine.some((summary) => summary.conversationId === id);
}

export function mineSummary(/** @type {string} */ id) {
  return current.mine.find((summary) => summary.conversationId === id) ?? null;
}

/** @returns {AssignmentSummary} */
export function summaryOf(/** @type {ConversationView} */ view) {
  return {
    conversationId: view.conversationId,
    municipality: view.municipality,
    language: view.language,
    topic: view.topic,
    claimedAt: view.claimedAt,
  };
}

export function markUnread(/** @type {string} */ id) {
  current.unread.add(id);
}

/** The conversation has left the agent: nothing of it is kept. */
export function forgetConversation(/** @type {string} */ id) {
  removeMine(id);
  current.unread.delete(id);
  current.drafts.delete(id);
}

/** The agent ends or returns it: the "ended" event that follows is theirs. */
export function markClosedByMe(/** @type {string} */ id) {
  current.closedByMe.add(id);
}

export function unmarkClosedByMe(/** @type {string} */ id) {
  current.closedByMe.delete(id);
}

/** True (once) when the agent closed it themselves. */
export function takeClosedByMe(/** @type {string} */ id) {
  return current.closedByMe.delete(id);
}

// ---- the open conversation ----

export function openView(/** @type {ConversationView} */ view) {
  current.open = {
    id: view.conversationId,
    view,
    language: view.language === 'en' ? 'en' : 'da',
    shown: new Set(),
    openedAt: Date.now(),
    lastTypingSent: 0,
  };
  current.unread.delete(view.conversationId);
}

/** Closes the open conversation, dropping its draft. */
export function closeView() {
  if (current.open) current.drafts.delete(current.open.id);
  current.open = null;
}

export function isOpen(/** @type {string} */ id) {
  return current.open !== null && current.open.id === id;
}

/** True the first time an item id is shown in the open conversation. */
export function markShown(/** @type {string} */ key) {
  if (!current.open || current.open.shown.has(key)) return false;
  current.open.shown.add(key);
  return true;
}

export function noteTypingSent(/** @type {number} */ at) {
  if (current.open) current.open.lastTypingSent = at;
}

export function saveDraft(/** @type {string} */ id, /** @type {string} */ text) {
  current.drafts.set(id, text);
}

export function draftOf(/** @type {string} */ id) {
  return current.drafts.get(id) ?? '';
}

export function startLoading(/** @type {string} */ id) {
  current.loading = { id, buffer: [] };
}

export function isLoading(/** @type {string} */ id) {
  return current.loading !== null && current.loading.id === id;
}

/** Stops loading; returns the events that arrived meanwhile. */
export function stopLoading() {
  const buffer = current.loading ? current.loading.buffer : [];
  current.loading = null;
  return buffer;
}

export function bufferWhileLoading(/** @type {TranscriptItem} */ item) {
  if (current.loading) current.loading.buffer.push(item);
}

// ---- canned replies and callbacks ----

export function setCannedReplies(/** @type {readonly CannedReply[]} */ replies) {
  current.cannedReplies = replies;
}

export function setCannedInserted(/** @type {{ before: string, after: string } | null} */ inserted) {
  current.cannedInserted = inserted;
}

export function setCallbackCount(/** @type {number | null} */ count) {
  current.callbackCount = count;
}
