import type { InsightSink } from '../insight/insight-sink';
import type { KnowledgeBase } from '../../knowledge/load-knowledge-base';
import { handoffQueueOf } from '../../knowledge/municipality-profile';
import type { Logger } from '../runtime/logger';
import type { CallbackRequestStore } from './callback-request-store';
import { newDeparture, type CitizenPresence, type Departure, type DepartureReason } from './citizen-presence';
import type { CitizenConversations } from './citizen-conversations';
import type {
  Availability,
  CallbackRequestInput,
  CitizenHandoff,
  HandoffSituation,
  QueueRequest,
} from './citizen-handoff';
import { HandoffError } from './handoff-error';
import type { HandoffNotice } from './handoff-notice';
import type { AgentStatus, Assignment, HandoffQueue, QueueEntry } from './handoff-queue';
import type { StaffNotes } from './staff-notes';
import type { StaffedHours } from './staffed-hours';
import { estimateWaitMinutes } from './wait-estimate';
import type { WrapUp } from './wrap-up-codes';

/** Who is acting on the staff side: what the desk needs of a staff account. */
export interface Agent {
  readonly id: string;
  /** First name, shown to the citizen with "(medarbejder)". */
  readonly name: string;
  /** An editor serves only the queues listed (usually none: the staff API then refuses queue actions); a manager none. */
  readonly role: 'agent' | 'editor' | 'manager' | 'admin';
  readonly queues: readonly string[];
  readonly maxConversations: number;
}

/** The sweep's time limits. */
export interface TidyLimits {
  /** A citizen waiting this long is offered the phone and a callback (once). */
  readonly waitOfferMs: number;
  /** A citizen whose chat has been gone this long leaves the queue, or is reported to their agent. */
  readonly citizenGraceMs: number;
}

/** Why a citizen leaves of their own accord, as the widget and the dialogue report it. */
export type CitizenExit = Extract<DepartureReason, 'left' | 'callback' | 'started-over' | 'deleted'>;

export interface HandoffDeskParts {
  readonly queue: HandoffQueue;
  /** The citizens' conversations, to tell them what happens and to write the staff's messages. */
  readonly conversations: CitizenConversations;
  readonly callbacks: CallbackRequestStore;
  /** When each citizen's chat was last seen, and who left the queue and why (shown to staff). */
  readonly presence: CitizenPresence;
  readonly notes: StaffNotes;
  readonly staffedHours: StaffedHours;
  readonly knowledge: () => KnowledgeBase | undefined;
  /** An agent's first name by id (for "Anna (medarbejder) has taken over"). */
  readonly agentName: (agentId: string) => string;
  readonly callbackRetentionHours: number;
  readonly logger: Logger;
  /** Insight events for the queue's lifecycle (queued, claimed, ended, abandoned, callback); text-free. */
  readonly insight?: InsightSink;
  /** Told each claim's wait (queued → claimed), for the operations metrics. */
  readonly onClaimed?: (queueId: string, waitedSeconds: number) => void;
}

/**
 * The staffed queue's front desk: the citizen side (CitizenHandoff, used by the dialogue) and the
 * staff side (claim, write, end; used by the staff API) over one HandoffQueue. What the citizen is
 * told goes through CitizenConversations, which words it and writes it into their conversation.
 */
export class HandoffDesk implements CitizenHandoff {
  /** Last position and estimate told to each waiting citizen from this instance: unchanged ones are not repeated. */
  private readonly told = new Map<string, string>();

  constructor(private readonly parts: HandoffDeskParts) {}

  get callbackRetentionHours(): number {
    return this.parts.callbackRetentionHours;
  }

  // --- the citizen's side -----------------------------------------------------------------

  async situation(conversationId: string, now: Date): Promise<HandoffSituation> {
    const assignment = await this.parts.queue.assignment(conversationId);
    if (assignment) return { kind: 'with-agent', agentName: this.parts.agentName(assignment.agentId) };
    const entry = await this.parts.queue.waitingEntry(conversationId);
    if (!entry) return { kind: 'none' };
    const position = (await this.parts.queue.position(conversationId)) ?? 1;
    return { kind: 'waiting', position, estimatedWaitMinutes: await this.estimate(entry.queueId, position, now) };
  }

  availability(municipalityId: string, now: Date): Availability {
    const profile = this.parts.knowledge()?.municipalities.get(municipalityId);
    if (!profile) return { staffed: false, nextOpening: undefined };
    if (this.parts.staffedHours.isStaffed(profile, now)) return { staffed: true };
    return { staffed: false, nextOpening: this.parts.staffedHours.nextStaffed(profile, now) };
  }

  async canHandOff(conversationId: string): Promise<boolean> {
    // Only conversations on our own channel can be taken over; the staff console writes into them.
    return this.parts.conversations.exists(conversationId);
  }

  async enqueue(
    request: QueueRequest,
    now: Date,
  ): Promise<{ position: number; estimatedWaitMinutes: number | undefined }> {
    const queueId = this.queueOf(request.municipalityId);
    await this.parts.queue.enqueue({
      conversationId: request.conversationId,
      queueId,
      municipalityId: request.municipalityId,
      language: request.language,
      ...(request.topic ? { topic: request.topic } : {}),
      enqueuedAt: now.toISOString(),
    });
    const position = (await this.parts.queue.position(request.conversationId)) ?? 1;
    const estimatedWaitMinutes = await this.estimate(queueId, position, now);
    this.told.set(request.conversationId, `${position}/${estimatedWaitMinutes ?? '-'}`);
    this.parts.insight?.record(
      request.conversationId,
      { kind: 'handoff-queued', municipalityId: request.municipalityId, queueId },
      // Enqueueing a conversation that already waits keeps its place: one event per wait.
      (await this.parts.queue.waitingEntry(request.conversationId))?.enqueuedAt ?? now.toISOString(),
    );
    this.logger.info(
      { handoff: { event: 'queued', queueId, municipalityId: request.municipalityId, position } },
      'handoff queued',
    );
    return { position, estimatedWaitMinutes };
  }

  async leaveQueue(conversationId: string, now: Date): Promise<boolean> {
    return (await this.removeWaiting(conversationId, 'left', now)) !== undefined;
  }

  /**
   * The citizen is done with this conversation ("Start forfra", "Slet samtalen"): out of the queue,
   * and away from an agent who holds it (their console is told why). Quietly nothing otherwise.
   */
  async citizenLeft(conversationId: string, reason: CitizenExit, now: Date): Promise<void> {
    const erasing = reason === 'deleted';
    const entry = await this.removeWaiting(conversationId, reason, now);
    // A conversation about to be deleted gets nothing more written into it.
    if (entry && !erasing) await this.tell(entry, { kind: 'citizen-left' });
    const assignment = await this.parts.queue.assignment(conversationId);
    if (!assignment) return;
    // The reason goes first, so the agent's console knows why when the conversation leaves it
    // (erasing the conversation deletes it again with the rest).
    await this.parts.presence.departed(
      conversationId,
      newDeparture({ ...departureOf(assignment.entry, reason, now), withAgent: true }),
    );
    if (!erasing) await this.tell(assignment.entry, { kind: 'citizen-left' });
    const completed = await this.parts.queue.complete(conversationId, assignment.agentId, now);
    if (!completed) return;
    this.recordEnded(completed, now, 'citizen-left');
    this.logger.info(
      { handoff: { event: 'citizen-left', queueId: completed.entry.queueId, reason } },
      'citizen left their agent',
    );
    this.afterChange(completed.entry.queueId, now);
  }

  async requestCallback(request: CallbackRequestInput, now: Date): Promise<void> {
    await this.parts.callbacks.add({ ...request, queueId: this.queueOf(request.municipalityId) }, now);
    // Served by a call instead of the chat: out of the queue (staff see why), but not abandoned.
    await this.removeWaiting(request.conversationId, 'callback', now);
    this.parts.insight?.record(
      request.conversationId,
      { kind: 'callback-requested', municipalityId: request.municipalityId },
      now.toISOString(),
    );
    this.logger.info(
      { handoff: { event: 'callback-requested', municipalityId: request.municipalityId } },
      'callback requested',
    );
  }

  // --- the staff side ---------------------------------------------------------------------

  /** Takes a waiting conversation (or the next one) for the agent and tells the citizen who joined. */
  async claim(agent: Agent, conversationId: string | undefined, now: Date): Promise<Assignment> {
    const [held, presence] = await Promise.all([
      this.parts.queue.assignmentsOf(agent.id),
      this.parts.queue.presenceOf([agent.id], now),
    ]);
    const status = presence.get(agent.id)?.status ?? 'available';
    if (status !== 'available') {
      throw new HandoffError('not_available', `Your status is "${status}": set it to available to take a citizen.`);
    }
    if (held.length >= agent.maxConversations) {
      throw new HandoffError(
        'limit_reached',
        `You already have ${held.length} conversations (your limit is ${agent.maxConversations}).`,
      );
    }
    let assignment: Assignment | undefined;
    if (conversationId === undefined) {
      assignment = await this.parts.queue.claimNext(this.queuesOf(agent), agent.id, now);
      if (!assignment) throw new HandoffError('queue_empty', 'Nobody is waiting.');
    } else {
      const entry = await this.parts.queue.waitingEntry(conversationId);
      if (entry && !this.mayServe(agent, entry.queueId))
        throw new HandoffError('not_allowed', 'That conversation is in a queue you do not serve.');
      assignment = entry ? await this.parts.queue.claim(conversationId, agent.id, now) : undefined;
      if (!assignment)
        throw new HandoffError(
          'not_waiting',
          'The citizen is no longer waiting: a colleague took the conversation, or the citizen left.',
        );
    }
    const { entry } = assignment;
    this.told.delete(entry.conversationId);
    this.parts.insight?.record(
      entry.conversationId,
      {
        kind: 'handoff-claimed',
        municipalityId: entry.municipalityId,
        queueId: entry.queueId,
        waitSeconds: secondsBetween(entry.enqueuedAt, assignment.claimedAt),
      },
      assignment.claimedAt,
    );
    const waitedMs = now.getTime() - Date.parse(entry.enqueuedAt);
    this.logger.info({ handoff: { event: 'accepted', queueId: entry.queueId, waitedMs } }, 'handoff accepted');
    this.parts.onClaimed?.(entry.queueId, waitedMs / 1000);
    await this.tell(entry, { kind: 'agent-joined', agentName: agent.name });
    this.afterChange(entry.queueId, now);
    return assignment;
  }

  /** The assignment, if this agent may act on it (its holder; an admin may look at any). */
  async heldBy(agent: Agent, conversationId: string, purpose: 'read' | 'write'): Promise<Assignment> {
    const assignment = await this.parts.queue.assignment(conversationId);
    if (!assignment || (assignment.agentId !== agent.id && !(purpose === 'read' && agent.role === 'admin'))) {
      throw new HandoffError('not_yours', 'You do not have that conversation.');
    }
    return assignment;
  }

  async sendMessage(agent: Agent, conversationId: string, text: string): Promise<string> {
    await this.heldBy(agent, conversationId, 'write');
    return this.parts.conversations.writeFromAgent(conversationId, agent, text);
  }

  async typing(agent: Agent, conversationId: string): Promise<void> {
    await this.heldBy(agent, conversationId, 'write');
    await this.parts.conversations.typingFromAgent(conversationId, agent);
  }

  /** The agent ends the conversation: the assistant thanks the citizen and asks how it went. */
  async end(agent: Agent, conversationId: string, now: Date, wrapUp: WrapUp = {}): Promise<void> {
    await this.finish(agent, conversationId, now, 'ended', wrapUp);
  }

  /** The agent hands the citizen back to the assistant. */
  async returnToAssistant(agent: Agent, conversationId: string, now: Date): Promise<void> {
    await this.finish(agent, conversationId, now, 'returned');
  }

  /**
   * Available, away or on a break: only available agents take new citizens and count in the wait
   * estimates, which the waiting citizens of the agent's queues are told again.
   */
  async setStatus(agent: Agent, status: AgentStatus, now: Date): Promise<void> {
    await this.parts.queue.setStatus(agent.id, status, now);
    this.logger.info({ staff: { event: 'status', agent: agent.id, status } }, 'staff status changed');
    for (const queueId of this.queuesOf(agent)) this.afterChange(queueId, now);
  }

  /** Signing out ends duty at once; conversations still held go back to the front of the queue. */
  async signOff(agentId: string, now: Date): Promise<void> {
    await this.parts.queue.signOff(agentId);
    for (const assignment of await this.parts.queue.assignmentsOf(agentId)) await this.returnToQueue(assignment, now);
  }

  /**
   * Puts a conversation whose agent has gone back at the front of the queue and tells the citizen.
   * Safe to call from several instances at once: only the one whose release succeeds tells.
   */
  async returnToQueue(assignment: Assignment, now: Date): Promise<void> {
    const entry = await this.parts.queue.release(assignment.entry.conversationId, assignment.agentId, now);
    if (!entry) return;
    const position = (await this.parts.queue.position(entry.conversationId)) ?? 1;
    this.logger.info(
      { handoff: { event: 'requeued', queueId: entry.queueId, reason: 'agent-dropped' } },
      'conversation returned to the queue',
    );
    await this.tell(entry, {
      kind: 'agent-dropped',
      position,
      estimatedWaitMinutes: await this.estimate(entry.queueId, position, now),
    });
    this.afterChange(entry.queueId, now);
  }

  /** The one-time offer of the phone and a callback to a citizen who has waited long. */
  async offerAlternatives(entry: QueueEntry): Promise<void> {
    if (!(await this.parts.queue.markWaitOffered(entry.conversationId))) return;
    await this.tell(entry, { kind: 'long-wait' });
  }

  /**
   * Housekeeping (the sweeper calls it every few seconds on every instance): conversations the citizen
   * deleted or that expired are let go, agents gone off duty give theirs back, citizens whose chat
   * has been gone citizenGraceMs leave the queue (or are reported to their agent), and citizens who
   * have waited waitOfferMs are offered the phone and a callback once.
   */
  async tidy(now: Date, limits: TidyLimits): Promise<void> {
    const { queue, conversations } = this.parts;
    for (const assignment of await queue.allAssignments()) {
      const conversationId = assignment.entry.conversationId;
      if (!(await conversations.exists(conversationId))) {
        await queue.complete(conversationId, assignment.agentId, now);
      } else if (!(await queue.isOnDuty(assignment.agentId, now))) {
        await this.returnToQueue(assignment, now);
      } else {
        await this.reportIfAway(assignment, now, limits.citizenGraceMs);
      }
    }
    for (const entry of await queue.waiting(this.allQueues())) {
      if (!(await conversations.exists(entry.conversationId))) {
        // Only the instance whose cancel takes the entry counts it.
        await this.removeWaiting(entry.conversationId, 'expired', now);
      } else if (await this.goneSince(entry.conversationId, entry, now, limits.citizenGraceMs)) {
        const removed = await this.removeWaiting(entry.conversationId, 'closed', now);
        // Read if they come back to the conversation.
        if (removed) await this.tell(removed, { kind: 'gone-from-queue' });
      } else if (!entry.returnedAt && now.getTime() - Date.parse(entry.enqueuedAt) >= limits.waitOfferMs) {
        await this.offerAlternatives(entry);
      }
    }
  }

  /**
   * The citizen's chat has been gone past the grace period while an agent holds the conversation:
   * the agent is told once per absence. The conversation is not ended for them: the citizen may be
   * on a locked phone and come back, and the agent, who can see the whole conversation, decides.
   */
  private async reportIfAway(assignment: Assignment, now: Date, graceMs: number): Promise<void> {
    const conversationId = assignment.entry.conversationId;
    const since = await this.goneSince(conversationId, assignment, now, graceMs);
    if (!since || !(await this.parts.presence.markAway(conversationId, since))) return;
    this.logger.info({ handoff: { event: 'citizen-away', queueId: assignment.entry.queueId } }, 'citizen chat gone');
    await this.tell(assignment.entry, { kind: 'citizen-away' });
  }

  /**
   * When the citizen was last there, if that is more than `graceMs` ago (else undefined). A
   * conversation never seen counts from when it joined the queue, was returned to it, or was taken.
   */
  private async goneSince(
    conversationId: string,
    since: { enqueuedAt?: string; returnedAt?: string; claimedAt?: string },
    now: Date,
    graceMs: number,
  ): Promise<Date | undefined> {
    const seen = await this.parts.presence.lastSeen(conversationId);
    const last = Math.max(
      seen?.getTime() ?? 0,
      ...[since.enqueuedAt, since.returnedAt, since.claimedAt].map((at) => (at ? Date.parse(at) : 0)),
    );
    return now.getTime() - last > graceMs ? new Date(last) : undefined;
  }

  /** Tells every waiting citizen in the queue their place and estimated wait, where it changed. */
  async tellPositions(queueId: string, now: Date): Promise<void> {
    const waiting = await this.parts.queue.waiting([queueId]);
    const [agents, times] = await Promise.all([
      this.parts.queue.agentsOnDuty(queueId, now),
      this.parts.queue.recentHandlingTimes(queueId),
    ]);
    await Promise.all(
      waiting.map(async (entry, index) => {
        const position = index + 1;
        const estimatedWaitMinutes = estimateWaitMinutes({
          position,
          agentsOnDuty: agents,
          recentHandlingTimesMs: times,
        });
        const key = `${position}/${estimatedWaitMinutes ?? '-'}`;
        if (this.told.get(entry.conversationId) === key) return;
        this.told.set(entry.conversationId, key);
        await this.tell(entry, { kind: 'position', position, estimatedWaitMinutes });
      }),
    );
  }

  /** Whether the account works the staffed queue at all (an editor without queues does not). */
  servesQueues(agent: Agent): boolean {
    return this.queuesOf(agent).length > 0;
  }

  queuesOf(agent: Agent): string[] {
    if (agent.role !== 'admin') return [...agent.queues];
    // An admin sees every queue the knowledge base has.
    return [...new Set([...agent.queues, ...this.allQueues()])];
  }

  allQueues(): string[] {
    const municipalities = this.parts.knowledge()?.municipalities;
    return municipalities ? [...new Set([...municipalities.values()].map(handoffQueueOf))] : [];
  }

  /** Citizens waiting in each queue of the knowledge base (zeros included), for the operations metrics. */
  async queueLengths(): Promise<Map<string, number>> {
    const queues = this.allQueues();
    const lengths = new Map(queues.map((queueId) => [queueId, 0]));
    for (const entry of await this.parts.queue.waiting(queues)) {
      lengths.set(entry.queueId, (lengths.get(entry.queueId) ?? 0) + 1);
    }
    return lengths;
  }

  queueOf(municipalityId: string): string {
    const profile = this.parts.knowledge()?.municipalities.get(municipalityId);
    return profile ? handoffQueueOf(profile) : municipalityId;
  }

  async estimate(queueId: string, position: number, now: Date): Promise<number | undefined> {
    const [agents, times] = await Promise.all([
      this.parts.queue.agentsOnDuty(queueId, now),
      this.parts.queue.recentHandlingTimes(queueId),
    ]);
    return estimateWaitMinutes({ position, agentsOnDuty: agents, recentHandlingTimesMs: times });
  }

  private mayServe(agent: Agent, queueId: string): boolean {
    return this.queuesOf(agent).includes(queueId);
  }

  private async finish(
    agent: Agent,
    conversationId: string,
    now: Date,
    how: 'ended' | 'returned',
    wrapUp: WrapUp = {},
  ): Promise<void> {
    const assignment = await this.parts.queue.complete(conversationId, agent.id, now);
    if (!assignment) throw new HandoffError('not_yours', 'You do not have that conversation.');
    this.recordEnded(assignment, now, how, wrapUp);
    this.logger.info(
      {
        handoff: {
          event: how,
          queueId: assignment.entry.queueId,
          handledMs: now.getTime() - Date.parse(assignment.claimedAt),
        },
      },
      `handoff ${how}`,
    );
    await this.tell(assignment.entry, { kind: how });
    // Handling times changed, and with them everyone's estimate.
    this.afterChange(assignment.entry.queueId, now);
  }

  private recordEnded(
    assignment: Assignment,
    now: Date,
    outcome: 'ended' | 'returned' | 'citizen-left',
    wrapUp: WrapUp = {},
  ): void {
    this.parts.insight?.record(
      assignment.entry.conversationId,
      {
        kind: 'handoff-ended',
        municipalityId: assignment.entry.municipalityId,
        queueId: assignment.entry.queueId,
        outcome,
        waitSeconds: secondsBetween(assignment.entry.enqueuedAt, assignment.claimedAt),
        handlingSeconds: secondsBetween(assignment.claimedAt, now.toISOString()),
        ...(wrapUp.topic ? { wrapUpTopic: wrapUp.topic } : {}),
        ...(wrapUp.outcome ? { wrapUpOutcome: wrapUp.outcome } : {}),
      },
      assignment.claimedAt,
    );
  }

  /**
   * Takes a waiting citizen out of the queue for a reason, once (only the caller whose cancel takes
   * the entry goes on): counted for insight, and shown to staff in the queue for a few minutes.
   */
  private async removeWaiting(
    conversationId: string,
    reason: DepartureReason,
    now: Date,
  ): Promise<QueueEntry | undefined> {
    const entry = await this.parts.queue.cancel(conversationId);
    if (!entry) return undefined;
    this.told.delete(conversationId);
    this.abandoned(entry, reason, now);
    this.logger.info({ handoff: { event: 'cancelled', queueId: entry.queueId, reason } }, 'citizen left the queue');
    try {
      // No conversation id for a deleted conversation: nothing kept may point to it.
      await this.parts.presence.departed(
        reason === 'deleted' || reason === 'expired' ? undefined : conversationId,
        newDeparture(departureOf(entry, reason, now)),
      );
      // The queue's own hint may have been read before the departure was written.
      await this.parts.queue.announce(entry.queueId);
    } catch (error) {
      // The citizen has left the queue either way; only the console's line about it is missing.
      this.logger.warn(
        { err: { message: error instanceof Error ? error.message : String(error) }, queueId: entry.queueId },
        'recording a departure failed',
      );
    }
    this.afterChange(entry.queueId, now);
    return entry;
  }

  /** A citizen who left the queue unclaimed, and why; one who chose a callback is counted as a callback instead. */
  private abandoned(entry: QueueEntry, reason: DepartureReason, now: Date): void {
    if (reason === 'callback') return;
    this.parts.insight?.record(
      entry.conversationId,
      {
        kind: 'handoff-abandoned',
        municipalityId: entry.municipalityId,
        queueId: entry.queueId,
        waitSeconds: secondsBetween(entry.enqueuedAt, now.toISOString()),
        reason,
      },
      entry.enqueuedAt,
    );
  }

  private async tell(entry: QueueEntry, notice: HandoffNotice): Promise<void> {
    await this.parts.conversations.tell(entry.conversationId, entry.municipalityId, entry.language, notice);
  }

  /** Position updates for the rest of the queue, in the background: the caller's request is done. */
  private afterChange(queueId: string, now: Date): void {
    this.tellPositions(queueId, now).catch((error: unknown) => {
      this.logger.warn(
        { err: { message: error instanceof Error ? error.message : String(error) }, queueId },
        'telling queue positions failed',
      );
    });
  }

  private get logger(): Logger {
    return this.parts.logger;
  }
}

function departureOf(entry: QueueEntry, reason: DepartureReason, now: Date): Omit<Departure, 'id'> {
  return {
    queueId: entry.queueId,
    municipalityId: entry.municipalityId,
    reason,
    at: now.toISOString(),
    waitedSeconds: secondsBetween(entry.enqueuedAt, now.toISOString()),
    withAgent: false,
  };
}

function secondsBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}
