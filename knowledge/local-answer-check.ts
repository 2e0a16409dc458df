import type { IntentDefinition } from './intent-definition';
import type { LocalAnswers } from './local-answers';
import { isSafetyIntent } from './safety-topics';
import type { YamlPath } from './yaml-file';

export interface LocalAnswerProblem {
  /** Where in the profile file, for the line number. */
  readonly where: YamlPath;
  readonly problem: string;
}

/**
 * What is wrong with a municipality's local answers against the shared topics. Placeholders are
 * checked with every other answer's, by the loader.
 *
 * An override replaces a facet the shared topic has; it cannot add one. A facet only some
 * municipalities have would give their citizens buttons and answers no editor of the shared topic
 * sees, and a fact that needs a facet of its own is usually one every municipality should state,
 * in the shared topic with a placeholder for what differs.
 */
export function localAnswerProblems(
  answers: LocalAnswers,
  intents: ReadonlyMap<string, IntentDefinition>,
): LocalAnswerProblem[] {
  const problems: LocalAnswerProblem[] = [];
  for (const [intentId, local] of Object.entries(answers)) {
    const where = ['answers', intentId];
    const intent = intents.get(intentId);
    if (!intent) {
      problems.push({ where, problem: `answers a topic that does not exist: "${intentId}"` });
      continue;
    }
    if (isSafetyIntent(intentId)) {
      problems.push({
        where,
        problem:
          `"${intentId}" is a safety topic (emergency, a child at risk, violence) and cannot be overridden: ` +
          'every citizen gets the same checked answer. Its local numbers and pages come from this profile ' +
          '(childConcernPhone, links.childConcern, links.domesticViolence).',
      });
      continue;
    }
    for (const facet of Object.keys(local.facets)) {
      if (!(facet in intent.facets))
        problems.push({
          where: [...where, 'facets', facet],
          problem:
            `"${intentId}" has no shared "${facet}" facet to override; ` +
            `add it to intents/${intentId}.yaml first (for every municipality), then override it here`,
        });
    }
  }
  return problems;
}
