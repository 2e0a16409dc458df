import {
  currentTopic,
  TOPIC_LIFETIME_MS,
  topicAfterAnswer,
  type ConversationTopic,
} from '../../bot/dialogue/conversation-topic';
import { correctedQuestion, isElliptical, resolveTopic, type Understanding } from '../../bot/dialogue/follow-up';
import type { IntentDecision } from '../../intents/intent-decision';
import { recogniseFacet } from '../../intents/facet-recogniser';

const answer = (intent: string): IntentDecision => ({ kind: 'answer', intent, score: 0.8 });
const unsure: IntentDecision = { kind: 'fallback', reason: 'low-score' };
const understood = (decision: IntentDecision, text?: string, top: string[] = []): Understanding => {
  const facet = text ? recogniseFacet(text) : undefined;
  return { decision, top, ...(facet ? { facet } : {}) };
};

describe('resolveTopic', () => {
  it('reads a bare facet question as a follow-up on the topic', () => {
    expect(
      resolveTopic({ topic: 'pas.bestil', message: understood(unsure, 'hvad koster det?'), elliptical: false }),
    ).toEqual({ kind: 'answer', intent: 'pas.bestil', facet: 'cost', reason: 'follow-up' });
  });

  it('stays on the topic when the classifier alone was unsure between it and another', () => {
    const clarify: IntentDecision = { kind: 'clarify', intents: ['pas.mistet', 'pas.bestil'], score: 0.3 };
    expect(
      resolveTopic({ topic: 'pas.bestil', message: understood(clarify, 'skal jeg ha noget med'), elliptical: false }),
    ).toEqual({ kind: 'answer', intent: 'pas.bestil', facet: 'documents', reason: 'same-topic' });
  });

  it('moves to a new topic that the rest of a facet question names', () => {
    expect(
      resolveTopic({
        topic: 'pas.bestil',
        message: understood(answer('straffeattest'), 'hvad koster en børneattest'),
        rest: understood(answer('straffeattest'), 'en bornattest', ['straffeattest']),
        elliptical: false,
      }),
    ).toEqual({ kind: 'answer', intent: 'straffeattest', facet: 'cost', reason: 'new-topic' });
  });

  it('keeps the topic when the rest names only a topic that is itself a facet (case processing time)', () => {
    expect(
      resolveTopic({
        topic: 'boligstoette',
        message: understood(answer('sag.status'), 'hvor lang tid går der før jeg får svar'),
        rest: understood(answer('sag.status'), 'svar', ['sag.status']),
        elliptical: false,
      }),
    ).toEqual({ kind: 'answer', intent: 'boligstoette', facet: 'duration', reason: 'follow-up' });
  });

  it('gives the general answer, not a broad facet, when a topic is asked for the first time', () => {
    expect(
      resolveTopic({ message: understood(answer('boligstoette'), 'hvordan søger jeg boligstøtte'), elliptical: false }),
    ).toEqual({
      kind: 'as-classified',
      decision: answer('boligstoette'),
      facet: undefined,
    });
    expect(
      resolveTopic({ message: understood(answer('pas.bestil'), 'hvad koster et pas'), elliptical: false }),
    ).toMatchObject({ facet: 'cost' });
    // Asked again within the topic, "hvordan søger jeg" asks for the steps.
    expect(
      resolveTopic({
        topic: 'boligstoette',
        message: understood(answer('boligstoette'), 'hvordan søger jeg'),
        elliptical: false,
      }),
    ).toMatchObject({ intent: 'boligstoette', facet: 'steps' });
  });

  it('treats a correction as a new question that is not the corrected topic', () => {
    expect(
      resolveTopic({
        topic: 'affald.toemning',
        message: understood(answer('affald.toemning')),
        correction: understood(answer('affald.storskrald')),
        elliptical: false,
      }),
    ).toEqual({ kind: 'answer', intent: 'affald.storskrald', facet: undefined, reason: 'correction' });
    const either: IntentDecision = { kind: 'clarify', intents: ['affald.toemning', 'genbrugsplads'], score: 0.3 };
    expect(
      resolveTopic({
        topic: 'affald.toemning',
        message: understood(answer('affald.toemning')),
        correction: understood(either),
        elliptical: false,
      }),
    ).toMatchObject({ kind: 'as-classified', decision: { kind: 'clarify', intents: ['genbrugsplads'] } });
  });

  it('asks what the citizen wants to know after a short elliptical question', () => {
    expect(resolveTopic({ topic: 'pas.bestil', message: understood(unsure), elliptical: true })).toEqual({
      kind: 'ask',
      intent: 'pas.bestil',
    });
  });

  it('lets a clear new question without a facet change the topic', () => {
    expect(
      resolveTopic({ topic: 'pas.bestil', message: understood(answer('affald.toemning')), elliptical: false }),
    ).toEqual({
      kind: 'as-classified',
      decision: answer('affald.toemning'),
      facet: undefined,
    });
  });
});

describe('correctedQuestion', () => {
  test.each([
    ['nej jeg mener storskrald', 'storskrald'],
    ['Nej, jeg mente det blå kort', 'det bla kort'],
    ['nej ikke det, jeg mener p-kortet til handicappede', 'p-kortet til handicappede'],
    ['no, I meant the blue card', 'the blue card'],
  ])('"%s" corrects to "%s"', (text, question) => {
    expect(correctedQuestion(text)).toBe(question);
  });

  test.each(['nej tak', 'nej', 'jeg mener det', 'hvad koster det'])('"%s" corrects nothing', (text) => {
    expect(correctedQuestion(text)).toBeUndefined();
  });
});

describe('isElliptical', () => {
  test.each([
    'og til børn?',
    'hvad med min mand',
    'hvad så hvis det er udløbet',
    'what about kids?',
    'and for children?',
  ])('"%s" leans on the question before', (text) => expect(isElliptical(text)).toBe(true));
  test.each(['hvad koster et pas', 'og så vil jeg gerne vide hvordan man søger om boligstøtte til en studerende'])(
    '"%s" stands alone',
    (text) => expect(isElliptical(text)).toBe(false),
  );
});

describe('the conversation topic', () => {
  const at = new Date('2026-03-02T10:00:00Z');
  const topic: ConversationTopic = topicAfterAnswer(undefined, 'pas.bestil', 'general', at);

  it('lapses half an hour after the last answer on it', () => {
    expect(currentTopic(topic, new Date(at.getTime() + TOPIC_LIFETIME_MS))).toEqual(topic);
    expect(currentTopic(topic, new Date(at.getTime() + TOPIC_LIFETIME_MS + 1))).toBeUndefined();
  });

  it('remembers the parts answered on the same topic, and starts afresh on a new one', () => {
    const later = new Date(at.getTime() + 60_000);
    expect(topicAfterAnswer(topic, 'pas.bestil', 'cost', later)).toEqual({
      intent: 'pas.bestil',
      answered: ['general', 'cost'],
      at: later.toISOString(),
    });
    expect(topicAfterAnswer(topic, 'pas.mistet', 'cost', later).answered).toEqual(['cost']);
  });
});
