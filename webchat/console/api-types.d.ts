/**
 * The shapes the staff API sends (API.md), for the console's type check (tsconfig.console.json).
 *
 * Most are the server's own types, imported, so a change on the server that the console does not
 * follow fails `npm run typecheck:console`. The few shapes the server builds inline in
 * staff-routes.ts and staff-event-stream.ts have no exported type there; they are written out
 * below and must be kept in step with those files and API.md.
 */
import type { CallbackRequest } from '../../bot/handoff/callback-request-store';
import type { StaffAccount } from '../../bot/staff/staff-directory';
import type { TranscriptItem } from '../../bot/staff/staff-views';

export type { AgentStatus } from '../../bot/handoff/handoff-queue';
export type {
  AssignmentSummary,
  CallbackConversationView,
  ColleagueView,
  ConversationView,
  LeftView,
  Named,
  Snapshot,
  TranscriptItem,
  WaitingView,
} from '../../bot/staff/staff-views';
export type { StaffNote as Note } from '../../bot/handoff/staff-notes';
export type { CannedReply } from '../../bot/staff/staff-directory';

/** GET/POST /session (publicAgent in staff-routes.ts). */
export interface SessionView {
  readonly agent: AgentView;
  readonly csrfToken: string;
}

export type AgentView = Readonly<Pick<StaffAccount, 'id' | 'name' | 'role' | 'queues' | 'maxConversations'>>;

/** GET /callbacks. */
export interface CallbacksView {
  readonly callbacks: readonly CallbackView[];
}

export type CallbackView = Readonly<Pick<CallbackRequest, 'id' | 'language' | 'phone' | 'message' | 'createdAt'>> & {
  readonly municipality: { readonly id: string; readonly name: string };
  /** The chat the request came from; null for requests from before it was recorded. */
  readonly conversationId: string | null;
};

/** GET /overview (admins). */
export interface OverviewView {
  readonly agents: readonly {
    readonly id: string;
    readonly name: string;
    readonly role: 'agent' | 'editor' | 'admin';
    readonly onDuty: boolean;
    readonly status: 'available' | 'away' | 'break';
    readonly conversations: number;
  }[];
  readonly queues: readonly {
    readonly id: string;
    readonly waiting: number;
    readonly oldestEnqueuedAt: string | null;
    readonly agentsOnDuty: number;
  }[];
}

/** Server-sent events on GET /events, besides `snapshot` (a Snapshot). */
export interface ActivityEvent {
  readonly conversationId: string;
  readonly item: TranscriptItem;
}

export interface TypingEvent {
  readonly conversationId: string;
}

export interface EndedEvent {
  readonly conversationId: string;
  readonly reason: 'cancelled' | 'returned' | 'ended' | 'expired' | 'dropped';
}
