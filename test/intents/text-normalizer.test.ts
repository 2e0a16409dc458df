import { foldDanishSpelling } from '../../text/text-normalizer';
import { wordTokens } from '../../text/word-tokens';

describe('foldDanishSpelling', () => {
  it('folds the spellings of one Danish word onto one form', () => {
    expect(['kørekort', 'koerekort', 'korekort', 'KØREKORT'].map(foldDanishSpelling)).toEqual([
      'korekort',
      'korekort',
      'korekort',
      'korekort',
    ]);
    expect(['Århus', 'Aarhus', 'arhus'].map(foldDanishSpelling)).toEqual(['arhus', 'arhus', 'arhus']);
    expect(foldDanishSpelling('Æble')).toBe('aeble');
  });

  it('treats a decomposed å (a + combining ring) like the composed one', () => {
    expect(foldDanishSpelling('a\u030Ar')).toBe(foldDanishSpelling('år'));
  });

  it('shortens a run of one letter to two, keeping ordinary double letters', () => {
    expect(foldDanishSpelling('heeeeej')).toBe('heej');
    expect(foldDanishSpelling('møøøde')).toBe('moode');
    // A run of æ too, which folds to two letters each ("ae").
    expect(foldDanishSpelling('hjæææææælp')).toBe('hjaeaelp');
    expect(foldDanishSpelling('tillykke')).toBe('tillykke');
  });

  it('leaves punctuation, digits and English words alone', () => {
    expect(foldDanishSpelling('Hej!!! 1112 please')).toBe('hej!!! 1112 please');
  });
});

describe('wordTokens', () => {
  it('splits a folded message into words', () => {
    expect(wordTokens('Hvor får jeg nyt kørekort?')).toEqual(['hvor', 'far', 'jeg', 'nyt', 'korekort']);
    expect(wordTokens(' -- ')).toEqual([]);
  });
});
