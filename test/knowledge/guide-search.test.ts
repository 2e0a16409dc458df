import path from 'node:path';
import { GuideSearch, type GuideHit } from '../../knowledge/guide-search';
import type { Language } from '../../text/language';
import { loadKnowledgeBase, type KnowledgeBase } from '../../knowledge/load-knowledge-base';

const KNOWLEDGE_DIRECTORY = path.resolve(__dirname, '../../knowledge');

/** A small deterministic pseudo-random generator (mulberry32), so every run searches the same text. */
function pseudoRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `length` UTF-16 code units of any value, lone surrogates and control characters included. */
function randomCodeUnits(length: number, seed: number): string {
  const next = pseudoRandom(seed);
  let text = '';
  for (let i = 0; i < length; i += 1) text += String.fromCharCode(Math.floor(next() * 0x10000));
  return text;
}

/** `length` characters drawn from letters, digits and every character lunr's query syntax uses. */
function randomQuerySyntax(length: number, seed: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzæøåÆØÅ0123456789 :^~+-*"\'\\()[]{}!?.,;';
  const next = pseudoRandom(seed);
  let text = '';
  for (let i = 0; i < length; i += 1) text += alphabet[Math.floor(next() * alphabet.length)] ?? ' ';
  return text;
}

const ids = (hits: readonly GuideHit[]) => hits.map((h) => h.guide.id);

describe('GuideSearch over the shipped guides', () => {
  let knowledge: KnowledgeBase;
  let search: GuideSearch;

  beforeAll(async () => {
    knowledge = await loadKnowledgeBase(KNOWLEDGE_DIRECTORY);
    search = new GuideSearch(knowledge.guides);
  });

  function expectWellFormed(hits: readonly GuideHit[], language: Language, limit: number): void {
    expect(Array.isArray(hits)).toBe(true);
    expect(hits.length).toBeLessThanOrEqual(limit);
    for (const hit of hits) {
      expect(hit.guide.language).toBe(language);
      expect(Number.isFinite(hit.score)).toBe(true);
    }
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  }

  describe('hostile and odd input never throws', () => {
    const cases: readonly [string, string][] = [
      ['a field with a value', 'pris: 696'],
      ['a trailing colon', 'hej:'],
      ['a leading boost', '^pas'],
      ['a dangling presence operator', 'bil +'],
      ['a negation', '-pas'],
      ['a lone wildcard', '*'],
      ['a lone edit distance', '~2'],
      ['a boost', 'pas^10'],
      ['a lone quote', '"'],
      ['an empty string', ''],
      ['only spaces', '   '],
      ['only emoji', '😀🎉👍🏽🇩🇰'],
      ['lunr field syntax', 'title:pas'],
      ['a backslash and brackets', '\\ [pas] (kørekort) {skat}'],
      ['control characters', '\u0000\u0001\u001f\u007f pas \u2028'],
    ];
    for (const language of ['da', 'en'] as const) {
      it.each(cases)(`in ${language}: %s`, (_name, text) => {
        let hits: GuideHit[] = [];
        expect(() => {
          hits = search.search(text, language);
        }).not.toThrow();
        expectWellFormed(hits, language, 3);
      });
    }

    it('returns nothing for text without words', () => {
      for (const text of ['', '   ', '*', '"', '~2', '😀🎉👍🏽🇩🇰', ':^~+-']) {
        expect(search.search(text, 'da')).toEqual([]);
        expect(search.search(text, 'en')).toEqual([]);
      }
    });

    it('treats query syntax as plain words: "-pas", "^pas", "pas^10" and "title:pas" still find passport guides', () => {
      for (const text of ['-pas', '^pas', 'pas^10', 'title:pas', 'pas*']) {
        expect(ids(search.search(text, 'da', 5))).toContain('pas-bestil');
      }
    });

    it('survives 10,000 random characters (any UTF-16 code unit)', () => {
      for (const seed of [1, 2, 3]) {
        for (const language of ['da', 'en'] as const) {
          const text = randomCodeUnits(10_000, seed);
          expect(text).toHaveLength(10_000);
          expectWellFormed(search.search(text, language), language, 3);
        }
      }
    });

    it('survives 10,000 random characters full of query syntax', () => {
      for (const seed of [4, 5, 6]) {
        for (const language of ['da', 'en'] as const) {
          expectWellFormed(search.search(randomQuerySyntax(10_000, seed), language), language, 3);
        }
      }
    });

    it('survives 100,000-character messages', () => {
      const messages = [
        'a'.repeat(100_000),
        'pas '.repeat(25_000),
        'kørekort: ^pas -bil +skat ~2 '.repeat(3_500).slice(0, 100_000),
        randomQuerySyntax(100_000, 7),
      ];
      for (const text of messages) {
        expect(text.length).toBeGreaterThanOrEqual(100_000);
        for (const language of ['da', 'en'] as const) expectWellFormed(search.search(text, language), language, 3);
      }
    });
  });

  describe('relevance', () => {
    it('finds the waste guide first for a bin that was not emptied, also spelled without "ø"', () => {
      expect(ids(search.search('skraldespanden er ikke blevet tømt', 'da'))[0]).toBe('affald-toemmedage');
      expect(ids(search.search('skraldespanden er ikke blevet toemt', 'da'))[0]).toBe('affald-toemmedage');
    });

    it('finds the fishing licence guide, a topic no intent covers', () => {
      expect([...knowledge.intents.keys()].some((id) => id.includes('fisk'))).toBe(false);
      expect(ids(search.search('fisketegn', 'da'))[0]).toBe('fisketegn');
      expect(ids(search.search('hvor køber jeg fisketegn', 'da'))[0]).toBe('fisketegn');
    });

    it('finds the English health card guide for "yellow health card" in English', () => {
      const hits = search.search('yellow health card', 'en');
      expect(ids(hits)[0]).toBe('en-yellow-health-card');
      expectWellFormed(hits, 'en', 3);
    });

    it('searches only the guides of the requested language', () => {
      expect(ids(search.search('yellow health card', 'da'))).not.toContain('en-yellow-health-card');
      expect(ids(search.search('fisketegn', 'en'))).not.toContain('fisketegn');
    });

    it('finds a driving licence guide despite a typo ("kørekrot")', () => {
      const found = ids(search.search('kørekrot', 'da'));
      expect(found.length).toBeGreaterThan(0);
      expect(found[0]).toMatch(/^koerekort-/);
    });

    it('finds a driving licence guide however "kørekort" is spelled', () => {
      for (const text of ['kørekort', 'koerekort', 'korekort', 'KØREKORT']) {
        expect(ids(search.search(text, 'da'))[0]).toMatch(/^koerekort-/);
      }
    });

    it('returns at most the requested number of results', () => {
      const text = 'kørekort pas sundhedskort affald flytning skat';
      expect(search.search(text, 'da').length).toBe(3);
      for (const limit of [0, 1, 2, 5, 10]) {
        const hits = search.search(text, 'da', limit);
        expect(hits.length).toBe(limit);
        expectWellFormed(hits, 'da', limit);
      }
      expect(new Set(ids(search.search(text, 'da', 10))).size).toBe(10);
    });
  });
});
