import type { KnowledgeBase } from './load-knowledge-base';
import { partsOverridden, type AnswerPart } from './local-answers';

export interface LocalOverride {
  readonly municipalityId: string;
  readonly municipalityName: string;
  /** What it replaces: "answer" (the whole answer) and facet ids, in that order. */
  readonly parts: readonly AnswerPart[];
}

/**
 * Which municipalities answer a topic in their own words, and which parts: what the studio shows
 * beside a shared answer, so an editor changing it knows whose citizens will not see the change.
 * Ordered by municipality id; empty when every municipality gives the shared answer.
 */
export function localOverridesOf(knowledge: KnowledgeBase, intentId: string): LocalOverride[] {
  return [...knowledge.municipalities.values()]
    .flatMap((profile) => {
      const local = profile.answers[intentId];
      return local
        ? [{ municipalityId: profile.id, municipalityName: profile.name, parts: partsOverridden(local) }]
        : [];
    })
    .sort((a, b) => (a.municipalityId < b.municipalityId ? -1 : a.municipalityId > b.municipalityId ? 1 : 0));
}
