import type { IntentDecision } from '../../intents/intent-decision';
import type { RecognisedFacet } from '../../intents/facet-recogniser';
import type { AnswerFacet } from '../../knowledge/answer-facet';
import { foldDanishSpelling } from '../../text/text-normalizer';

/**
 * How a message relates to the topic the conversation is about. A human agent reads "hvad koster
 * det?" after a passport answer as a question about passports; the classifier alone reads it as
 * nothing. The rules, in order:
 *
 * 1. "nej, jeg mener storskrald" corrects the last answer: the part after "jeg mener" is a new
 *    question, and the topic it corrects is not the answer.
 * 2. A message the classifier places in the current topic stays in it (with the facet it asks for),
 *    even when the classifier alone was unsure ("Mente du …?").
 * 3. A message that asks for a facet stays in the topic unless what remains without the facet words
 *    names another topic clearly ("hvad koster det?" stays; "hvad koster en børneattest?" moves).
 * 4. A short elliptical question ("og til børn?", "hvad så?") stays in the topic, and the assistant
 *    asks what the citizen wants to know about it rather than guess.
 * 5. Anything else is a new question, classified as it is.
 */
export type TopicResolution =
  /** Answer `intent`, or the facet of it the citizen asked for. */
  | { readonly kind: 'answer'; readonly intent: string; readonly facet?: AnswerFacet; readonly reason: TopicReason }
  /** Ask which part of `intent` the citizen wants. */
  | { readonly kind: 'ask'; readonly intent: string }
  /** Not about the topic: decide from this classification as without context. */
  | { readonly kind: 'as-classified'; readonly decision: IntentDecision; readonly facet?: AnswerFacet };

export type TopicReason = 'same-topic' | 'follow-up' | 'new-topic' | 'correction';

export interface Understanding {
  readonly decision: IntentDecision;
  readonly facet?: RecognisedFacet;
}

export interface FollowUpInput {
  /** The intent of the conversation's current topic, if any. */
  readonly topic?: string;
  /** The whole message, classified. */
  readonly message: Understanding;
  /** The message without its facet words, classified: present when a facet was recognised. */
  readonly rest?: Understanding;
  /** The corrected question ("nej, jeg mener …"), classified: present when the message is a correction. */
  readonly correction?: Understanding;
  /** Whether the message is a short elliptical follow-up ("og til børn?"). */
  readonly elliptical: boolean;
}

export function resolveTopic(input: FollowUpInput): TopicResolution {
  const { topic, message, rest, correction } = input;
  if (correction) {
    const corrected = correction.decision;
    // The topic being corrected is the one answer the citizen just said is wrong.
    if (corrected.kind === 'answer' && corrected.intent !== topic)
      return { kind: 'answer', intent: corrected.intent, facet: correction.facet?.facet, reason: 'correction' };
    if (corrected.kind === 'clarify') {
      const others = corrected.intents.filter((intent) => intent !== topic);
      const [first, second] = others;
      if (first)
        return {
          kind: 'as-classified',
          decision: { ...corrected, intents: second ? [first, second] : [first] },
          facet: correction.facet?.facet,
        };
    }
    return { kind: 'as-classified', decision: corrected, facet: correction.facet?.facet };
  }
  const facet = message.facet?.facet;
  if (!topic) return { kind: 'as-classified', decision: message.decision, facet };

  if (mentions(message.decision, topic)) return { kind: 'answer', intent: topic, facet, reason: 'same-topic' };
  if (facet) {
    const named = rest?.decision;
    if (named?.kind === 'answer')
      return named.intent === topic
        ? { kind: 'answer', intent: topic, facet, reason: 'same-topic' }
        : { kind: 'answer', intent: named.intent, facet, reason: 'new-topic' };
    // The facet words aside, nothing names a topic: the question is about the current one.
    return { kind: 'answer', intent: topic, facet, reason: 'follow-up' };
  }
  if (input.elliptical && message.decision.kind !== 'answer') return { kind: 'ask', intent: topic };
  return { kind: 'as-classified', decision: message.decision };
}

function mentions(decision: IntentDecision, intent: string): boolean {
  if (decision.kind === 'answer') return decision.intent === intent;
  if (decision.kind === 'clarify') return decision.intents.includes(intent);
  return false;
}

const CORRECTION = /\b(?:jeg|i) (?:mener|mente|taenkte pa|mean|meant|was asking about)\b[\s,:]*/;

/**
 * The corrected question in "nej, jeg mener storskrald" or "no, I meant the blue card": what
 * follows "jeg mener"/"I mean". Undefined when the message corrects nothing.
 */
export function correctedQuestion(text: string): string | undefined {
  const folded = foldDanishSpelling(text).trim();
  const cue = CORRECTION.exec(folded);
  if (!cue) return undefined;
  const question = folded.slice(cue.index + cue[0].length).trim();
  return /\p{L}{2,}/u.test(question) ? question : undefined;
}

const ELLIPSIS = /^(?:og|men|hvad (?:hvis|sa|med)|hvis nu|and|but|what (?:if|about)|how about)\b/;

/** A short question that leans on the one before: "og til børn?", "hvad med min mand?", "what about kids?". */
export function isElliptical(text: string): boolean {
  const folded = foldDanishSpelling(text).trim();
  return ELLIPSIS.test(folded) && folded.split(/\s+/).length <= 6;
}
