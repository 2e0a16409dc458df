import type { Language } from '../text/language';
import { stemWord } from '../text/stemmers';
import type { AnalysedMessage } from './analysed-message';
import { NONE_INTENT, type TrainingCorpus } from './training-corpus';
import { wordTokens } from '../text/word-tokens';
import { withinOneEdit } from '../text/one-edit';

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
        for (const word of wordTokens(example.text)) this.stems[language].add(stemWord(word, language));
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
  coverage(message: AnalysedMessage): number {
    const { words, stems, isTopicWord, language } = message;
    let topicWords = 0;
    let known = 0;
    words.forEach((word, i) => {
      if (!isTopicWord[i] || /^\d+$/.test(word)) return;
      topicWords += 1;
      if (this.isKnown(stems[i] as string, language)) known += 1;
    });
    return topicWords === 0 ? 1 : known / topicWords;
  }

  private isKnown(stemmed: string, language: Language): boolean {
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
