import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { LanguageSchema } from '../../text/language';

/** 16 random bytes, base64url. */
const CallbackRequestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'must be 16 random bytes, base64url');

/**
 * A citizen's request to be phoned back, left outside staffed hours. The citizen typed the phone
 * number and message into the chat after consenting to their being kept for this.
 */
export const CallbackRequestSchema = z.strictObject({
  id: CallbackRequestIdSchema,
  municipalityId: z.string().min(1),
  /**
   * The chat the request came from, so staff can read it before calling (while it is kept; the
   * citizen may have deleted it). Optional: requests stored before it was recorded have none.
   */
  conversationId: z
    .string()
    .regex(/^[A-Za-z0-9_.~-]{1,200}$/, 'must be a conversation id')
    .optional(),
  /** The queue whose staff call back; ends up in Redis key names, hence the small alphabet. */
  queueId: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lower-case letters, digits, "_" or "-"'),
  /** The language to speak when calling back: the chat's. */
  language: LanguageSchema,
  phone: z
    .string()
    .regex(/^\+?[0-9 ]{8,16}$/, 'must be a phone number: 8-16 digits or spaces, optionally starting with "+"'),
  message: z.string().max(500),
  createdAt: z.iso.datetime(),
});
export type CallbackRequest = z.infer<typeof CallbackRequestSchema>;
export type NewCallbackRequest = Omit<CallbackRequest, 'id' | 'createdAt'>;

/**
 * Callback requests waiting for staff. Personal data (a phone number), so each request is kept at
 * most `retentionSeconds` and then gone, handled or not. Two implementations pass
 * test/staff/staff-stores.contract.ts: in memory (one instance) and Redis (shared).
 */
export interface CallbackRequestStore {
  /** Validates and stores a request; throws a ZodError when it is not valid. */
  add(request: NewCallbackRequest, now: Date): Promise<CallbackRequest>;
  /** The requests of these queues, oldest first. */
  list(queueIds: readonly string[]): Promise<CallbackRequest[]>;
  count(queueIds: readonly string[]): Promise<number>;
  /** Removes a request (a member of staff has called). False when it was not there: already removed or expired. */
  remove(id: string): Promise<boolean>;
  close(): Promise<void>;
}

/** A request with a fresh id, validated. */
export function newCallbackRequest(request: NewCallbackRequest, now: Date): CallbackRequest {
  return CallbackRequestSchema.parse({
    ...request,
    id: randomBytes(16).toString('base64url'),
    createdAt: now.toISOString(),
  });
}

export function isCallbackRequestId(id: string): boolean {
  return CallbackRequestIdSchema.safeParse(id).success;
}

/** Oldest first; the id breaks ties, as Redis orders equal scores, so both stores list alike. */
export function oldestFirst(a: CallbackRequest, b: CallbackRequest): number {
  return Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Whole seconds because Redis's EX takes them; 0 would delete a request at once. */
export function checkRetention(retentionSeconds: number): void {
  if (!Number.isInteger(retentionSeconds) || retentionSeconds < 1) {
    throw new Error(`retentionSeconds must be a whole number of seconds ≥ 1, not ${retentionSeconds}`);
  }
}
