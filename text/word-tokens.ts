import { foldDanishSpelling } from './text-normalizer';

/** Words of a message after spelling folding: "Hvor får jeg nyt kørekort?" → [hvor, far, jeg, nyt, korekort]. */
export function wordTokens(text: string): string[] {
  return foldDanishSpelling(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}
