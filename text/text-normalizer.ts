/**
 * Folds the spellings citizens use for the same Danish word onto one form, so "kørekort",
 * "koerekort" and "korekort" look alike to the classifier. Applied to training sentences and
 * to incoming messages alike; the folded text is never shown to anyone.
 *
 * æ → ae; ø, oe → o; å, aa → a. (NLP.js's own Danish normaliser only strips accents, which
 * turns å into a but leaves ø and æ alone, so "oe" and "ø" would stay different words.)
 */
export function foldDanishSpelling(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFC')
      // Runs of one letter ("hjææælp", "heeej") are emphasis, not spelling. Before folding, or
      // "æææ" would become "aeaeae", which no longer looks like a run.
      .replace(/(\p{L})\1{2,}/gu, '$1$1')
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'o')
      .replace(/å/g, 'a')
      .replace(/aa/g, 'a')
      .replace(/oe/g, 'o')
  );
}
