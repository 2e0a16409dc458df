import type { Language } from '../../text/language';

/** Where a conversation stands with the staffed queue, as the assistant sees it. */
export type HandoffSituation =
  | { readonly kind: 'none' }
  | { readonly kind: 'waiting'; readonly position: number; readonly estimatedWaitMinutes: number | undefined }
  | { readonly kind: 'with-agent'; readonly agentName: string };

export type Availability =
  { readonly staffed: true } | { readonly staffed: false; readonly nextOpening: Date | undefined };

export interface QueueRequest {
  readonly conversationId: string;
  readonly municipalityId: string;
  readonly language: Language;
  /** The intent the citizen last asked about. */
  readonly topic?: string;
}

export interface CallbackRequestInput {
  /** The chat the request came from, so staff can read it before calling. */
  readonly conversationId: string;
  readonly municipalityId: string;
  readonly language: Language;
  readonly phone: string;
  /** Already redacted. */
  readonly message: string;
}

/**
 * What the assistant's dialogue may do with the staffed queue. The dialogue words everything the
 * citizen reads; the desk behind this port (handoff-desk.ts) does the queueing.
 */
export interface CitizenHandoff {
  situation(conversationId: string, now: Date): Promise<HandoffSituation>;
  availability(municipalityId: string, now: Date): Availability;
  /** Whether staff can take this conversation over (it is on our own chat channel, not e.g. Teams). */
  canHandOff(conversationId: string): Promise<boolean>;
  /** Queues the conversation (or reports its place if it already waits). */
  enqueue(request: QueueRequest, now: Date): Promise<{ position: number; estimatedWaitMinutes: number | undefined }>;
  /** Takes the conversation out of the queue ("Forlad køen"); false if it was not waiting. */
  leaveQueue(conversationId: string, now: Date): Promise<boolean>;
  /**
   * Saves a callback request. A citizen waiting in the queue leaves it: they chose a call instead,
   * which insight counts as a callback, not as abandoning the queue.
   */
  requestCallback(request: CallbackRequestInput, now: Date): Promise<void>;
  /** How long callback requests are kept, for telling the citizen before they consent. */
  readonly callbackRetentionHours: number;
}
