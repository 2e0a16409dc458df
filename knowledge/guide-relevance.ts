import { withinOneEdit } from '../text/one-edit';

/** A word of a message or of a guide's title and keywords, spelling folded, with its stem. */
export interface RelevanceTerm {
  readonly word: string;
  readonly stem: string;
}

/**
 * Lowest share of a message's topic words that a guide's title and keywords must cover for the
 * guide to be shown. Full-text search always finds something (a weather question found
 * "Dødsfald" through a one-letter fuzzy match in a body); a card that has nothing to do with the
 * question costs the citizen's trust, so a guide must share the question's own topic words. A third
 * lets one clear topic word ("fisketegn") carry a message with two other words in it.
 */
export const MIN_GUIDE_RELEVANCE = 1 / 3;

/**
 * Words that are in almost every question to a municipality and say nothing about which guide fits,
 * spelled as folded text ("får" → "far"). Stop words are already gone (lunr's lists).
 */
const WORDS_WITHOUT_TOPIC = new Set([
  // Danish
  'hjaelp',
  'hjalp',
  'hjaelpe',
  'sporgsmal',
  'sporge',
  'kommune',
  'kommunen',
  'borgerservice',
  'gerne',
  'bare',
  'lige',
  'far',
  'gore',
  'vide',
  'hej',
  'tak',
  'brug',
  'bruge',
  'hvordan',
  'hvorfor',
  'hvornar',
  'ingen',
  // Verbs that start many guide titles ("Giv eller få digital fuldmagt", "Søg om …", "Tag kørekort …")
  'giv',
  'tag',
  'bliv',
  'sog',
  'soge',
  'lav',
  'hent',
  'andet',
  'anden',
  // English
  'help',
  'question',
  'council',
  'municipality',
  'please',
  'need',
  'want',
  'know',
  'hello',
  'thanks',
  'get',
  'give',
  'take',
  'make',
]);

/** The words of a message that can say what it is about. */
export function topicTerms(terms: readonly RelevanceTerm[]): RelevanceTerm[] {
  return terms.filter(
    (term) => term.word.length >= 3 && !/^\p{N}+$/u.test(term.word) && !WORDS_WITHOUT_TOPIC.has(term.word),
  );
}

/**
 * Share (0–1) of the message's topic words found in a guide's title or keywords: the same word or
 * stem, a compound's part ("lystfisketegn" / "fisketegn"), or one typo in a word
 * of at least 5 letters ("kørekrot"). The body is left out on purpose: almost any word is in some body.
 */
export function guideRelevance(message: readonly RelevanceTerm[], guide: readonly RelevanceTerm[]): number {
  const topic = topicTerms(message);
  if (topic.length === 0) return 0;
  const guideTopic = topicTerms(guide);
  const covered = topic.filter((term) => guideTopic.some((guideTerm) => sameTopicWord(term, guideTerm)));
  return covered.length / topic.length;
}

function sameTopicWord(a: RelevanceTerm, b: RelevanceTerm): boolean {
  if (a.word === b.word || (a.stem.length >= 3 && a.stem === b.stem)) return true;
  const [shorter, longer] = a.word.length <= b.word.length ? [a.word, b.word] : [b.word, a.word];
  // A compound's first part may be short ("pasfoto"); its last part must be longer, or "meningen"
  // would be about "ingen".
  if ((shorter.length >= 4 && longer.startsWith(shorter)) || (shorter.length >= 6 && longer.endsWith(shorter)))
    return true;
  return shorter.length >= 5 && withinOneEdit(a.word, b.word);
}
