import { Writable } from 'node:stream';
import { createLogger } from '../../bot/runtime/logger';
import { ConversationHarness } from '../support/conversation-harness';
import { stubKnowledgeSource } from '../support/stub-knowledge-source';

describe('structured logs', () => {
  it('never contain the message text or personal data, only intents and kinds', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger('info', sink);
    const chat = new ConversationHarness(
      await stubKnowledgeSource(() => ({ kind: 'answer', intent: 'sundhedskort.gult', score: 0.9 })),
    );
    await chat.say('hej jeg hedder Jens Hansen, cpr 010190-1234, mail jens@example.com, mistet sundhedskort');
    for (const event of chat.events) logger.info({ turn: event }, event.event);
    // A careless call that logs an activity whole is censored too.
    logger.info({ activity: { text: 'cpr 010190-1234' } }, 'activity');

    const output = lines.join('');
    expect(output).toContain('sundhedskort.gult');
    expect(output).toContain('"cpr"');
    for (const secret of ['010190', 'Jens', 'jens@example.com', 'mistet sundhedskort'])
      expect(output).not.toContain(secret);
  });
});
