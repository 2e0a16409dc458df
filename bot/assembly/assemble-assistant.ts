import { ConversationState, MemoryStorage, type Storage } from 'botbuilder';
import { AssistantBot } from '../botframework/assistant-bot';
import type { Config } from '../runtime/config';
import { AssistantDialogue, type TurnEvent } from '../dialogue/assistant-dialogue';
import type { CitizenHandoff } from '../handoff/citizen-handoff';
import type { InsightSink } from '../insight/insight-sink';
import { LiveKnowledge } from '../dialogue/live-knowledge';
import type { Logger } from '../runtime/logger';
import type { UnansweredStore } from '../unanswered/unanswered-store';

export interface Assistant {
  readonly bot: AssistantBot;
  readonly dialogue: AssistantDialogue;
  readonly live: LiveKnowledge;
}

/** Wires knowledge, classifier, dialogue and bot together. Shared by the server, the terminal chat and tests. */
export async function assembleAssistant(
  config: Pick<Config, 'KNOWLEDGE_DIR' | 'DEFAULT_MUNICIPALITY' | 'MAX_MESSAGE_LENGTH'>,
  logger: Logger,
  options: {
    storage?: Storage;
    trainingWorker?: string;
    handoff?: CitizenHandoff;
    /** Insight events (bot/insight/insight-recorder.ts); without it (terminal chat, tests) nothing is recorded. */
    insight?: InsightSink;
    /** The unanswered inbox; without it (terminal chat, tests) nothing is recorded. */
    unanswered?: UnansweredStore;
    /** Knowledge already loaded (the server's, from the version store); else the folder is loaded and trained. */
    live?: LiveKnowledge;
  } = {},
): Promise<Assistant> {
  const started = Date.now();
  const live =
    options.live ?? (await LiveKnowledge.load(config.KNOWLEDGE_DIR, { trainingWorker: options.trainingWorker }));
  if (!live.knowledge.municipalities.has(config.DEFAULT_MUNICIPALITY)) {
    throw new Error(
      `DEFAULT_MUNICIPALITY "${config.DEFAULT_MUNICIPALITY}" has no profile; known: ${[...live.knowledge.municipalities.keys()].join(', ')}`,
    );
  }
  logger.info(
    {
      intents: live.knowledge.intents.size,
      guides: live.knowledge.guides.length,
      municipalities: live.knowledge.municipalities.size,
      ms: Date.now() - started,
      ...(live.version !== undefined ? { version: live.version } : {}),
    },
    options.live ? 'knowledge base loaded' : 'knowledge base loaded and classifier trained',
  );
  const dialogue = new AssistantDialogue({
    live,
    ...(options.insight ? { insight: options.insight } : {}),
    defaultMunicipalityId: config.DEFAULT_MUNICIPALITY,
    maxMessageLength: config.MAX_MESSAGE_LENGTH,
    onTurn: (event: TurnEvent) => logger.info({ turn: event }, event.event),
    ...(options.handoff ? { handoff: options.handoff } : {}),
    ...(options.unanswered ? { unanswered: options.unanswered } : {}),
    // The citizen got their answer; the inbox missed a question. Logged without the text.
    onStoreError: (error, store) =>
      logger.warn({ err: { message: error.message }, store }, 'unanswered inbox: recording failed'),
  });
  return {
    bot: new AssistantBot(dialogue, new ConversationState(options.storage ?? new MemoryStorage())),
    dialogue,
    live,
  };
}
