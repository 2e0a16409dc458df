import { z } from 'zod';

/** The languages the assistant answers in. Danish first: it is the default everywhere. */
export const LanguageSchema = z.enum(['da', 'en']);
export type Language = z.infer<typeof LanguageSchema>;
export const LANGUAGES: readonly Language[] = LanguageSchema.options;

/** A value given in both languages. */
export function bilingual<T extends z.ZodType>(schema: T) {
  return z.strictObject({ da: schema, en: schema });
}
