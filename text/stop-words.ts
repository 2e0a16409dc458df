import { danish, english } from './danish-lunr';
import type { Language } from './language';

type StopWordFilter = (token: string) => string | undefined;
// lunr-languages keeps its curated lists behind the filter functions; lunr's English list likewise.
const filters: Record<Language, StopWordFilter> = {
  da: danish.stopWordFilter as unknown as StopWordFilter,
  en: english.stopWordFilter as unknown as StopWordFilter,
};

/** True for words that carry no topic ("og", "jeg", "the"). */
export function isStopWord(word: string, language: Language): boolean {
  return filters[language](word) === undefined;
}
