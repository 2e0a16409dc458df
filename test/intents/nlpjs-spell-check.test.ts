import { containerBootstrap } from '@nlpjs/core';
import { LangDa } from '@nlpjs/lang-da';
import { Nlp } from '@nlpjs/nlp';
import fc from 'fast-check';
import { indexSpellCheck, spellChecksOf, type NlpJsSpellCheck } from '../../intents/nlpjs-spell-check';
import { trainingCorpusFrom } from '../../intents/training-corpus';
import { loadKnowledgeBase } from '../../knowledge/load-knowledge-base';
import { stemWord } from '../../text/stemmers';
import { wordTokens } from '../../text/word-tokens';

/** NLP.js's own spell check, as an untrained Danish Nlp holds it. */
function nlpJsSpellCheck(): NlpJsSpellCheck {
  const container = containerBootstrap();
  container.use(LangDa);
  const nlp = new Nlp({ container, languages: ['da'], autoSave: false, autoLoad: false, nlu: { log: false } });
  const [spellCheck] = spellChecksOf(nlp);
  if (!spellCheck) throw new Error('no spell check');
  return spellCheck;
}

/** Known stems like the ones NLP.js learns from the shipped knowledge base, in training order. */
async function shippedStems(): Promise<string[]> {
  const corpus = trainingCorpusFrom(await loadKnowledgeBase());
  const stems = new Set(corpus.da.flatMap((e) => wordTokens(e.text).map((w) => stemWord(w, 'da'))));
  return [...stems];
}

const LETTERS = 'aeiknorst';

/** Every word one edit from `word` over LETTERS: deletions, insertions, substitutions, neighbour swaps. */
function oneEditAway(word: string): string[] {
  const edits: string[] = [];
  for (let i = 0; i <= word.length; i += 1) {
    if (i < word.length) edits.push(word.slice(0, i) + word.slice(i + 1));
    if (i + 1 < word.length) edits.push(word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2));
    for (const letter of LETTERS) {
      edits.push(word.slice(0, i) + letter + word.slice(i));
      if (i < word.length) edits.push(word.slice(0, i) + letter + word.slice(i + 1));
    }
  }
  return edits;
}

describe('indexSpellCheck', () => {
  let stems: string[];
  let plain: NlpJsSpellCheck;
  let indexed: NlpJsSpellCheck;

  beforeAll(async () => {
    stems = await shippedStems();
    const features = () => Object.fromEntries(stems.map((stem) => [stem, 1]));
    plain = nlpJsSpellCheck();
    indexed = nlpJsSpellCheck();
    indexSpellCheck(indexed);
    plain.setFeatures(features());
    indexed.setFeatures(features());
  });

  it('corrects every word exactly as NLP.js does: known stems, their one- and two-edit neighbours', () => {
    // NLP.js's own search takes a few hundred microseconds a word here: a sample, not every stem.
    const oneEdit = stems.filter((_, i) => i % 100 === 0).flatMap(oneEditAway);
    const twoEdits = stems
      .filter((_, i) => i % 1000 === 0)
      .flatMap((s) => oneEditAway(s).slice(0, 10).flatMap(oneEditAway));
    const differing: string[] = [];
    let corrected = 0;
    for (const word of [...stems, ...oneEdit, ...twoEdits]) {
      const expected = plain.checkToken(word, 1);
      if (indexed.checkToken(word, 1) !== expected) differing.push(word);
      if (expected !== word) corrected += 1;
    }
    expect(differing).toEqual([]);
    expect(corrected).toBeGreaterThan(500);
  });

  it('agrees on arbitrary words, odd ones included', () => {
    for (const word of ['constructor', '__proto__', 'tostring', 'café', 'cafe', '2024', '😀😀😀😀', 'x', '']) {
      expect([word, indexed.checkToken(word, 1)]).toEqual([word, plain.checkToken(word, 1)]);
    }
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...Array.from('abdegiklmnorstuvæøå')), maxLength: 12 }), (word) => {
        expect(indexed.checkToken(word, 1)).toBe(plain.checkToken(word, 1));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves other distances to NLP.js and follows new stems', () => {
    for (const word of ['pasport', 'sundhedskor', 'kommunne']) {
      expect(indexed.checkToken(word, 2)).toBe(plain.checkToken(word, 2));
    }
    const fewer = () => Object.fromEntries(stems.slice(0, 200).map((stem) => [stem, 1]));
    plain.setFeatures(fewer());
    indexed.setFeatures(fewer());
    for (const word of stems.slice(0, 400).flatMap((s) => oneEditAway(s).slice(0, 5))) {
      expect(indexed.checkToken(word, 1)).toBe(plain.checkToken(word, 1));
    }
  });

  it('refuses an object that does not hold NLP.js spell checks', () => {
    expect(() => spellChecksOf({})).toThrow(/NLP.js internals changed/);
    expect(() =>
      spellChecksOf({ nluManager: { domainManagers: { da: { domains: { x: { spellCheck: {} } } } } } }),
    ).toThrow(/not a SpellCheck/);
  });
});
