import type { IntentDefinition } from './intent-definition';
import type { LocalAnswers } from './local-answers';
import { isSafetyIntent } from './safety-topics';
import type { YamlPath } from './yaml-file';

export interface LocalAnswerProblem {
  /** Where in the profile file, for the line number. */
  readonly where: YamlPath;
  readonly problem: string;
  /** The same problem in plain Danish, for editors in the studio. */
  readonly danish: string;
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
      problems.push({
        where,
        problem: `answers a topic that does not exist: "${intentId}"`,
        danish: `Emnet "${intentId}" findes ikke. Ret stavningen, eller slet kommunens svar på det.`,
      });
      continue;
    }
    if (isSafetyIntent(intentId)) {
      problems.push({
        where,
        problem:
          `"${intentId}" is a safety topic (emergency, a child at risk, violence) and cannot be overridden: ` +
          'every citizen gets the same checked answer. Its local numbers and pages come from this profile ' +
          '(childConcernPhone, links.childConcern, links.domesticViolence).',
        danish:
          `"${intentId}" handler om sikkerhed (akut hjælp, bekymring for et barn eller vold) og kan ikke få ` +
          'et lokalt svar: alle borgere får det samme tjekkede svar. Slet kommunens svar. Skriv i stedet ' +
          'kommunens telefonnummer og sider i childConcernPhone, links.childConcern og links.domesticViolence.',
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
          danish:
            `"${intentId}" har ikke en fælles del om "${facet}". Tilføj den først i det fælles emne ` +
            `(intents/${intentId}.yaml), så alle kommuner har den. Skriv derefter jeres eget svar her.`,
        });
    }
  }
  return problems;
}
