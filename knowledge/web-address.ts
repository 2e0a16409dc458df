import { z } from 'zod';
import { withDanish } from './danish-schema-messages';

/** An https address, or a placeholder for one from the municipality profile ({{links.waste}}). */
export const WebAddressSchema = z
  .string()
  .trim()
  .refine((value) => /^\{\{\s*(links\.[A-Za-z]+|municipality\.website)\s*\}\}$/.test(value) || isHttpsUrl(value), {
    error: withDanish(
      'must be an https:// address or a placeholder such as {{links.waste}}',
      'Skriv en adresse, der starter med https://, eller en af kommunens sider, fx {{links.waste}}.',
    ),
  });

export function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    // URL's constructor throws on anything that is not an address; that is simply "no".
    return false;
  }
}
