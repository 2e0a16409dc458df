import { ANSWER_FACETS } from './answer-facet';
import type { KnowledgeBase } from './load-knowledge-base';
import { LANGUAGES } from '../text/language';

export interface LocalAnswerAdvice {
  /** "havbakke: affald.storskrald/where/da", as in the plain-language report. */
  readonly where: string;
  /** The profile and the field in it, for the studio to show the advice at the field. */
  readonly municipalityId: string;
  readonly field: readonly (string | number)[];
  readonly advice: string;
}

/**
 * Advice on municipalities' own answers that never fails the check: an override word for word the
 * same as the shared text changes nothing today, but keeps the municipality's citizens from every
 * later correction of the shared answer.
 */
export function localAnswerAdvice(knowledge: KnowledgeBase): LocalAnswerAdvice[] {
  const advice: LocalAnswerAdvice[] = [];
  const same = (a: string, b: string | undefined) => b !== undefined && a.trim() === b.trim();
  for (const profile of knowledge.municipalities.values()) {
    for (const [intentId, local] of Object.entries(profile.answers)) {
      const intent = knowledge.intents.get(intentId);
      if (!intent) continue;
      for (const language of LANGUAGES) {
        const parts: [string, string[], string, string | undefined][] = [];
        if (local.answer) parts.push(['answer', ['answer'], local.answer[language], intent.answer[language]]);
        for (const facet of ANSWER_FACETS) {
          const own = local.facets[facet]?.[language];
          if (own !== undefined) parts.push([facet, ['facets', facet], own, intent.facets[facet]?.[language]]);
        }
        for (const [part, path, own, shared] of parts)
          if (same(own, shared))
            advice.push({
              where: `${profile.id}: ${intentId}/${part}/${language}`,
              municipalityId: profile.id,
              field: ['answers', intentId, ...path, language],
              advice:
                'Samme tekst som det fælles svar. Slet den, så rettelser i det fælles svar også når jeres borgere.',
            });
      }
    }
  }
  return advice;
}
