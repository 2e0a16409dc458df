import type { KnowledgeBase } from '../../knowledge/load-knowledge-base';
import { LocalAnswersSchema } from '../../knowledge/local-answers';

/**
 * A copy of a knowledge base in which the given municipalities answer exactly these topics in their
 * own words (as `answers:` in their profiles would), for tests that need overrides the shipped
 * demo profiles do not have. Validated with the profile's schema, so defaults apply as when loaded.
 */
export function withLocalAnswers(knowledge: KnowledgeBase, answers: Record<string, unknown>): KnowledgeBase {
  const municipalities = new Map(knowledge.municipalities);
  for (const [id, given] of Object.entries(answers)) {
    const profile = municipalities.get(id);
    if (!profile) throw new Error(`no municipality "${id}"`);
    municipalities.set(id, { ...profile, answers: LocalAnswersSchema.parse(given) });
  }
  return { ...knowledge, municipalities };
}
