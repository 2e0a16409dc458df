import type { IntentDecision } from '../../intents/intent-decision';
import type { RecognisedFacet } from '../../intents/facet-recogniser';
import type { AnswerFacet } from '../../knowledge/answer-facet';
import { isStopWord } from '../../text/stop-words';
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
 *    asks what the citizen wants to know about it rather than guess, unless it plainly names
 *    another topic ("og hvad med storskrald?").
 * 5. Anything else is a new question, classified as it is.
 */
export type TopicResolution =
  /** Answer `intent`, or the facet of it the citizen asked for. */
  | { readonly kind: 'answer'; readonly intent: string; readonly facet?: AnswerFacet; readonly reason: TopicReason }
  /** Ask which part of `intent` the citizen wants. */
  | { readonly kind: 'ask'; readonly intent: string }
  /** Not about the topic: decide from this classification as without context. */
  | { readonly kind: 'as-classified'; readonly decision: IntentDecision; readonly facet?: AnswerFacet };

/**
 * "Hvordan søger jeg …?" and "kan jeg få …?" about a topic not yet answered ask for the topic as
 * a whole: its general answer says how and who. Asked again once the topic is answered, they ask
 * for that part.
 */
const BROAD_FACETS: ReadonlySet<AnswerFacet> = new Set(['steps', 'eligibility']);

function narrow(facet: AnswerFacet | undefined): AnswerFacet | undefined {
  return facet && BROAD_FACETS.has(facet) ? undefined : facet;
}

/** A short elliptical question is a new topic only when the classifier is this sure of it. */
const CLEAR_NEW_TOPIC_SCORE = 0.8;

export type TopicReason = 'same-topic' | 'follow-up' | 'new-topic' | 'correction';

export interface Understanding {
  readonly decision: IntentDecision;
  readonly facet?: RecognisedFacet;
  /** The best intents, best first (a few). */
  readonly top: readonly string[];
}

/**
 * Topics that are themselves a facet of any other topic: "hvor lang tid tager sagsbehandlingen?"
 * is `sag.status` alone, but the duration of the topic at hand in a conversation about it.
 */
const FACET_LIKE_INTENTS: Readonly<Partial<Record<AnswerFacet, readonly string[]>>> = {
  duration: ['sag.status'],
  where: ['aabningstider', 'tidsbestilling'],
};

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
      return { kind: 'answer', intent: corrected.intent, facet: narrow(correction.facet?.facet), reason: 'correction' };
    if (corrected.kind === 'clarify') {
      const others = corrected.intents.filter((intent) => intent !== topic);
      const [first, second] = others;
      if (first)
        return {
          kind: 'as-classified',
          decision: { ...corrected, intents: second ? [first, second] : [first] },
          facet: narrow(correction.facet?.facet),
        };
    }
    return { kind: 'as-classified', decision: corrected, facet: narrow(correction.facet?.facet) };
  }
  const facet = message.facet?.facet;
  if (!topic) return { kind: 'as-classified', decision: message.decision, facet: narrow(facet) };

  if (mentions(message.decision, topic)) return { kind: 'answer', intent: topic, facet, reason: 'same-topic' };
  if (facet) {
    const named = rest?.decision;
    const facetLike = FACET_LIKE_INTENTS[facet] ?? [];
    if (named?.kind === 'answer' && !facetLike.includes(named.intent))
      return named.intent === topic
        ? { kind: 'answer', intent: topic, facet, reason: 'same-topic' }
        : { kind: 'answer', intent: named.intent, facet: narrow(facet), reason: 'new-topic' };
    // The whole message names another topic, and what is left without the facet words leans the same way.
    const whole = message.decision;
    if (
      whole.kind === 'answer' &&
      !facetLike.includes(whole.intent) &&
      rest?.top.slice(0, 2).includes(whole.intent) === true
    )
      return { kind: 'answer', intent: whole.intent, facet: narrow(facet), reason: 'new-topic' };
    // The facet words aside, nothing names a topic: the question is about the current one.
    return { kind: 'answer', intent: topic, facet, reason: 'follow-up' };
  }
  // "og hvad med storskrald?" names a new topic outright; "og hvad med min mand?" leans on the last one.
  const clearlyElsewhere = message.decision.kind === 'answer' && message.decision.score >= CLEAR_NEW_TOPIC_SCORE;
  if (input.elliptical && !clearlyElsewhere) return { kind: 'ask', intent: topic };
  return { kind: 'as-classified', decision: message.decision, facet: narrow(facet) };
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
  // "jeg mener det" corrects nothing: the corrected question must name something.
  const names = question
    .split(/[^\p{L}\p{N}-]+/u)
    .some((word) => word.length >= 3 && !isStopWord(word, 'da') && !isStopWord(word, 'en'));
  return names ? question : undefined;
}

const ELLIPSIS = /^(?:og|men|hvad (?:hvis|sa|med)|hvis nu|and|but|what (?:if|about)|how about)\b/;

/** A short question that leans on the one before: "og til børn?", "hvad med min mand?", "what about kids?". */
export function isElliptical(text: string): boolean {
  const folded = foldDanishSpelling(text).trim();
  return ELLIPSIS.test(folded) && folded.split(/\s+/).length <= 6;
}
