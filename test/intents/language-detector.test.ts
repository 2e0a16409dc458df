import { LanguageDetector } from '../../intents/language-detector';
import type { TrainingCorpus } from '../../intents/training-corpus';

const CORPUS: TrainingCorpus = {
  da: [
    { text: 'Jeg har mistet mit sundhedskort', intent: 'sundhedskort' },
    { text: 'Hvordan bestiller jeg et nyt pas', intent: 'pas' },
  ],
  en: [
    { text: 'I lost my health insurance card', intent: 'sundhedskort' },
    { text: 'How do I order a new passport', intent: 'pas' },
  ],
};

describe('LanguageDetector', () => {
  const detector = LanguageDetector.fromCorpus(CORPUS);

  it('switches to the other language when the message clearly is in it', () => {
    expect(detector.languageFor('I lost my yellow card', 'da')).toBe('en');
    expect(detector.languageFor('jeg har mistet mit kort', 'en')).toBe('da');
  });

  it('stays in the current language on one foreign word', () => {
    expect(detector.languageFor('passport', 'da')).toBe('da');
    expect(detector.languageFor('hej', 'en')).toBe('en');
  });

  it('stays when the message has as many current-language words as foreign ones', () => {
    expect(detector.languageFor('jeg har lost my card', 'da')).toBe('da');
  });

  it('stays on words neither language knows, and on words both share', () => {
    expect(detector.languageFor('xyzzy plugh', 'en')).toBe('en');
    expect(detector.languageFor('nyt new pas', 'da')).toBe('da');
  });

  it('knows common function words that are not in the training sentences', () => {
    expect(detector.languageFor('what is this about', 'da')).toBe('en');
    expect(detector.languageFor('hvad er det også', 'en')).toBe('da');
  });

  it('folds Danish spelling before comparing', () => {
    expect(detector.languageFor('HVORDAN bestiller JEG', 'en')).toBe('da');
    expect(detector.languageFor('sundhedskoert hvordan', 'en')).toBe('da');
  });
});
