import { ConversationState } from 'botbuilder';
import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { assembleHandoff, type Handoff } from '../../bot/assemble-handoff';
import { assembleWebchat, type WebchatChannel } from '../../bot/assemble-webchat';
import { AssistantBot } from '../../bot/assistant-bot';
import { loadConfig } from '../../bot/config';
import { createStorage, type AssistantStorage } from '../../bot/conversations/assistant-storage';
import { AssistantDialogue } from '../../bot/dialogue/assistant-dialogue';
import { InMemoryFeedbackStore } from '../../bot/feedback/feedback-store';
import { createLogger } from '../../bot/logger';
import { createServer } from '../../bot/server';
import type { IntentDecision } from '../../intents/intent-decision';
import { stubKnowledgeSource } from './stub-knowledge-source';

/** The server as bot/main.ts assembles it (every route: widget, Direct Line, staff), with a stub classifier. */
export interface FullTestServer {
  readonly base: string;
  readonly port: number;
  readonly storage: AssistantStorage;
  readonly handoff: Handoff;
  readonly webchat: WebchatChannel;
  close(): Promise<void>;
}

export async function startFullTestServer(
  env: NodeJS.ProcessEnv = {},
  decide: (text: string) => IntentDecision = () => ({ kind: 'answer', intent: 'pas.bestil', score: 0.9 }),
): Promise<FullTestServer> {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
  const logger = createLogger('silent');
  const source = await stubKnowledgeSource(decide);
  const knowledge = () => source.knowledge;
  const storage = await createStorage(config, logger);
  let bot: AssistantBot | undefined;
  const webchat = assembleWebchat(config, storage.conversations, () => bot, knowledge, logger);
  let dialogue: AssistantDialogue | undefined;
  const handoff = await assembleHandoff(config, storage, knowledge, () => (dialogue ? dialogue.handoffNotice.bind(dialogue) : undefined), logger);
  dialogue = new AssistantDialogue({ live: source, feedback: new InMemoryFeedbackStore(), defaultMunicipalityId: 'boegely', maxMessageLength: config.MAX_MESSAGE_LENGTH, handoff: handoff.desk });
  bot = new AssistantBot(dialogue, new ConversationState(storage.botState));
  const server: restify.Server & { closeStaffStreams?: () => void } = createServer({ config, bot: () => bot, logger, isReady: () => true, webchat, staff: handoff.staffRoutes });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    storage,
    handoff,
    webchat,
    async close() {
      server.closeStaffStreams?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await webchat.directLine.close();
      await handoff.sweeper.stop();
      await storage.close();
      await Promise.all([storage.callbacks.close(), storage.notes.close(), storage.staffSessions.close(), storage.signInThrottle.close()]);
    },
  };
}
