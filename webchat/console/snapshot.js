// @ts-check
/** A snapshot (on connect and after every change to the agent's queues or conversations) updates every list. */
import { loadCallbacks } from './callbacks-view.js';
import { closeConversation } from './conversation-view.js';
import { $ } from './dom.js';
import { municipalityName } from './formats.js';
import { renderMine } from './mine-view.js';
import { renderPresence } from './presence-view.js';
import { loadOverview } from './overview-view.js';
import { announceQueueChanges, renderLeft, renderQueue, renderQueueCounts } from './queue-view.js';
import { isMine, replaceLeft, replaceQueue, setCallbackCount, setMine, state, summaryOf } from './state.js';
import { T, format } from './wording.js';

/** @typedef {import('./api-types').Snapshot} Snapshot */

const SNAPSHOT_GRACE = 10000; // a snapshot may be older than a claim the agent just made

export function onSnapshot(/** @type {Snapshot} */ snapshot) {
  const fresh = replaceQueue(Array.isArray(snapshot.queue) ? snapshot.queue : []);
  renderQueue();
  renderQueueCounts(typeof snapshot.onDuty === 'number' ? snapshot.onDuty : null);
  const left = replaceLeft(Array.isArray(snapshot.left) ? snapshot.left : []);
  renderLeft();
  announceQueueChanges(fresh, left);
  renderPresence(snapshot);

  if (Array.isArray(snapshot.mine)) {
    const open = state.open;
    const mine = snapshot.mine.slice();
    // A conversation just claimed may be newer than this snapshot: keep it until the next one.
    if (open && !mine.some((s) => s.conversationId === open.id) && Date.now() - open.openedAt < SNAPSHOT_GRACE)
      mine.push(summaryOf(open.view));
    setMine(mine);
    renderMine();
    if (open && !isMine(open.id))
      closeConversation(format(T.endedIn, municipalityName(open.view.municipality), T.notYours));
  }

  if (typeof snapshot.callbacks === 'number' && snapshot.callbacks !== state.callbackCount) {
    setCallbackCount(snapshot.callbacks);
    $('nav-callbacks').textContent = '(' + snapshot.callbacks + ')';
    loadCallbacks();
  }
  if (state.agent && state.agent.role === 'admin') loadOverview();
}
