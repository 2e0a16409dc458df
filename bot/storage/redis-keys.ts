/** The namespace of every key; tests pass their own prefix, so that suites never see each other's keys. */
export const DEFAULT_REDIS_KEY_PREFIX = 'bsa:';

/**
 * Every key and channel the assistant uses in Redis, in one place: what each holds and how long it
 * lives is documented in the store that writes it (named after each group). The handoff queue's Lua
 * scripts also build `handoff:entry:`, `handoff:assigned:` and `conv:` keys of the conversations they
 * find from the prefix (passed as ARGV[1]); those names must stay as here.
 */
export class RedisKeys {
  constructor(readonly prefix: string = DEFAULT_REDIS_KEY_PREFIX) {}

  // Conversations (bot/conversations/redis-conversation-store.ts).
  conversation(conversationId: string): string {
    return `${this.prefix}conv:${conversationId}`;
  }
  conversationActivities(conversationId: string): string {
    return `${this.prefix}conv:${conversationId}:activities`;
  }
  /** A pub/sub channel. */
  conversationHint(conversationId: string): string {
    return `${this.prefix}conv:${conversationId}:hint`;
  }

  // Bot Framework state (bot/botframework/redis-bot-storage.ts).
  botState(storageKey: string): string {
    return `${this.prefix}state:${storageKey}`;
  }

  // Knowledge versions (bot/studio/redis-knowledge-version-store.ts).
  knowledgeLatest(): string {
    return `${this.prefix}knowledge:latest`;
  }
  knowledgeVersion(number: number): string {
    return `${this.prefix}knowledge:version:${number}`;
  }
  knowledgeSummaries(): string {
    return `${this.prefix}knowledge:summaries`;
  }
  knowledgeBlob(sha256: string): string {
    return `${this.prefix}knowledge:blob:${sha256}`;
  }
  // Trained models (bot/studio/redis-model-export-store.ts), by the fingerprint of their files.
  knowledgeModel(fingerprint: string): string {
    return `${this.prefix}knowledge:model:${fingerprint}`;
  }
  /** A pub/sub channel: each published version's number and fingerprint (bot/studio/redis-knowledge-announcer.ts). */
  knowledgePublished(): string {
    return `${this.prefix}knowledge:published`;
  }

  // The studio's shared draft (bot/studio/redis-draft-store.ts): a hash of file path → draft JSON.
  studioDrafts(): string {
    return `${this.prefix}studio:drafts`;
  }
  // Who has a file open in the studio (bot/studio/redis-presence-store.ts): a sorted set of editor
  // id → last heard from (ms), expiring on its own shortly after the last editor leaves.
  studioPresence(path: string): string {
    return `${this.prefix}studio:presence:${path}`;
  }
  // The studio's audit log (bot/studio/redis-audit-log.ts): a stream, never trimmed.
  studioAudit(): string {
    return `${this.prefix}studio:audit`;
  }

  // Insight events and aggregates (bot/insight/redis-insight-store.ts). The record script finds a
  // conversation's start bucket by the full key stored in insightConversation's hash.
  /** A stream of one municipality's events. */
  insightEvents(municipalityId: string): string {
    return `${this.prefix}insight:events:${municipalityId}`;
  }
  /** A hash of counters: one municipality, one local day. */
  insightDay(municipalityId: string, day: string): string {
    return `${this.prefix}insight:day:${municipalityId}:${day}`;
  }
  /** A hash: the start bucket of a conversation (by its keyed hash) and its once-flags. */
  insightConversation(conversationHash: string): string {
    return `${this.prefix}insight:conversation:${conversationHash}`;
  }
  /** An event id recorded already (SET NX): counted once. */
  insightSeen(eventId: string): string {
    return `${this.prefix}insight:seen:${eventId}`;
  }
  /** A set of the municipalities that have an event stream (for the retention's XTRIM). */
  insightMunicipalities(): string {
    return `${this.prefix}insight:municipalities`;
  }

  // The unanswered inbox (bot/unanswered/redis-unanswered-store.ts); its Lua scripts build question
  // keys from unansweredQuestion('') (passed as an argument), so that name must stay a plain prefix.
  unansweredQuestion(id: string): string {
    return `${this.prefix}unanswered:q:${id}`;
  }
  unansweredIndex(): string {
    return `${this.prefix}unanswered:index`;
  }
  /** By the SHA-256 of the conversation id, never the id itself. */
  unansweredOfConversation(conversationKey: string): string {
    return `${this.prefix}unanswered:conversation:${conversationKey}`;
  }

  // Rate limits (bot/http/redis-rate-limiter.ts); the key part is already hashed.
  rateBucket(limiterName: string, hashedKey: string): string {
    return `${this.prefix}rate:${limiterName}:${hashedKey}`;
  }

  // Staff sign-in throttling (bot/staff/redis-sign-in-throttle.ts).
  signInFailures(throttleKey: string): string {
    return `${this.prefix}staff-sign-in:${throttleKey}`;
  }
  signInWait(throttleKey: string): string {
    return `${this.prefix}staff-sign-in-wait:${throttleKey}`;
  }

  // Staff sessions (bot/staff/redis-staff-session-store.ts); sessions by the SHA-256 of their id.
  staffSession(idHash: string): string {
    return `${this.prefix}staff-session:${idHash}`;
  }
  staffSessionsOf(agentId: string): string {
    return `${this.prefix}staff-sessions-of:${agentId}`;
  }

  // Callback requests (bot/handoff/redis-callback-request-store.ts).
  callbackRequest(id: string): string {
    return `${this.prefix}callback:${id}`;
  }
  callbackQueue(queueId: string): string {
    return `${this.prefix}callback-queue:${queueId}`;
  }

  // Staff notes (bot/handoff/redis-staff-notes.ts).
  staffNotes(conversationId: string): string {
    return `${this.prefix}handoff:notes:${conversationId}`;
  }

  // The staffed queue (bot/handoff/redis-handoff-queue.ts).
  handoffQueue(queueId: string): string {
    return `${this.prefix}handoff:queue:${queueId}`;
  }
  handoffEntry(conversationId: string): string {
    return `${this.prefix}handoff:entry:${conversationId}`;
  }
  handoffOffered(conversationId: string): string {
    return `${this.prefix}handoff:offered:${conversationId}`;
  }
  handoffAssigned(conversationId: string): string {
    return `${this.prefix}handoff:assigned:${conversationId}`;
  }
  handoffAgent(agentId: string): string {
    return `${this.prefix}handoff:agent:${agentId}`;
  }
  handoffAssignments(): string {
    return `${this.prefix}handoff:assignments`;
  }
  handoffHandlingTimes(queueId: string): string {
    return `${this.prefix}handoff:handling:${queueId}`;
  }
  handoffDuty(queueId: string): string {
    return `${this.prefix}handoff:duty:${queueId}`;
  }
  handoffPresence(agentId: string): string {
    return `${this.prefix}handoff:presence:${agentId}`;
  }
  handoffStatus(agentId: string): string {
    return `${this.prefix}handoff:status:${agentId}`;
  }
  // Citizens' presence and departures (bot/handoff/redis-citizen-presence.ts).
  citizenSeen(conversationId: string): string {
    return `${this.prefix}handoff:seen:${conversationId}`;
  }
  citizenAway(conversationId: string): string {
    return `${this.prefix}handoff:away:${conversationId}`;
  }
  citizenDeparted(conversationId: string): string {
    return `${this.prefix}handoff:departed:${conversationId}`;
  }
  queueDepartures(queueId: string): string {
    return `${this.prefix}handoff:departures:${queueId}`;
  }
  /** A pub/sub channel: every queue change is published here. */
  handoffChanged(): string {
    return `${this.prefix}handoff:changed`;
  }
}
