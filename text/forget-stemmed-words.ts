/**
 * Empties a Snowball stemmer's memory of the words it has stemmed (@nlpjs/core BaseStemmer keeps every
 * word in `cache`, for as long as the stemmer lives). Throws when the stemmer has no such memory, so an
 * NLP.js upgrade that moves it fails the tests rather than keeping citizens' words unseen.
 */
export function forgetStemmedWords(stemmer: object): void {
  const memory: unknown = Reflect.get(stemmer, 'cache');
  if (typeof memory !== 'object' || memory === null) throw new Error('NLP.js internals changed: no stemmer cache');
  Reflect.set(stemmer, 'cache', {});
}
