import { z } from 'zod';
import { withDanish } from './danish-schema-messages';
import { bilingual } from '../text/language';
import { AnswerFacetSchema, type AnswerFacet } from './answer-facet';
import { AnswerTextSchema, FacetTextSchema, IntentIdSchema } from './intent-definition';

/**
 * A municipality's own answer to one topic, in its profile (`answers:` in
 * `municipalities/<id>.yaml`): the whole answer, some of its facets, or both. What it does not
 * override stays the shared answer every municipality of the deployment gives.
 *
 * Both languages are required for every text it overrides: the content guide asks for the same
 * facts and conditions in English as in Danish, and an override in one language only would leave
 * the other language's citizens with the shared text, which is what the municipality says is not
 * true for it.
 */
export const LocalAnswerSchema = z
  .strictObject({
    answer: bilingual(AnswerTextSchema).optional(),
    facets: z.partialRecord(AnswerFacetSchema, bilingual(FacetTextSchema)).default({}),
  })
  .refine((local) => local.answer !== undefined || Object.keys(local.facets).length > 0, {
    error: withDanish(
      'overrides nothing: give an answer, facets, or both (or remove the topic)',
      'Kommunens svar er tomt. Skriv et svar, en del af svaret eller begge, eller slet emnet her.',
    ),
  });
export type LocalAnswer = z.infer<typeof LocalAnswerSchema>;

/** By intent id: the topics a municipality answers in its own words. */
export const LocalAnswersSchema = z.record(IntentIdSchema, LocalAnswerSchema);
export type LocalAnswers = z.infer<typeof LocalAnswersSchema>;

/** The part of a topic's answer: "answer" is the whole of it, a facet id one part. */
export type AnswerPart = 'answer' | AnswerFacet;

/** The parts a local answer overrides, the whole answer first, then facets in the catalog's order. */
export function partsOverridden(local: LocalAnswer): AnswerPart[] {
  const facets = AnswerFacetSchema.options.filter((facet) => local.facets[facet] !== undefined);
  return local.answer === undefined ? facets : ['answer', ...facets];
}
