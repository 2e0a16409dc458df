import type { Storage } from 'botbuilder';
import type { ConversationStore } from '../conversations/conversation-store';
import type { CallbackRequestStore } from '../handoff/callback-request-store';
import type { CitizenPresence } from '../handoff/citizen-presence';
import type { HandoffQueue } from '../handoff/handoff-queue';
import type { InsightStore } from '../insight/insight-store';
import type { StaffNotes } from '../handoff/staff-notes';
import type { RateLimits } from '../http/rate-limiter';
import type { SignInThrottle } from '../staff/sign-in-throttle';
import type { StaffSessionStore } from '../staff/staff-session-store';
import type { StoreHealth } from '../storage/store-health';
import type { UnansweredStore } from '../unanswered/unanswered-store';
import type { StudioStorage } from './assemble-studio-storage';

/** Where the assistant keeps everything that outlives a request. */
export interface AssistantStorage {
  readonly conversations: ConversationStore;
  /** botbuilder state (eTag concurrency). */
  readonly botState: Storage;
  readonly handoffQueue: HandoffQueue;
  /** When each citizen's widget was last seen, and who left the queue recently: shared by every instance with Redis. */
  readonly citizenPresence: CitizenPresence;
  readonly callbacks: CallbackRequestStore;
  readonly notes: StaffNotes;
  readonly staffSessions: StaffSessionStore;
  readonly signInThrottle: SignInThrottle;
  /** The citizens' rate limits (new conversations, messages): shared by every instance with Redis. */
  readonly rateLimits: RateLimits;
  /** Insight events and their daily aggregates (👍/👎 and satisfaction among them): shared by every instance with Redis. */
  readonly insight: InsightStore;
  /** The unanswered inbox (redacted questions for editors): shared by every instance with Redis. */
  readonly unanswered: UnansweredStore;
  /** The knowledge studio's drafts, audit log and versions: in Redis with it, otherwise under STUDIO_DATA_DIR. */
  readonly studio: StudioStorage;
  /** Whether Redis answers (for /readyz); absent in memory mode. */
  readonly health?: () => Promise<StoreHealth>;
  close(): Promise<void>;
}

/** The settings every store takes, derived from the configuration. */
export interface StorageSettings {
  readonly retentionSeconds: number;
  readonly callbackRetentionSeconds: number;
  /** How long the unanswered inbox keeps a question (UNANSWERED_RETENTION_DAYS). */
  readonly unansweredRetentionSeconds: number;
  /** How long a day's insight counters are kept (INSIGHT_AGGREGATE_RETENTION_DAYS). */
  readonly insightAggregateRetentionDays: number;
  readonly session: { readonly idleSeconds: number; readonly absoluteSeconds: number };
  readonly signIn: { readonly freeFailures: number; readonly freeFailuresByKind: Readonly<Record<string, number>> };
}
