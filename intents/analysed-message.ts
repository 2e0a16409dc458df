import type { Language } from '../text/language';
import { stemWord } from '../text/stemmers';
import { isStopWord } from '../text/stop-words';
import { foldDanishSpelling } from '../text/text-normalizer';
import { wordsOfFoldedText } from '../text/word-tokens';

const MIN_GRAM = 3;
const MAX_GRAM = 5;

/**
 * One message as the classifier's voices read it: spelling folded and split into words once, and
 * stems, topic words and character n-grams worked out once, when a voice first asks. The voices
 * and signals all read the same message in the same language; each folding, splitting and
 * stemming it again on its own was a good part of the time a classification took.
 */
export class AnalysedMessage {
  private stemsOfWords: readonly string[] | undefined;
  private topicFlags: readonly boolean[] | undefined;
  private topics: readonly string[] | undefined;
  private gramCounts: ReadonlyMap<string, number> | undefined;

  private constructor(
    /** The whole message after foldDanishSpelling. */
    readonly folded: string,
    /** Its words, in order (wordTokens). */
    readonly words: readonly string[],
    readonly language: Language,
  ) {}

  static of(text: string, language: Language): AnalysedMessage {
    const folded = foldDanishSpelling(text);
    return new AnalysedMessage(folded, wordsOfFoldedText(folded), language);
  }

  /** The same words read as `language` (stop words and stems depend on it). */
  in(language: Language): AnalysedMessage {
    return language === this.language ? this : new AnalysedMessage(this.folded, this.words, language);
  }

  /** Each word's stem, in order, stop words included. */
  get stems(): readonly string[] {
    this.stemsOfWords ??= this.words.map((word) => stemWord(word, this.language));
    return this.stemsOfWords;
  }

  /** For each word, whether it carries a topic (is not a stop word). */
  get isTopicWord(): readonly boolean[] {
    this.topicFlags ??= this.words.map((word) => !isStopWord(word, this.language));
    return this.topicFlags;
  }

  /** The topic words, in order. */
  get topicWords(): readonly string[] {
    this.topics ??= this.words.filter((_, w) => this.isTopicWord[w]);
    return this.topics;
  }

  /**
   * Counts of the character 3–5-grams of the topic words (characterGramsOf), in order of first
   * appearance. Read-only: it is shared.
   */
  get characterGrams(): ReadonlyMap<string, number> {
    if (this.gramCounts) return this.gramCounts;
    const counts = new Map<string, number>();
    for (const word of this.topicWords)
      for (const gram of characterGramsOf(word)) counts.set(gram, (counts.get(gram) ?? 0) + 1);
    this.gramCounts = counts;
    return counts;
  }
}

/**
 * One word's character 3–5-grams, the word padded with a space so its start and end are n-grams
 * too: all 3-grams from the left, then all 4-grams, then the 5-grams (the order features are counted in).
 */
export function characterGramsOf(word: string): string[] {
  const padded = ` ${word} `;
  const grams: string[] = [];
  for (let n = MIN_GRAM; n <= MAX_GRAM; n += 1) {
    for (let i = 0; i + n <= padded.length; i += 1) grams.push(padded.slice(i, i + n));
  }
  return grams;
}
