/**
 * The plain-language meter editors see beside an answer (klarsprog): LIX and the longest sentence,
 * with the bands of the content guide (../shared/content-guide.md): sentences of about 15 words and
 * none over 25; LIX ≤ 35 is the aim, 35–44 is "middel", 45 and above is hard for many readers.
 *
 * LIX (Björnsson's läsbarhetsindex, the Danish and Swedish standard) = words per sentence + the
 * percentage of long words (more than 6 letters). It works on the text a citizen reads, so Markdown,
 * addresses and placeholders are first turned into plain words.
 */
export type LixBand = 'let' | 'middel' | 'svaer';

export const LIX_AIM = 35;
export const LIX_HARD = 45;
export const SENTENCE_AIM = 15;
export const SENTENCE_MAX = 25;

export interface Readability {
  readonly lix: number;
  readonly band: LixBand;
  readonly words: number;
  readonly sentences: number;
  readonly longWords: number;
  /** The sentence with the most words, as the citizen reads it. */
  readonly longestSentence: { readonly text: string; readonly words: number };
  /** Sentences of more than SENTENCE_MAX words. */
  readonly tooLong: readonly string[];
}

/** Readability of an answer in Markdown. An empty text has LIX 0. */
export function readability(markdown: string): Readability {
  const sentences = sentencesOf(readableText(markdown));
  const counted = sentences.map((text) => ({ text, words: wordsOf(text) }));
  const words = counted.flatMap((s) => s.words);
  const longWords = words.filter((word) => letterCount(word) > 6).length;
  const lix =
    words.length === 0 ? 0 : round1(words.length / Math.max(1, counted.length) + (100 * longWords) / words.length);
  const longest = counted.reduce<{ text: string; words: number }>(
    (best, s) => (s.words.length > best.words ? { text: s.text, words: s.words.length } : best),
    { text: '', words: 0 },
  );
  return {
    lix,
    band: lix >= LIX_HARD ? 'svaer' : lix > LIX_AIM ? 'middel' : 'let',
    words: words.length,
    sentences: counted.length,
    longWords,
    longestSentence: longest,
    tooLong: counted.filter((s) => s.words.length > SENTENCE_MAX).map((s) => s.text),
  };
}

/** The words a citizen reads: link texts without addresses, no Markdown marks, a placeholder as one word. */
export function readableText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/https?:\/\/\S+/g, 'adresse')
    .replace(/\{\{[^}]*\}\}/g, 'X')
    .replace(/^\s{0,3}(#{1,6}|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/[*_`>]/g, '');
}

/** Sentences end at . ! ? or : followed by a space, and at every line break (a bullet is a sentence). */
function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?:])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

function wordsOf(sentence: string): string[] {
  return sentence.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token));
}

function letterCount(word: string): number {
  return (word.match(/\p{L}/gu) ?? []).length;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
