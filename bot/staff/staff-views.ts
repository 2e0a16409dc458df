import type { Activity, ChannelAccount } from 'botbuilder';
import { z } from 'zod';
import type { KnowledgeBase } from '../../knowledge/load-knowledge-base';
import { HandoffStatusSchema, type HandoffStatus } from '../dialogue/reply';
import { DEPARTURE_SHOWN_MS, type DepartureReason } from '../handoff/citizen-presence';
import type { Agent, HandoffDesk } from '../handoff/handoff-desk';
import type { AgentStatus, Assignment, QueueEntry } from '../handoff/handoff-queue';
import type { StaffNote } from '../handoff/staff-notes';
import type { StaffAccount, StaffDirectory } from './staff-directory';
import type { StaffRecords } from './staff-records';

/** One line of the transcript as the console shows it. Texts are as stored: already redacted. */
export interface TranscriptItem {
  readonly id: string;
  readonly from: 'citizen' | 'assistant' | 'staff' | 'system';
  readonly name: string;
  readonly text: string;
  readonly at: string;
}

const HandoffContextSchema = z.object({
  reason: z.enum(['asked', 'fallbacks', 'unhelpful']),
  intents: z.array(z.object({ id: z.string(), score: z.number() })),
  guides: z.array(z.object({ title: z.string(), url: z.string() })),
});

const StaffChannelDataSchema = z.object({ staff: z.object({ name: z.string() }) });

/** Lines for the handoff states worth showing staff; position updates are not. */
const SYSTEM_LINES: Partial<Record<HandoffStatus['state'], (status: HandoffStatus) => string | undefined>> = {
  accepted: (s) => `${s.state === 'accepted' ? s.agentName : 'En medarbejder'} overtog samtalen.`,
  completed: () => 'Medarbejderen afsluttede samtalen.',
  returned: () => 'Borgeren blev givet tilbage til assistenten.',
  cancelled: () => 'Borgeren forlod køen.',
  callbackRequested: () => 'Borgeren bad om at blive ringet op.',
  outOfHours: () => 'Borgeren bad om en medarbejder uden for åbningstiden.',
  citizenAway: () => 'Borgeren har lukket chatten. Du kan afslutte samtalen.',
  citizenLeft: () => 'Borgeren startede en ny samtale og har forladt denne.',
  queued: (s) =>
    s.state === 'queued' && s.reason === 'agent-dropped'
      ? 'Medarbejderens forbindelse blev afbrudt; samtalen kom tilbage i køen.'
      : undefined,
};

/**
 * An activity as the store reads it back from JSON: Bot Framework's type promises fields, the
 * sender and its id among them, that a stored activity may lack.
 */
export type StoredActivity = Partial<Omit<Activity, 'from'>> & { readonly from?: Partial<ChannelAccount> };

/** Whether the citizen sent it. */
export function fromCitizen(activity: StoredActivity): boolean {
  return activity.from?.role === 'user';
}

/** A stored activity as a transcript line, or undefined for what staff need not see (typing, position updates). */
export function transcriptItem(activity: StoredActivity): TranscriptItem | undefined {
  const id = activity.id ?? '';
  const at = activity.timestamp ? new Date(activity.timestamp).toISOString() : new Date(0).toISOString();
  if (activity.type === 'event' && activity.name === 'handoff.status') {
    const status = HandoffStatusSchema.safeParse(activity.value);
    const text = status.success ? SYSTEM_LINES[status.data.state]?.(status.data) : undefined;
    return text ? { id, from: 'system', name: 'System', text, at } : undefined;
  }
  if (activity.type !== 'message') return undefined;
  const text = [activity.text ?? '', ...cardTexts(activity)].filter((part) => part.trim() !== '').join('\n');
  if (fromCitizen(activity)) return { id, from: 'citizen', name: 'Borger', text, at };
  const staff = StaffChannelDataSchema.safeParse(activity.channelData);
  if (activity.from?.id?.startsWith('staff:') && staff.success)
    return { id, from: 'staff', name: staff.data.staff.name, text, at };
  return { id, from: 'assistant', name: 'Assistent', text, at };
}

function transcriptOf(activities: readonly Partial<Activity>[]): TranscriptItem[] {
  return activities.flatMap((activity) => transcriptItem(activity) ?? []);
}

/** Guide cards and related-topic cards, as plain lines, so staff see what the citizen was shown. */
function cardTexts(activity: StoredActivity): string[] {
  return (activity.attachments ?? []).flatMap((attachment) => {
    const card = z.object({ title: z.string().optional(), text: z.string().optional() }).safeParse(attachment.content);
    if (!card.success) return [];
    return [[card.data.title, card.data.text].filter(Boolean).join(': ')];
  });
}

export interface Named {
  readonly id: string;
  readonly title: string;
}

export interface WaitingView {
  readonly conversationId: string;
  readonly queueId: string;
  readonly municipality: { readonly id: string; readonly name: string };
  readonly language: 'da' | 'en';
  readonly topic: Named | null;
  readonly enqueuedAt: string;
  readonly position: number;
  readonly returned: boolean;
}

export interface AssignmentSummary {
  readonly conversationId: string;
  readonly municipality: { readonly id: string; readonly name: string };
  readonly language: 'da' | 'en';
  readonly topic: Named | null;
  readonly claimedAt: string;
}

/** A colleague who serves one of the agent's queues, as the console lists them. */
export interface ColleagueView {
  readonly id: string;
  readonly name: string;
  /** Signed out: no console connected. */
  readonly status: AgentStatus | 'signed-out';
  readonly conversations: number;
}

/** A citizen who left the queue unserved a little while ago, and why; shown in the queue for a few minutes. */
export interface LeftView {
  readonly id: string;
  readonly queueId: string;
  readonly municipality: { readonly id: string; readonly name: string };
  readonly reason: DepartureReason;
  readonly at: string;
  readonly waitedSeconds: number;
}

export interface Snapshot {
  readonly queue: readonly WaitingView[];
  /** Citizens who left the agent's queues in the last few minutes, newest first. */
  readonly left: readonly LeftView[];
  readonly mine: readonly AssignmentSummary[];
  /** Available agents on duty (the most in any of the agent's queues). */
  readonly onDuty: number;
  readonly callbacks: number;
  /** The agent's own status, and after how many idle minutes the console sets it to away (0: never). */
  readonly presence: { readonly status: AgentStatus; readonly awayAfterMinutes: number };
  readonly colleagues: readonly ColleagueView[];
}

export interface ConversationView extends AssignmentSummary {
  readonly queueId: string;
  readonly enqueuedAt: string;
  readonly context: {
    readonly reason: 'asked' | 'fallbacks' | 'unhelpful';
    readonly intents: readonly { readonly id: string; readonly title: string; readonly score: number }[];
    readonly guides: readonly { readonly title: string; readonly url: string }[];
  };
  readonly transcript: readonly TranscriptItem[];
  readonly notes: readonly StaffNote[];
}

/** The chat behind a callback request, for staff to read before they call. */
export interface CallbackConversationView {
  readonly conversationId: string;
  readonly transcript: readonly TranscriptItem[];
}

const TRANSCRIPT_LIMIT = 1000;

/** What the console shows, built from the desk's queue and the conversation store. */
export class StaffViews {
  constructor(
    private readonly desk: HandoffDesk,
    private readonly records: StaffRecords,
    private readonly knowledge: () => KnowledgeBase | undefined,
    private readonly directory: Pick<StaffDirectory, 'accounts'>,
    private readonly awayAfterMinutes: number,
  ) {}

  async snapshot(agent: Agent & { readonly id: string }, now: Date): Promise<Snapshot> {
    const queues = this.desk.queuesOf(agent);
    const colleagues = this.colleaguesOf(agent, queues);
    const [waiting, left, mine, onDuty, callbacks, presence, held] = await Promise.all([
      this.records.queue.waiting(queues),
      this.records.presence.departures(queues, new Date(now.getTime() - DEPARTURE_SHOWN_MS)),
      this.records.queue.assignmentsOf(agent.id),
      Promise.all(queues.map((queueId) => this.records.queue.agentsOnDuty(queueId, now))),
      this.records.callbacks.count(queues),
      this.records.queue.presenceOf([agent.id, ...colleagues.map((c) => c.id)], now),
      Promise.all(colleagues.map((c) => this.records.queue.assignmentsOf(c.id))),
    ]);
    const positions = new Map<string, number>();
    return {
      queue: waiting.map((entry) => {
        const position = (positions.get(entry.queueId) ?? 0) + 1;
        positions.set(entry.queueId, position);
        return {
          ...this.summary(entry),
          queueId: entry.queueId,
          enqueuedAt: entry.enqueuedAt,
          position,
          returned: entry.returnedAt !== undefined,
        };
      }),
      left: left
        .filter((departure) => !departure.withAgent)
        .map((departure) => ({
          id: departure.id,
          queueId: departure.queueId,
          municipality: this.municipality(departure.municipalityId),
          reason: departure.reason,
          at: departure.at,
          waitedSeconds: departure.waitedSeconds,
        })),
      mine: mine.map((assignment) => ({ ...this.summary(assignment.entry), claimedAt: assignment.claimedAt })),
      onDuty: Math.max(0, ...onDuty),
      callbacks,
      presence: { status: presence.get(agent.id)?.status ?? 'available', awayAfterMinutes: this.awayAfterMinutes },
      colleagues: colleagues.map((colleague, index) => {
        const seen = presence.get(colleague.id);
        return {
          id: colleague.id,
          name: colleague.name,
          status: seen?.connected ? seen.status : 'signed-out',
          conversations: held[index]?.length ?? 0,
        };
      }),
    };
  }

  /** Everyone else who serves one of these queues (an admin serves them all), by name. */
  private colleaguesOf(agent: { readonly id: string }, queues: readonly string[]): readonly StaffAccount[] {
    return this.directory
      .accounts()
      .filter((other) => other.id !== agent.id && this.desk.queuesOf(other).some((q) => queues.includes(q)))
      .sort((a, b) => a.name.localeCompare(b.name, 'da'));
  }

  async conversation(assignment: Assignment): Promise<ConversationView> {
    const { entry } = assignment;
    const page = await this.records.conversations.activitiesAfter(entry.conversationId, '', TRANSCRIPT_LIMIT);
    const initiate = [...page.activities].reverse().find((a) => a.type === 'event' && a.name === 'handoff.initiate');
    const context = HandoffContextSchema.safeParse(initiate?.value);
    const notes = await this.records.notes.list(entry.conversationId);
    return {
      ...this.summary(entry),
      claimedAt: assignment.claimedAt,
      queueId: entry.queueId,
      enqueuedAt: entry.enqueuedAt,
      context: context.success
        ? {
            reason: context.data.reason,
            intents: context.data.intents.map((intent) => ({ ...intent, title: this.intentTitle(intent.id) })),
            guides: context.data.guides,
          }
        : { reason: 'asked', intents: [], guides: [] },
      transcript: transcriptOf(page.activities),
      notes,
    };
  }

  /** The transcript of a conversation behind a callback request; undefined when it is no longer kept (deleted or expired). */
  async callbackConversation(conversationId: string): Promise<CallbackConversationView | undefined> {
    if (!(await this.records.conversations.getConversation(conversationId))) return undefined;
    const page = await this.records.conversations.activitiesAfter(conversationId, '', TRANSCRIPT_LIMIT);
    return { conversationId, transcript: transcriptOf(page.activities) };
  }

  private summary(entry: QueueEntry): Omit<AssignmentSummary, 'claimedAt'> {
    return {
      conversationId: entry.conversationId,
      municipality: this.municipality(entry.municipalityId),
      language: entry.language,
      topic: entry.topic ? { id: entry.topic, title: this.intentTitle(entry.topic) } : null,
    };
  }

  private municipality(id: string): { id: string; name: string } {
    return { id, name: this.knowledge()?.municipalities.get(id)?.name ?? id };
  }

  /** Staff read Danish titles. */
  private intentTitle(id: string): string {
    return this.knowledge()?.intents.get(id)?.title.da ?? id;
  }
}
