import { ANSWER_FACETS } from '../../knowledge/answer-facet';
import type { KnowledgeBase } from '../../knowledge/load-knowledge-base';
import type { Language } from '../../text/language';

type Bilingual = Readonly<Record<Language, string>>;

/** The shared text of a topic a municipality overrides, shown beside its own text in the profile form. */
export interface SharedAnswer {
  readonly title: Bilingual;
  readonly answer: Bilingual;
  /** Only the facets the shared topic has: an override can replace those and no others. */
  readonly facets: Readonly<Record<string, Bilingual>>;
}

/**
 * By intent id, the shared answer of every topic a profile's `answers:` names (webchat/studio/API.md).
 * Placeholders are left as written: the page fills them from the profile the editor is changing.
 * A topic that does not exist is left out; its problem is shown at the override.
 */
export function sharedAnswersForProfile(
  knowledge: Pick<KnowledgeBase, 'intents'>,
  profileData: unknown,
): Record<string, SharedAnswer> {
  const answers =
    typeof profileData === 'object' && profileData !== null ? (profileData as Record<string, unknown>).answers : null;
  if (typeof answers !== 'object' || answers === null) return {};
  const shared: Record<string, SharedAnswer> = {};
  for (const intentId of Object.keys(answers)) {
    const intent = knowledge.intents.get(intentId);
    if (!intent) continue;
    const facets: Record<string, Bilingual> = {};
    for (const facet of ANSWER_FACETS) {
      const text = intent.facets[facet];
      if (text) facets[facet] = text;
    }
    shared[intentId] = { title: intent.title, answer: intent.answer, facets };
  }
  return shared;
}
