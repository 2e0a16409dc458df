import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { LanguageSchema } from '../../text/language';

/**
 * Longest text kept. Citizens' messages are at most MAX_MESSAGE_LENGTH (up to 20,000); editors need
 * the question, not a letter, and a shorter text keeps less of whatever the redactor does not find.
 */
export const MAX_UNANSWERED_TEXT = 1000;

/** Why a message is in the inbox: what the assistant did not answer well. */
export const UnansweredReasonSchema = z.enum([
  /** No intent answered (guides, likely topics or the limit statement instead). */
  'fallback',
  /** "Mente du …?": the assistant was unsure between topics (recorded whether or not the citizen then picked one). */
  'clarify',
  /** The citizen pressed 👎 on the answer to this question. */
  'not-helpful',
  /** An insult or "du forstår ingenting" instead of a question: calm words and a person were offered. */
  'frustration',
]);
export type UnansweredReason = z.infer<typeof UnansweredReasonSchema>;

/**
 * A message that did not get a good answer, for editors to turn into training examples or new
 * topics (issue 11). Only the REDACTED text is ever kept (CPR numbers, phone numbers, e-mail and
 * account numbers replaced by the redactor's markers); no conversation id, only its hash, so that
 * "Slet samtalen" can find and delete the conversation's entries and nothing can point back to it.
 */
export const UnansweredQuestionSchema = z.strictObject({
  id: z.uuid(),
  municipalityId: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a municipality id'),
  language: LanguageSchema,
  /** The message as redactPersonalData(...).text gives it, at most MAX_UNANSWERED_TEXT characters. */
  text: z.string().min(1).max(MAX_UNANSWERED_TEXT),
  reason: UnansweredReasonSchema,
  /** The classifier's best intent other than None, as a suggestion for the editor. */
  suggestedIntent: z.string().min(1).max(200).optional(),
  /** SHA-256 (hex) of the conversation id: only for erasing the conversation's entries. */
  conversationKey: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex'),
  at: z.iso.datetime(),
});
export type UnansweredQuestion = z.infer<typeof UnansweredQuestionSchema>;

/** What the dialogue knows when it records a question; the id, key and time are added here. */
export interface NewUnansweredQuestion {
  readonly conversationId: string;
  readonly municipalityId: string;
  readonly language: UnansweredQuestion['language'];
  /** Redacted already (the dialogue never sees anything else past the redactor). */
  readonly redactedText: string;
  readonly reason: UnansweredReason;
  readonly suggestedIntent?: string;
}

/** The hash a conversation's entries are kept under. */
export function conversationKey(conversationId: string): string {
  return createHash('sha256').update(conversationId, 'utf8').digest('hex');
}

/** A redacted message as the inbox keeps it: trimmed, and shortened to MAX_UNANSWERED_TEXT. */
export function inboxText(redactedText: string): string {
  const text = redactedText.trim();
  return text.length > MAX_UNANSWERED_TEXT ? `${text.slice(0, MAX_UNANSWERED_TEXT - 1)}…` : text;
}

/** A validated question with a fresh id; the text is shortened to MAX_UNANSWERED_TEXT. */
export function newUnansweredQuestion(question: NewUnansweredQuestion, now: Date): UnansweredQuestion {
  return UnansweredQuestionSchema.parse({
    id: randomUUID(),
    municipalityId: question.municipalityId,
    language: question.language,
    text: inboxText(question.redactedText),
    reason: question.reason,
    ...(question.suggestedIntent ? { suggestedIntent: question.suggestedIntent } : {}),
    conversationKey: conversationKey(question.conversationId),
    at: now.toISOString(),
  });
}

/** Newest first; the id breaks ties, in the order Redis gives equal scores in reverse (ZREVRANGEBYSCORE). */
export function newestFirst(a: UnansweredQuestion, b: UnansweredQuestion): number {
  return Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}
