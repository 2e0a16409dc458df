import { likelyTopics, MAX_LIKELY_TOPICS, MIN_LIKELY_TOPIC_SCORE } from '../../bot/dialogue/likely-topics';

const everyTopic = () => true;

describe('likelyTopics', () => {
  it('offers the best intents at or above the threshold, best first, at most three', () => {
    const ranked = [
      { intent: 'pas.bestil', score: 0.3 },
      { intent: 'pas.mistet', score: 0.2 },
      { intent: 'koerekort.forny', score: MIN_LIKELY_TOPIC_SCORE },
      { intent: 'flytning.anmeld', score: 0.15 },
      { intent: 'affald.toemning', score: 0.1 },
    ];
    expect(likelyTopics(ranked, everyTopic)).toEqual(['pas.bestil', 'pas.mistet', 'koerekort.forny']);
    expect(MAX_LIKELY_TOPICS).toBe(3);
  });

  it('offers nothing below the threshold (a weather question has only noise)', () => {
    expect(likelyTopics([{ intent: 'pas.bestil', score: 0.14 }], everyTopic)).toEqual([]);
    expect(likelyTopics([], everyTopic)).toEqual([]);
  });

  it('never offers the None class, the emergency answer or what is not a topic', () => {
    const ranked = [
      { intent: 'None', score: 0.5 },
      { intent: 'akut.hjaelp', score: 0.4 },
      { intent: 'hilsen', score: 0.3 },
      { intent: 'pas.bestil', score: 0.2 },
    ];
    expect(likelyTopics(ranked, (intent) => intent !== 'hilsen')).toEqual(['pas.bestil']);
  });

  it('offers a worry about a child or violence at home only as the best guess', () => {
    expect(
      likelyTopics(
        [
          { intent: 'pasning.skriv.op', score: 0.3 },
          { intent: 'underretning', score: 0.25 },
          { intent: 'vold.naer', score: 0.2 },
        ],
        everyTopic,
      ),
    ).toEqual(['pasning.skriv.op']);
    expect(
      likelyTopics(
        [
          { intent: 'underretning', score: 0.3 },
          { intent: 'pasning.skriv.op', score: 0.25 },
        ],
        everyTopic,
      ),
    ).toEqual(['underretning', 'pasning.skriv.op']);
  });
});
