import { decide, DEFAULT_DECISION_POLICY, type DecisionPolicy } from '../../intents/intent-decision';

/** Round numbers, so each case shows which rule decided (the margin exact in binary, for the boundary case). */
const POLICY: DecisionPolicy = {
  answerScore: 0.5,
  minMargin: 0.125,
  clarifyScore: 0.3,
  alternativeScore: 0.2,
  minKnownWords: 0.3,
  minSimilarity: 0.2,
};
const KNOWN = { knownWords: 1, similarity: 1 };

describe('decide', () => {
  it('answers with a clear best intent', () => {
    expect(
      decide(
        [
          { intent: 'pas.bestil', score: 0.8 },
          { intent: 'kørekort', score: 0.2 },
        ],
        KNOWN,
        POLICY,
      ),
    ).toEqual({ kind: 'answer', intent: 'pas.bestil', score: 0.8 });
  });

  it('answers at exactly the answer score and the margin', () => {
    expect(
      decide(
        [
          { intent: 'a', score: 0.5 },
          { intent: 'b', score: 0.375 },
        ],
        KNOWN,
        POLICY,
      ),
    ).toMatchObject({ kind: 'answer', intent: 'a' });
  });

  it('falls back when nothing is ranked or the None class comes first', () => {
    expect(decide([], KNOWN, POLICY)).toEqual({ kind: 'fallback', reason: 'none-class' });
    expect(
      decide(
        [
          { intent: 'None', score: 0.9 },
          { intent: 'a', score: 0.1 },
        ],
        KNOWN,
        POLICY,
      ),
    ).toEqual({ kind: 'fallback', reason: 'none-class' });
  });

  it('falls back when too few words are known or the message is like no training sentence, however high the score', () => {
    const confident = [{ intent: 'a', score: 0.95 }];
    expect(decide(confident, { knownWords: 0.29, similarity: 1 }, POLICY)).toEqual({
      kind: 'fallback',
      reason: 'unknown-words',
    });
    expect(decide(confident, { knownWords: 1, similarity: 0.19 }, POLICY)).toEqual({
      kind: 'fallback',
      reason: 'unknown-words',
    });
  });

  it('asks "Mente du …?" with both intents when the runner-up is close', () => {
    expect(
      decide(
        [
          { intent: 'a', score: 0.55 },
          { intent: 'b', score: 0.5 },
        ],
        KNOWN,
        POLICY,
      ),
    ).toEqual({ kind: 'clarify', intents: ['a', 'b'], score: 0.55 });
  });

  it('asks about the best intent alone when it is below the answer score and the runner-up is weak or None', () => {
    expect(
      decide(
        [
          { intent: 'a', score: 0.4 },
          { intent: 'b', score: 0.1 },
        ],
        KNOWN,
        POLICY,
      ),
    ).toEqual({ kind: 'clarify', intents: ['a'], score: 0.4 });
    expect(
      decide(
        [
          { intent: 'a', score: 0.45 },
          { intent: 'None', score: 0.4 },
        ],
        KNOWN,
        POLICY,
      ),
    ).toEqual({ kind: 'clarify', intents: ['a'], score: 0.45 });
    expect(decide([{ intent: 'a', score: 0.4 }], KNOWN, POLICY)).toEqual({
      kind: 'clarify',
      intents: ['a'],
      score: 0.4,
    });
  });

  it('falls back on a low score', () => {
    expect(
      decide(
        [
          { intent: 'a', score: 0.29 },
          { intent: 'b', score: 0.28 },
        ],
        KNOWN,
        POLICY,
      ),
    ).toEqual({ kind: 'fallback', reason: 'low-score' });
  });

  it('has a default policy whose thresholds are ordered as the rules assume', () => {
    const p = DEFAULT_DECISION_POLICY;
    expect(p.answerScore).toBeGreaterThan(p.clarifyScore);
    expect(p.clarifyScore).toBeGreaterThan(p.alternativeScore);
  });
});
