import { StemmerDa } from '@nlpjs/lang-da';
import { StemmerEn } from '@nlpjs/lang-en';
import type { Language } from '../text/language';
import { isStopWord } from '../text/stop-words';
import { NONE_INTENT, type TrainingCorpus } from './training-corpus';
import { wordTokens } from '../text/word-tokens';

const stemmers: Record<Language, { stemWord(word: string): string }> = { da: new StemmerDa(), en: new StemmerEn() };

/**
 * How much of a message the model has seen in its in-scope training sentences. A message
 * whose topic words are all unknown ("hvad er vejret i morgen") must not be answered from an
 * intent however the network scores it. Words one typo away from a known word count as known.
 */
export class KnownWords {
  private readonly stems: Record<Language, Set<string>> = { da: new Set(), en: new Set() };
  /**
   * Each known stem under every form it takes with one letter deleted. Two words one edit apart
   * share such a form (or one is the other's), so a typo is looked up, not compared with every stem.
   */
  private readonly byDeletion: Record<Language, Map<string, string[]>> = { da: new Map(), en: new Map() };

  constructor(corpus: TrainingCorpus) {
    for (const language of ['da', 'en'] as const) {
      for (const example of corpus[language]) {
        if (example.intent === NONE_INTENT) continue;
        for (const word of wordTokens(example.text)) this.stems[language].add(stem(word, language));
      }
      for (const known of this.stems[language]) {
        for (const variant of oneDeletion(known)) {
          const list = this.byDeletion[language].get(variant);
          if (list) list.push(known);
          else this.byDeletion[language].set(variant, [known]);
        }
      }
    }
  }

  /** Share (0–1) of the message's topic words that are known; 1 when it has no topic words. */
  coverage(text: string, language: Language): number {
    const words = wordTokens(text).filter((w) => !isStopWord(w, language) && !/^\d+$/.test(w));
    if (words.length === 0) return 1;
    const known = words.filter((w) => this.isKnown(w, language)).length;
    return known / words.length;
  }

  private isKnown(word: string, language: Language): boolean {
    const stemmed = stem(word, language);
    if (this.stems[language].has(stemmed)) return true;
    if (stemmed.length < 5) return false;
    const candidates = [stemmed, ...oneDeletion(stemmed)].flatMap((variant) => [
      ...(this.byDeletion[language].get(variant) ?? []),
      ...(this.stems[language].has(variant) ? [variant] : []),
    ]);
    return candidates.some((candidate) => withinOneEdit(candidate, stemmed));
  }
}

/** The word with each one of its letters left out. */
function oneDeletion(word: string): string[] {
  return Array.from(word, (_, i) => word.slice(0, i) + word.slice(i + 1));
}

function stem(word: string, language: Language): string {
  return stemmers[language].stemWord(word);
}

/** True when a and b differ by at most one insertion, deletion, substitution or swap of neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
