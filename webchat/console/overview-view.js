// @ts-check
/** "Overblik" for administrators: every agent and every queue. */
import { asHttpError, staffApi } from './api-client.js';
import { $, el } from './dom.js';
import { duration } from './formats.js';
import { T } from './wording.js';

/** @typedef {import('./api-types').OverviewView} OverviewView */

/**
 * One request at a time; snapshots arriving meanwhile ask for one more afterwards. A new session
 * gets a new gate (resetOverview), so an answer for the previous one does not ask again.
 */
const gate = { current: { busy: false, again: false } };

export function resetOverview() {
  gate.current = { busy: false, again: false };
}

export function loadOverview() {
  const request = gate.current;
  if (request.busy) {
    request.again = true;
    return;
  }
  request.busy = true;
  request.again = false;
  staffApi.overview().then(
    (body) => {
      request.busy = false;
      renderOverview(body || { agents: [], queues: [] });
      if (request.again && request === gate.current) loadOverview();
    },
    (/** @type {unknown} */ reason) => {
      const error = asHttpError(reason);
      request.busy = false;
      if (error.ignore) return;
      if (error.status === 403) {
        $('overview').hidden = true;
        $('nav-overview').hidden = true;
        return;
      }
      $('overview-error').hidden = false;
    },
  );
}

function renderOverview(/** @type {OverviewView} */ body) {
  $('overview-error').hidden = true;
  const agents = tableBody('overview-agents');
  agents.textContent = '';
  for (const agent of Array.isArray(body.agents) ? body.agents : []) {
    agents.appendChild(
      el('tr', {}, [
        el('th', { scope: 'row', text: agent.name || agent.id || '' }),
        el('td', { text: roleName(agent.role) }),
        el('td', { text: T.status[agent.onDuty ? agent.status : 'signed-out'] ?? '' }),
        el('td', { text: String(agent.conversations === undefined ? T.none : agent.conversations) }),
      ]),
    );
  }
  const queues = tableBody('overview-queues');
  queues.textContent = '';
  for (const q of Array.isArray(body.queues) ? body.queues : []) {
    const oldest = q.oldestEnqueuedAt
      ? el('td', { 'data-since': q.oldestEnqueuedAt, text: duration(q.oldestEnqueuedAt) })
      : el('td', { text: T.none });
    queues.appendChild(
      el('tr', {}, [
        el('th', { scope: 'row', text: q.id || '' }),
        el('td', { text: String(q.waiting === undefined ? T.none : q.waiting) }),
        oldest,
        el('td', { text: String(q.agentsOnDuty === undefined ? T.none : q.agentsOnDuty) }),
      ]),
    );
  }
}

function tableBody(/** @type {string} */ tableId) {
  const body = $(tableId, HTMLTableElement).tBodies[0];
  if (!body) throw new Error(`#${tableId} has no <tbody>`);
  return body;
}

/** The "Længst ventet" column moves on between snapshots too. */
export function refreshOverviewTimes() {
  for (const node of document.querySelectorAll('#overview-queues [data-since]')) {
    node.textContent = duration(node.getAttribute('data-since'));
  }
}

/** @param {string} role */
function roleName(role) {
  if (role === 'admin') return T.roleAdmin;
  return role === 'editor' ? T.roleEditor : T.roleAgent;
}
