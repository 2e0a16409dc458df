import { foldDanishSpelling } from '../text/text-normalizer';
import { wordTokens } from '../text/word-tokens';
import { danish, english, lunr, type PipelineParts } from '../text/danish-lunr';
import type { Guide } from './guide';
import { guideRelevance, MIN_GUIDE_RELEVANCE, type RelevanceTerm } from './guide-relevance';
import type { Language } from '../text/language';

export interface GuideHit {
  readonly guide: Guide;
  readonly score: number;
}

const MAX_QUERY_WORDS = 12;
/** How many search results are checked for relevance before giving up. */
const RELEVANCE_CANDIDATES = 10;

/**
 * Full-text search over the self-service guides, one lunr index per language (Danish with the
 * Danish stemmer and stop words). Queries are built with lunr's query builder from cleaned words,
 * never by handing citizen text to `index.search`, whose query syntax throws on "pris: 696",
 * "^pas" or "bil +" and treats "-pas" as "not pas".
 */
export class GuideSearch {
  private readonly indexes: Record<Language, lunr.Index>;
  private readonly guidesById: Map<string, Guide>;
  /** Each guide's title and keyword words, for relevance (guide-relevance.ts). */
  private readonly titleTerms: Map<string, RelevanceTerm[]>;

  constructor(guides: readonly Guide[]) {
    this.guidesById = new Map(guides.map((g) => [g.id, g]));
    this.titleTerms = new Map(
      guides.map((g) => [g.id, cleanedWords(`${g.title} ${g.keywords.join(' ')}`, g.language, Infinity)]),
    );
    this.indexes = {
      da: buildIndex(
        guides.filter((g) => g.language === 'da'),
        'da',
      ),
      en: buildIndex(
        guides.filter((g) => g.language === 'en'),
        'en',
      ),
    };
  }

  /** The best guides for a message, best first. Never throws on any text. */
  search(text: string, language: Language, limit = 3): GuideHit[] {
    const words = queryWords(text, language);
    if (words.length === 0) return [];
    const results = this.indexes[language].query((query) => {
      for (const { word, stem } of words) {
        // The exact word (stemmed by the index's own pipeline) counts most; then the typed word as a
        // prefix ("sundhedsk" → sundhedskort); then the stem with one typo ("kørekrot").
        query.term(word, { fields: ['title', 'keywords', 'summary', 'body'], boost: 10 });
        if (word.length >= 4) {
          query.term(word, {
            fields: ['title', 'keywords'],
            wildcard: lunr.Query.wildcard.TRAILING,
            usePipeline: false,
            boost: 3,
          });
          query.term(stem, { fields: ['title', 'keywords', 'summary'], editDistance: 1, usePipeline: false, boost: 1 });
        }
      }
    });
    return results.slice(0, limit).flatMap((r) => {
      const guide = this.guidesById.get(r.ref);
      return guide ? [{ guide, score: r.score }] : [];
    });
  }

  /**
   * The guides worth showing as cards for a message: the search's best, kept only when they share
   * the message's topic words (guide-relevance.ts). Often none, and then none is better than a wrong one.
   */
  relevantGuides(text: string, language: Language, limit = 3): GuideHit[] {
    const words = queryWords(text, language);
    return this.search(text, language, RELEVANCE_CANDIDATES)
      .filter(({ guide }) => guideRelevance(words, this.titleTerms.get(guide.id) ?? []) >= MIN_GUIDE_RELEVANCE)
      .slice(0, limit);
  }
}

function buildIndex(guides: readonly Guide[], language: Language): lunr.Index {
  return lunr(function build() {
    if (language === 'da') this.use(danish);
    this.ref('id');
    this.field('title', { boost: 5 });
    this.field('keywords', { boost: 4 });
    this.field('summary', { boost: 2 });
    this.field('body');
    for (const guide of guides) {
      this.add({
        id: guide.id,
        title: searchable(guide.title),
        keywords: searchable(guide.keywords.join(' ')),
        summary: searchable(guide.summary),
        body: searchable(guide.body),
      });
    }
  });
}

/** Guides and queries are folded alike, so "koerekort", "kørekort" and "korekort" meet. */
function searchable(text: string): string {
  return foldDanishSpelling(text);
}

const PARTS: Record<Language, PipelineParts> = { da: danish, en: english };
const CLEANERS: Record<Language, lunr.Pipeline> = { da: cleaner(PARTS.da), en: cleaner(PARTS.en) };
const STEMMERS: Record<Language, lunr.Pipeline> = { da: stemmerOnly(PARTS.da), en: stemmerOnly(PARTS.en) };

function cleaner(parts: PipelineParts): lunr.Pipeline {
  const pipeline = new lunr.Pipeline();
  pipeline.add(parts.trimmer, parts.stopWordFilter);
  return pipeline;
}
function stemmerOnly(parts: PipelineParts): lunr.Pipeline {
  const pipeline = new lunr.Pipeline();
  pipeline.add(parts.stemmer);
  return pipeline;
}

/** Cleaned, stop-word-free words of a message with their stems; nothing of lunr's query syntax survives. */
function queryWords(text: string, language: Language): RelevanceTerm[] {
  return cleanedWords(text, language, MAX_QUERY_WORDS);
}

function cleanedWords(text: string, language: Language, maxWords: number): RelevanceTerm[] {
  // wordTokens folds spelling and splits on anything but letters and digits. (Pipeline.runString
  // does not split: it treats its whole input as one token.)
  const cleaned = wordTokens(text)
    .flatMap((word) => CLEANERS[language].runString(word))
    .filter((w) => w.length > 1);
  return [...new Set(cleaned)]
    .slice(0, maxWords)
    .map((word) => ({ word, stem: STEMMERS[language].runString(word)[0] ?? word }));
}
