import { z } from 'zod';

/**
 * The parts of a topic's answer a citizen may ask for alone, often as a follow-up ("hvad koster
 * det?"). The ids are the intent catalog's (version 2) and a stable contract with the evaluation files.
 */
export const ANSWER_FACETS = ['cost', 'documents', 'steps', 'where', 'duration', 'eligibility', 'deadline'] as const;
export const AnswerFacetSchema = z.enum(ANSWER_FACETS);
export type AnswerFacet = z.infer<typeof AnswerFacetSchema>;
