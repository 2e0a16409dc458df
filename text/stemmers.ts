import { StemmerDa } from '@nlpjs/lang-da';
import { StemmerEn } from '@nlpjs/lang-en';
import type { Language } from './language';

// One Snowball stemmer per language for every caller: NLP.js's stemmer remembers each word it has
// stemmed, so a shared one stems a word once and keeps one copy of that memory.
const stemmers: Record<Language, { stemWord(word: string): string }> = { da: new StemmerDa(), en: new StemmerEn() };

/** The word's Snowball stem ("bestiller" → "bestil"). */
export function stemWord(word: string, language: Language): string {
  return stemmers[language].stemWord(word);
}
