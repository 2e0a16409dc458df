import type { KnowledgeSource } from '../../bot/dialogue/live-knowledge';
import type { Classification } from '../../intents/intent-classifier';
import type { IntentDecision } from '../../intents/intent-decision';
import { GuideSearch } from '../../knowledge/guide-search';
import { loadKnowledgeBase, type KnowledgeBase } from '../../knowledge/load-knowledge-base';
import type { Language } from '../../text/language';
import type { RankedIntent } from '../../intents/ranked-intent';

let shipped: Promise<KnowledgeBase> | undefined;
export function shippedKnowledge(): Promise<KnowledgeBase> {
  shipped ??= loadKnowledgeBase();
  return shipped;
}

/**
 * The shipped knowledge base with a classifier that returns what the test says, so dialogue
 * turns (answer, "Mente du …?", fallback) are tested without depending on model scores.
 */
export async function stubKnowledgeSource(
  decide: (text: string) => IntentDecision,
  language?: Language,
  /** The ranking behind the decision, when a test needs it (the likely topics of a fallback). */
  rank?: (text: string) => RankedIntent[],
): Promise<KnowledgeSource & { seen: string[] }> {
  const knowledge = await shippedKnowledge();
  const seen: string[] = [];
  return {
    seen,
    knowledge,
    guides: new GuideSearch(knowledge.guides),
    classifier: {
      async classify(text: string, current: Language): Promise<Classification> {
        seen.push(text);
        const decision = decide(text);
        const ranked = rank
          ? rank(text)
          : decision.kind === 'answer'
            ? [{ intent: decision.intent, score: decision.score }]
            : decision.kind === 'clarify'
              ? decision.intents.map((intent) => ({ intent, score: 0.4 }))
              : [{ intent: 'None', score: 0.9 }];
        return { language: language ?? current, decision, ranked, knownWords: 1, similarity: 1 };
      },
    },
  };
}
