import { z } from 'zod';
import { thereAre, withDanish } from './danish-schema-messages';
import { LanguageSchema } from '../text/language';
import { WebAddressSchema } from './web-address';

/** The front matter of a self-service guide: `knowledge/guides/<id>.md`. */
export const GuideFrontMatterSchema = z.strictObject({
  id: z
    .string()
    .regex(
      /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
      withDanish(
        'must be lower-case words joined by "-"',
        'Skriv id med små bogstaver og "-" mellem ordene, fx flytning-til-kommunen.',
      ),
    ),
  title: z.string().trim().min(1).max(100),
  url: WebAddressSchema,
  language: LanguageSchema,
  keywords: z
    .array(z.string().trim().min(1))
    .min(1, withDanish('needs at least one keyword', 'Skriv mindst ét søgeord.')),
  summary: z
    .string()
    .trim()
    .min(1)
    .max(
      300,
      withDanish(
        'is longer than 300 characters; it is shown on a card',
        (issue) => `Resuméet vises på et kort. Skriv højst 300 tegn${thereAre(issue)}.`,
      ),
    ),
});

export const GuideSchema = GuideFrontMatterSchema.extend({ body: z.string() });
export type Guide = z.infer<typeof GuideSchema>;
