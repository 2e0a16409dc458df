import { linkAdvice } from '../../knowledge/link-advice';
import { readability, readableText } from '../../knowledge/plain-language';
import { plainLanguageReport } from '../../knowledge/plain-language-report';
import { shippedKnowledge } from '../support/stub-knowledge-source';

describe('readability (LIX and sentence length)', () => {
  it('computes LIX as words per sentence plus the percentage of words over six letters', () => {
    // 9 words, 2 sentences, 1 long word ("Borgerservice"): 9/2 + 100·1/9 = 15.6
    const result = readability('Du søger om pas i Borgerservice. Bestil tid først.');
    expect(result).toEqual(
      expect.objectContaining({ words: 9, sentences: 2, longWords: 1, lix: 15.6, band: 'let', tooLong: [] }),
    );
    expect(result.longestSentence).toEqual({ text: 'Du søger om pas i Borgerservice.', words: 6 });
  });

  it('puts hard text in the hard band', () => {
    const result = readability('Ansøgningsproceduren vedrørende indfødsretsmeddelelser forudsætter dokumentation.');
    expect(result.lix).toBe(105);
    expect(result.band).toBe('svaer');
  });

  it('uses the content guide bands: up to 35 easy, up to 44 middel, 45 and above hard', () => {
    const sentence = (words: number, long: number) =>
      `${[...Array<string>(long).fill('lange0ord'), ...Array<string>(words - long).fill('kort')].join(' ')}.`;
    expect(readability(sentence(10, 2)).band).toBe('let'); // 10 + 20 = 30
    expect(readability(sentence(20, 3)).band).toBe('let'); // 20 + 15 = 35
    expect(readability(sentence(10, 3)).band).toBe('middel'); // 10 + 30 = 40
    expect(readability(sentence(20, 5)).band).toBe('svaer'); // 20 + 25 = 45
  });

  it('reads Markdown as the citizen sees it: link texts, not addresses; bullets are sentences', () => {
    expect(readableText('Se [Bestil pas](https://www.borger.dk/pas) nu.')).toBe('Se Bestil pas nu.');
    expect(readableText('Ring på {{municipality.phone}}.')).toBe('Ring på X.');
    const bullets = readability('- Tag dit pas med\n- Tag et foto med\n\n**Bestil tid** først.');
    expect(bullets.sentences).toBe(3);
  });

  it('lists every sentence over 25 words', () => {
    const long = `${Array<string>(26).fill('ord').join(' ')}.`;
    const result = readability(`Kort sætning. ${long}`);
    expect(result.tooLong).toEqual([long]);
    expect(result.longestSentence.words).toBe(26);
  });

  it('gives 0 for a text without words', () => {
    expect(readability('').lix).toBe(0);
    expect(readability('**  **\n\n- ').sentences).toBe(0);
  });
});

describe('linkAdvice', () => {
  it('asks for a link text that says where it goes', () => {
    expect(linkAdvice({ title: 'Klik her', url: 'https://www.borger.dk/pas' })[0]).toMatch(/siger ikke, hvor/);
    expect(linkAdvice({ title: 'https://www.borger.dk/pas', url: 'https://www.borger.dk/pas' })[0]).toMatch(
      /linktekst med ord/,
    );
  });

  it('asks for the page itself rather than a home page', () => {
    expect(linkAdvice({ title: 'borger.dk', url: 'https://www.borger.dk' })).toEqual([
      expect.stringMatching(/forside/),
    ]);
    expect(linkAdvice({ title: 'borger.dk', url: 'https://www.borger.dk/' })).toHaveLength(1);
  });

  it('has nothing to say about a good deep link or a profile placeholder', () => {
    expect(linkAdvice({ title: 'Bestil pas på borger.dk', url: 'https://www.borger.dk/pas-og-id/pas' })).toEqual([]);
    expect(linkAdvice({ title: 'Bestil tid', url: '{{links.booking}}' })).toEqual([]);
  });
});

describe('the shipped answers and facets', () => {
  it('get no plain-language advice but links to home pages (klarsprog: LIX under 45, no sentence over 25 words)', async () => {
    const { findings, bands } = plainLanguageReport(await shippedKnowledge());
    expect(findings.filter((finding) => !/forside/.test(finding.advice))).toEqual([]);
    expect(bands.svaer).toBe(0);
  });
});
