import { z } from 'zod';
import { LanguageSchema } from '../text/language';
import { WebAddressSchema } from './web-address';

/** The front matter of a self-service guide: `knowledge/guides/<id>.md`. */
export const GuideFrontMatterSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by "-"'),
  title: z.string().trim().min(1).max(100),
  url: WebAddressSchema,
  language: LanguageSchema,
  keywords: z.array(z.string().trim().min(1)).min(1, 'needs at least one keyword'),
  summary: z.string().trim().min(1).max(300, 'is longer than 300 characters; it is shown on a card'),
});

export const GuideSchema = GuideFrontMatterSchema.extend({ body: z.string() });
export type Guide = z.infer<typeof GuideSchema>;
