import { ANSWER_FACETS } from '../../knowledge/answer-facet';
import { answersByMunicipality, type MunicipalityAnswer } from '../../knowledge/effective-answer';
import type { KnowledgeBase } from '../../knowledge/load-knowledge-base';
import { localOverridesOf, type LocalOverride } from '../../knowledge/local-overrides-of';
import { LANGUAGES, type Language } from '../../text/language';

/** What the citizens of each municipality get for a topic: the answer and each facet, filled in, shared or local. */
export interface AnswersPerMunicipality {
  readonly overrides: readonly LocalOverride[];
  readonly answers: Readonly<
    Record<Language, { answer: MunicipalityAnswer[]; facets: Record<string, MunicipalityAnswer[]> }>
  >;
}

/** For the intent editor: shown beside the shared text, so an editor sees where a local answer replaces it. */
export function answersPerMunicipality(knowledge: KnowledgeBase, intentId: string): AnswersPerMunicipality | undefined {
  const intent = knowledge.intents.get(intentId);
  if (!intent) return undefined;
  const perLanguage = (language: Language) => ({
    answer: answersByMunicipality(knowledge, intentId, language),
    facets: Object.fromEntries(
      ANSWER_FACETS.filter((facet) => intent.facets[facet] !== undefined).map((facet) => [
        facet,
        answersByMunicipality(knowledge, intentId, language, facet),
      ]),
    ),
  });
  const answers = Object.fromEntries(LANGUAGES.map((language) => [language, perLanguage(language)])) as Record<
    Language,
    ReturnType<typeof perLanguage>
  >;
  return { overrides: localOverridesOf(knowledge, intentId), answers };
}
