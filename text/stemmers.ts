import { StemmerDa } from '@nlpjs/lang-da';
import { StemmerEn } from '@nlpjs/lang-en';
import { forgetStemmedWords } from './forget-stemmed-words';
import type { Language } from './language';

const stemmers: Record<Language, StemmerDa | StemmerEn> = { da: new StemmerDa(), en: new StemmerEn() };

/**
 * The word's Snowball stem ("bestiller" → "bestil"). NLP.js's stemmer would remember every word it
 * stemmed for the life of the process, citizens' words included, so its memory is emptied each time;
 * stemming a word again costs microseconds.
 */
export function stemWord(word: string, language: Language): string {
  const stemmer = stemmers[language];
  const stem = stemmer.stemWord(word);
  forgetStemmedWords(stemmer);
  return stem;
}
