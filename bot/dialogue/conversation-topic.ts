import { z } from 'zod';
import { AnswerFacetSchema, type AnswerFacet } from '../../knowledge/answer-facet';

/** "general" is the topic's whole answer; a facet id is one part of it. */
export const AnsweredPartSchema = z.union([z.literal('general'), AnswerFacetSchema]);
export type AnsweredPart = z.infer<typeof AnsweredPartSchema>;

/**
 * What the conversation is about: the last topic answered, so that "hvad koster det?" can be
 * answered for it. Intent ids and facet ids only, never the citizen's words.
 */
export const ConversationTopicSchema = z.strictObject({
  intent: z.string().max(100),
  /** The parts of this topic's answer already given, so that none is repeated word for word. */
  answered: z.array(AnsweredPartSchema).max(8),
  /** When the topic was last answered (ISO time); it lapses TOPIC_LIFETIME_MS later. */
  at: z.iso.datetime(),
});
export type ConversationTopic = z.infer<typeof ConversationTopicSchema>;

/**
 * A follow-up more than half an hour after the answer is most likely about something else: the
 * citizen has left and come back. The topic also ends with a goodbye and gives way to a new topic.
 */
export const TOPIC_LIFETIME_MS = 30 * 60 * 1000;

export function currentTopic(topic: ConversationTopic | undefined, now: Date): ConversationTopic | undefined {
  if (!topic) return undefined;
  return now.getTime() - Date.parse(topic.at) <= TOPIC_LIFETIME_MS ? topic : undefined;
}

export function answeredPart(facet: AnswerFacet | undefined): AnsweredPart {
  return facet ?? 'general';
}

/** The topic after answering `part` of `intent`: the same topic grows, a new one starts afresh. */
export function topicAfterAnswer(
  topic: ConversationTopic | undefined,
  intent: string,
  part: AnsweredPart,
  now: Date,
): ConversationTopic {
  const earlier = topic?.intent === intent ? topic.answered.filter((p) => p !== part) : [];
  return { intent, answered: [...earlier, part].slice(-8), at: now.toISOString() };
}
