import { foldDanishSpelling } from './text-normalizer';

/** Words of a message after spelling folding: "Hvor får jeg nyt kørekort?" → [hvor, far, jeg, nyt, korekort]. */
export function wordTokens(text: string): string[] {
  return wordsOfFoldedText(foldDanishSpelling(text));
}

/** The words of a text already folded by foldDanishSpelling, for callers that keep the folded text too. */
export function wordsOfFoldedText(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
}
