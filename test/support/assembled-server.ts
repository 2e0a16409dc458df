import { ConversationState } from 'botbuilder';
import { assembleHandoff, type Handoff } from '../../bot/assembly/assemble-handoff';
import { assembleInsight, type AssembledInsight } from '../../bot/assembly/assemble-insight';
import { assembleWebchat, type WebchatChannel } from '../../bot/assembly/assemble-webchat';
import { AssistantBot } from '../../bot/botframework/assistant-bot';
import { loadConfig } from '../../bot/runtime/config';
import { createStorage } from '../../bot/assembly/assemble-storage';
import type { AssistantStorage } from '../../bot/assembly/assistant-storage';
import { AssistantDialogue } from '../../bot/dialogue/assistant-dialogue';
import type { KnowledgeSource } from '../../bot/dialogue/live-knowledge';
import { createLogger } from '../../bot/runtime/logger';
import { createServer } from '../../bot/server';
import { DEMO_STAFF_FILE } from '../../bot/staff/staff-directory';
import type { IntentDecision } from '../../intents/intent-decision';
import { GuideSearch } from '../../knowledge/guide-search';
import { loadKnowledgeBase } from '../../knowledge/load-knowledge-base';
import { alwaysStaffedKnowledge } from './always-staffed-knowledge';

export interface AssembledServer {
  readonly base: string;
  readonly port: number;
  readonly storage: AssistantStorage;
  readonly handoff: Handoff;
  readonly webchat: WebchatChannel;
  /** The insight recorder (flush() before reading figures) and the API's parts. */
  readonly insight: AssembledInsight;
  close(): Promise<void>;
}

/**
 * The server as bot/main.ts assembles it (storage from the configuration, Direct Line, the widget's
 * routes, the staffed queue and the staff API, the insight events and API, /readyz with the store's health), in this process,
 * with always-staffed municipalities and a classifier that returns what the test says: for tests
 * of how the whole assembly behaves (Redis outages, deletion) without training a model.
 */
export async function startAssembledServer(
  env: NodeJS.ProcessEnv = {},
  decide: (text: string) => IntentDecision = () => ({ kind: 'answer', intent: 'pas.bestil', score: 0.9 }),
): Promise<AssembledServer> {
  const staffed = await alwaysStaffedKnowledge();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    STAFF_ACCOUNTS_FILE: DEMO_STAFF_FILE,
    DIRECTLINE_TOKEN_SECRET: 'assembled-server-test-secret-0123456789abcdef',
    RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '1000',
    ...env,
  });
  const logger = createLogger('silent');
  const knowledge = await loadKnowledgeBase(staffed.directory);
  const source: KnowledgeSource = {
    knowledge,
    guides: new GuideSearch(knowledge.guides),
    classifier: {
      async classify(text, current) {
        const decision = decide(text);
        const ranked =
          decision.kind === 'answer'
            ? [{ intent: decision.intent, score: decision.score }]
            : [{ intent: 'None', score: 0.9 }];
        return { language: current, decision, ranked, knownWords: 1, similarity: 1 };
      },
    },
  };
  const storage = await createStorage(config, logger);
  const insight = assembleInsight(config, storage.insight, logger);
  let bot: AssistantBot | undefined;
  let dialogue: AssistantDialogue | undefined;
  const handoff = await assembleHandoff(
    config,
    storage,
    () => knowledge,
    () => (dialogue ? dialogue.handoffNotice.bind(dialogue) : undefined),
    logger,
    insight.recorder,
  );
  const webchat = assembleWebchat(
    config,
    storage.conversations,
    () => bot,
    () => knowledge,
    logger,
    storage.rateLimits,
    { presence: storage.citizenPresence, desk: handoff.desk },
  );
  dialogue = new AssistantDialogue({
    live: source,
    insight: insight.recorder,
    unanswered: storage.unanswered,
    defaultMunicipalityId: 'boegely',
    maxMessageLength: config.MAX_MESSAGE_LENGTH,
    handoff: handoff.desk,
  });
  bot = new AssistantBot(dialogue, new ConversationState(storage.botState));
  const server = createServer({
    config,
    bot: () => bot,
    logger,
    isReady: () => true,
    webchat,
    staff: handoff.staffRoutes,
    insight: insight.routes({ directory: handoff.directory, sessions: storage.staffSessions }, () => knowledge),
    ...(storage.health ? { storeHealth: storage.health } : {}),
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    storage,
    handoff,
    webchat,
    insight,
    async close() {
      server.closeStaffStreams?.();
      await webchat.directLine.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      await handoff.sweeper.stop();
      await insight.recorder.flush();
      await storage.close();
      await staffed.remove();
    },
  };
}
