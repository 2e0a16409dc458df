import { callbackDetailsIn, joinTopics, MAX_CALLBACK_MESSAGE } from '../../bot/dialogue/callback-details';
import { REDACTION_MARKERS } from '../../privacy/personal-data-redactor';

describe('the details of a callback in one message', () => {
  it.each([
    ['12 34 56 78', { phone: '12 34 56 78' }],
    ['Mit nummer er 12345678', { phone: '12 34 56 78' }],
    ['ring mig op på +45 12 34 56 78, tak', { phone: '+45 12 34 56 78' }],
    ['Call me on 12 34 56 78 please', { phone: '12 34 56 78' }],
    ['Det handler om mit pas', { topic: 'Det handler om mit pas' }],
    ['pas', { topic: 'pas' }],
    [
      'Ring på 12 34 56 78 om mit pas',
      { phone: '12 34 56 78', topic: `Ring på ${REDACTION_MARKERS.phone} om mit pas` },
    ],
    ['ok', {}],
    ['tak', {}],
    ['?', {}],
  ])('"%s"', (message, expected) => {
    expect(callbackDetailsIn(message)).toEqual(expected);
  });

  it('keeps a CPR number out of the topic, and a CPR number alone is no topic', () => {
    expect(callbackDetailsIn('mit cpr er 010203-1234')).toEqual({});
    expect(callbackDetailsIn('om mit pas, cpr 010203-1234').topic).toBe(`om mit pas, cpr ${REDACTION_MARKERS.cpr}`);
  });

  it('joins topics as sentences within the request limit', () => {
    expect(joinTopics(undefined, 'om mit pas')).toBe('om mit pas');
    expect(joinTopics('om mit pas', undefined)).toBe('om mit pas');
    expect(joinTopics('Om mit pas', 'og kørekort')).toBe('Om mit pas. og kørekort');
    expect(joinTopics('Om mit pas?', 'Og kørekort')).toBe('Om mit pas? Og kørekort');
    expect(joinTopics('a'.repeat(400), 'b'.repeat(400))).toHaveLength(MAX_CALLBACK_MESSAGE);
    expect(callbackDetailsIn(`pas ${'x'.repeat(600)}`).topic).toHaveLength(MAX_CALLBACK_MESSAGE);
  });
});
