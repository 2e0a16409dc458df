import type { Language } from '../text/language';
import type { AnswerFacet } from './answer-facet';
import type { KnowledgeBase } from './load-knowledge-base';
import { municipalityPlaceholders } from './municipality-facts';
import { fillPlaceholders } from './placeholders';

/** Where a citizen's answer came from: the answer all municipalities share, or the municipality's own. */
export type AnswerSource = 'shared' | 'local';

export interface AnswerText {
  readonly text: string;
  readonly source: AnswerSource;
}

/**
 * The text a citizen of `municipalityId` gets for a topic, or for one facet of it, with its
 * placeholders still in: the municipality's own (local-answers.ts) where it has one, else the shared
 * one. `undefined` for a facet the topic does not have (a municipality cannot add one).
 * Throws for an unknown topic or municipality: callers look those up first.
 */
export function answerTemplate(
  knowledge: KnowledgeBase,
  intentId: string,
  municipalityId: string,
  language: Language,
): AnswerText;
export function answerTemplate(
  knowledge: KnowledgeBase,
  intentId: string,
  municipalityId: string,
  language: Language,
  facet: AnswerFacet | undefined,
): AnswerText | undefined;
export function answerTemplate(
  knowledge: KnowledgeBase,
  intentId: string,
  municipalityId: string,
  language: Language,
  facet?: AnswerFacet,
): AnswerText | undefined {
  const intent = knowledge.intents.get(intentId);
  if (!intent) throw new Error(`the knowledge base has no intent "${intentId}"`);
  const profile = knowledge.municipalities.get(municipalityId);
  if (!profile) throw new Error(`the knowledge base has no municipality "${municipalityId}"`);
  const local = profile.answers[intentId];
  if (facet === undefined) {
    const own = local?.answer?.[language];
    return own === undefined ? { text: intent.answer[language], source: 'shared' } : { text: own, source: 'local' };
  }
  const shared = intent.facets[facet]?.[language];
  if (shared === undefined) return undefined;
  const own = local?.facets[facet]?.[language];
  return own === undefined ? { text: shared, source: 'shared' } : { text: own, source: 'local' };
}

/**
 * What a citizen of `municipalityId` reads for a topic, or one facet of it: the text with the
 * municipality's facts filled in, and whether it is the shared answer or the municipality's own.
 * `undefined` for a facet the topic does not have.
 */
export function effectiveAnswer(
  knowledge: KnowledgeBase,
  intentId: string,
  municipalityId: string,
  language: Language,
): AnswerText;
export function effectiveAnswer(
  knowledge: KnowledgeBase,
  intentId: string,
  municipalityId: string,
  language: Language,
  facet: AnswerFacet | undefined,
): AnswerText | undefined;
export function effectiveAnswer(
  knowledge: KnowledgeBase,
  intentId: string,
  municipalityId: string,
  language: Language,
  facet?: AnswerFacet,
): AnswerText | undefined {
  const template = answerTemplate(knowledge, intentId, municipalityId, language, facet);
  if (!template) return undefined;
  const profile = knowledge.municipalities.get(municipalityId);
  // answerTemplate has found the profile; checked again only for the type.
  if (!profile) throw new Error(`the knowledge base has no municipality "${municipalityId}"`);
  return { ...template, text: fillPlaceholders(template.text, municipalityPlaceholders(profile, language)) };
}

export interface MunicipalityAnswer extends AnswerText {
  readonly municipalityId: string;
  readonly municipalityName: string;
}

/**
 * What the citizens of every municipality get for a topic or facet, side by side, by municipality
 * id: the studio's preview beside a shared answer. Empty for a facet the topic does not have.
 */
export function answersByMunicipality(
  knowledge: KnowledgeBase,
  intentId: string,
  language: Language,
  facet?: AnswerFacet,
): MunicipalityAnswer[] {
  return [...knowledge.municipalities.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .flatMap((profile) => {
      const answer = effectiveAnswer(knowledge, intentId, profile.id, language, facet);
      return answer ? [{ municipalityId: profile.id, municipalityName: profile.name, ...answer }] : [];
    });
}
