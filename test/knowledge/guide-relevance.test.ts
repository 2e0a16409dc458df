import path from 'node:path';
import { GuideSearch } from '../../knowledge/guide-search';
import { guideRelevance, MIN_GUIDE_RELEVANCE, topicTerms } from '../../knowledge/guide-relevance';
import { loadKnowledgeBase } from '../../knowledge/load-knowledge-base';
import type { Language } from '../../text/language';

const KNOWLEDGE_DIRECTORY = path.resolve(__dirname, '../../knowledge');
const term = (word: string, stem = word) => ({ word, stem });

describe('guideRelevance', () => {
  const fishing = [term('fisketegn'), term('lystfiskertegn'), term('fiske', 'fisk')];

  it('is the share of the message topic words found in the title and keywords', () => {
    expect(guideRelevance([term('fisketegn'), term('son')], fishing)).toBe(0.5);
    expect(guideRelevance([term('fisketegn')], fishing)).toBe(1);
    expect(guideRelevance([term('vejret'), term('morgen')], fishing)).toBe(0);
  });

  it('counts a compound part of at least four letters and one typo in a word of five or more', () => {
    expect(guideRelevance([term('lystfisketegn')], fishing)).toBe(1);
    expect(guideRelevance([term('fisktegn')], fishing)).toBe(1);
    expect(guideRelevance([term('fis')], fishing)).toBe(0);
  });

  it('leaves out words every question has, numbers and very short words', () => {
    expect(topicTerms([term('hjaelp'), term('kommunen'), term('12'), term('ok'), term('pas')])).toEqual([term('pas')]);
    expect(guideRelevance([term('hjaelp'), term('sporgsmal')], fishing)).toBe(0);
  });

  it('is 0 for a message without topic words', () => {
    expect(guideRelevance([], fishing)).toBe(0);
  });
});

describe('GuideSearch.relevantGuides over the shipped guides', () => {
  let search: GuideSearch;
  beforeAll(async () => {
    search = new GuideSearch((await loadKnowledgeBase(KNOWLEDGE_DIRECTORY)).guides);
  });
  const first = (text: string, language: Language) => search.relevantGuides(text, language)[0]?.guide.id;

  // Written for this test: topics a guide covers, asked the way citizens ask.
  const relevant: readonly [string, Language, RegExp][] = [
    ['fisketegn til lystfiskeri', 'da', /^fisketegn$/],
    ['hvor køber jeg fisketegn', 'da', /^fisketegn$/],
    ['jeg vil gerne have hjælp til et fisketegn til min søn', 'da', /^fisketegn$/],
    ['jagttegn', 'da', /^jagttegn$/],
    ['bliv låner på biblioteket', 'da', /^laanerkort-bibliotek$/],
    ['gadelyset på vores vej er gået ud', 'da', /^fejl-paa-vej-gadelys$/],
    ['beboerparkering', 'da', /^beboerparkering$/],
    ['kørekrot', 'da', /^koerekort-/],
    ['nummerplader til min bil', 'da', /^bil-omregistrering-nummerplader$/],
    ['borgerlig vielse på rådhuset', 'da', /^vielse-borgerlig$/],
    ['yellow health card', 'en', /^en-yellow-health-card$/],
    ['how do I exchange my foreign driving licence', 'en', /^en-exchange-driving-licence$/],
  ];
  it.each(relevant)('shows a guide for "%s" (%s)', (text, language, expected) => {
    expect(first(text, language)).toMatch(expected);
  });

  // Off-topic, abuse and noise: full-text search finds something for most of these, and none may be shown.
  const irrelevant: readonly [string, Language][] = [
    ['Hvordan bliver vejret i morgen?', 'da'],
    ['hvem vandt fodboldkampen i går', 'da'],
    ['opskrift på frikadeller', 'da'],
    ['hvad er meningen med livet', 'da'],
    ['du er dum', 'da'],
    ['asdfgh qwerty', 'da'],
    ['kan du hjælpe mig med et spørgsmål', 'da'],
    ['hvad synes du om katte', 'da'],
    ['giv mig en opskrift på æblekage', 'da'],
    ['what will the weather be like tomorrow', 'en'],
    ['tell me a joke', 'en'],
    ['who won the football match yesterday', 'en'],
  ];
  it.each(irrelevant)('shows no guide for "%s" (%s)', (text, language) => {
    expect(search.relevantGuides(text, language)).toEqual([]);
  });

  it('shows no guide that only the full-text search found', () => {
    const text = 'Hvordan bliver vejret i morgen?';
    expect(search.search(text, 'da').length).toBeGreaterThan(0); // what the assistant used to show
    expect(search.relevantGuides(text, 'da')).toEqual([]);
  });

  it('keeps the threshold at a third: one clear topic word among three carries the message', () => {
    expect(MIN_GUIDE_RELEVANCE).toBeCloseTo(1 / 3);
    expect(first('fisketegn lørdag morgen', 'da')).toBe('fisketegn');
    expect(search.relevantGuides('fisketegn lørdag morgen aften', 'da')).toEqual([]);
  });

  it('returns at most the requested number of guides', () => {
    expect(search.relevantGuides('kørekort', 'da', 2).length).toBeLessThanOrEqual(2);
    expect(search.relevantGuides('kørekort', 'da', 0)).toEqual([]);
  });
});
