import { z } from 'zod';
import { thereAre, withDanish } from './danish-schema-messages';
import { bilingual } from '../text/language';
import { AnswerFacetSchema } from './answer-facet';
import { WebAddressSchema } from './web-address';

const INTENT_ID = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;
export const IntentIdSchema = z
  .string()
  .regex(
    INTENT_ID,
    withDanish(
      'must be lower-case words joined by "." or "-", such as pas.bestil',
      'Skriv id med små bogstaver og "." eller "-" mellem ordene, fx pas.bestil.',
    ),
  );

const sentence = z
  .string()
  .trim()
  .min(2, withDanish('is empty or too short', 'Eksemplet er tomt eller for kort. Skriv en hel sætning.'))
  .max(
    600,
    withDanish(
      'is longer than 600 characters',
      (issue) => `Eksemplet er for langt. Skriv højst 600 tegn${thereAre(issue)}.`,
    ),
  );

/**
 * Held-out check sentences (`checks:`): written the way citizens write, never trained on. They
 * measure how well the training sentences cover the topic (`npm run eval -- --checks`), so they
 * must not repeat a training sentence (load-knowledge-base.ts reports that).
 */
export const CheckSentencesSchema = z.strictObject({
  da: z.array(sentence).optional(),
  en: z.array(sentence).optional(),
});
export type CheckSentences = z.infer<typeof CheckSentencesSchema>;

const LinkSchema = z.strictObject({
  title: z.string().trim().min(1).max(80),
  url: WebAddressSchema,
});

/** A topic's whole answer, shared or a municipality's own (local-answers.ts). */
export const AnswerTextSchema = z
  .string()
  .trim()
  .min(1)
  .max(
    1500,
    withDanish(
      'is longer than 1500 characters; keep answers short',
      (issue) => `Svaret er for langt. Skriv højst 1500 tegn${thereAre(issue)}. Hold svarene korte.`,
    ),
  );

/** One facet's answer, shared or a municipality's own. */
export const FacetTextSchema = z
  .string()
  .trim()
  .min(1)
  .max(
    700,
    withDanish(
      'is longer than 700 characters; a facet answers one thing',
      (issue) => `Teksten er for lang. Skriv højst 700 tegn${thereAre(issue)}. Denne del svarer kun på én ting.`,
    ),
  );

/** One topic the assistant recognises and answers: `knowledge/intents/<id>.yaml`. */
export const IntentDefinitionSchema = z.strictObject({
  id: IntentIdSchema,
  area: z.string().trim().min(1),
  title: bilingual(
    z
      .string()
      .trim()
      .min(1)
      .max(
        60,
        withDanish(
          'is longer than 60 characters (it is a button label)',
          (issue) => `Titlen står på en knap. Skriv højst 60 tegn${thereAre(issue)}.`,
        ),
      ),
  ),
  training: z.strictObject({
    da: z.array(sentence).min(
      12,
      withDanish(
        'needs at least 12 Danish training sentences',
        (issue) => `Skriv mindst 12 danske eksempler på, hvordan borgere spørger${thereAre(issue)}.`,
      ),
    ),
    en: z.array(sentence).min(
      4,
      withDanish(
        'needs at least 4 English training sentences',
        (issue) => `Skriv mindst 4 engelske eksempler på, hvordan borgere spørger${thereAre(issue)}.`,
      ),
    ),
  }),
  checks: CheckSentencesSchema.optional(),
  answer: bilingual(AnswerTextSchema),
  /**
   * Answers to one part of the topic (price, documents, steps …), each complete on its own: the
   * assistant gives one when the citizen asks for just that, and the general answer otherwise.
   */
  facets: z.partialRecord(AnswerFacetSchema, bilingual(FacetTextSchema)).default({}),
  links: z
    .array(bilingual(LinkSchema))
    .max(
      3,
      withDanish('has more than 3 links', (issue) => `Brug højst 3 links${thereAre(issue)}.`),
    )
    .default([]),
  related: z
    .array(IntentIdSchema)
    .max(
      4,
      withDanish('has more than 4 related topics', (issue) => `Vælg højst 4 relaterede emner${thereAre(issue)}.`),
    )
    .default([]),
});
export type IntentDefinition = z.infer<typeof IntentDefinitionSchema>;

/** The intent the "Tal med en medarbejder" button answers. Every knowledge base must have it. */
export const HANDOFF_INTENT = 'agent.handoff';
