import { z } from 'zod';
import { bilingual } from '../text/language';
import { AnswerFacetSchema } from './answer-facet';
import { WebAddressSchema } from './web-address';

const INTENT_ID = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;
export const IntentIdSchema = z
  .string()
  .regex(INTENT_ID, 'must be lower-case words joined by "." or "-", such as pas.bestil');

const sentence = z.string().trim().min(2, 'is empty or too short').max(600, 'is longer than 600 characters');

const LinkSchema = z.strictObject({
  title: z.string().trim().min(1).max(80),
  url: WebAddressSchema,
});

/** A topic's whole answer, shared or a municipality's own (local-answers.ts). */
export const AnswerTextSchema = z
  .string()
  .trim()
  .min(1)
  .max(1500, 'is longer than 1500 characters; keep answers short');

/** One facet's answer, shared or a municipality's own. */
export const FacetTextSchema = z
  .string()
  .trim()
  .min(1)
  .max(700, 'is longer than 700 characters; a facet answers one thing');

/** One topic the assistant recognises and answers: `knowledge/intents/<id>.yaml`. */
export const IntentDefinitionSchema = z.strictObject({
  id: IntentIdSchema,
  area: z.string().trim().min(1),
  title: bilingual(z.string().trim().min(1).max(60, 'is longer than 60 characters (it is a button label)')),
  training: z.strictObject({
    da: z.array(sentence).min(12, 'needs at least 12 Danish training sentences'),
    en: z.array(sentence).min(4, 'needs at least 4 English training sentences'),
  }),
  answer: bilingual(AnswerTextSchema),
  /**
   * Answers to one part of the topic (price, documents, steps …), each complete on its own: the
   * assistant gives one when the citizen asks for just that, and the general answer otherwise.
   */
  facets: z.partialRecord(AnswerFacetSchema, bilingual(FacetTextSchema)).default({}),
  links: z.array(bilingual(LinkSchema)).max(3, 'has more than 3 links').default([]),
  related: z.array(IntentIdSchema).max(4, 'has more than 4 related topics').default([]),
});
export type IntentDefinition = z.infer<typeof IntentDefinitionSchema>;

/** The intent the "Tal med en medarbejder" button answers. Every knowledge base must have it. */
export const HANDOFF_INTENT = 'agent.handoff';
