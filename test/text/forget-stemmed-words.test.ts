import { StemmerDa } from '@nlpjs/lang-da';
import { forgetStemmedWords } from '../../text/forget-stemmed-words';
import { stemWord } from '../../text/stemmers';

describe('forgetStemmedWords', () => {
  it("empties the memory NLP.js's stemmer keeps of every word it stemmed", () => {
    const stemmer = new StemmerDa();
    stemmer.stemWord('naboerne');
    expect(Object.keys(Reflect.get(stemmer, 'cache') as object)).toEqual(['.naboerne']);
    forgetStemmedWords(stemmer);
    expect(Object.keys(Reflect.get(stemmer, 'cache') as object)).toEqual([]);
    expect(stemmer.stemWord('naboerne')).toBe('nabo');
  });

  it('refuses a stemmer without that memory, so an NLP.js upgrade is noticed', () => {
    expect(() => forgetStemmedWords({ stemWord: (word: string) => word })).toThrow(/NLP.js internals changed/);
  });
});

describe('stemWord', () => {
  it('stems as the Snowball stemmer does', () => {
    const reference = new StemmerDa();
    for (const word of ['bestiller', 'sygesikringskortet', 'naboerne', 'pas'])
      expect(stemWord(word, 'da')).toBe(reference.stemWord(word));
  });
});
