import { ConversationState, MemoryStorage } from 'botbuilder';
import type restify from 'restify';
import { assembleWebchat, type WebchatChannel } from '../../bot/assembly/assemble-webchat';
import { AssistantBot } from '../../bot/botframework/assistant-bot';
import { loadConfig } from '../../bot/runtime/config';
import type { ConversationStore } from '../../bot/conversations/conversation-store';
import { InMemoryConversationStore } from '../../bot/conversations/in-memory-conversation-store';
import { AssistantDialogue } from '../../bot/dialogue/assistant-dialogue';
import { createLogger } from '../../bot/runtime/logger';
import { createServer } from '../../bot/server';
import type { IntentDecision } from '../../intents/intent-decision';
import { stubKnowledgeSource } from './stub-knowledge-source';

export interface TestServer {
  readonly base: string;
  readonly store: ConversationStore;
  readonly webchat: WebchatChannel;
  close(): Promise<void>;
}

/** The real HTTP server with Direct Line and widget routes, a stub classifier and an in-memory store. */
export async function startDirectLineTestServer(
  env: NodeJS.ProcessEnv = {},
  decide: (text: string) => IntentDecision = () => ({ kind: 'answer', intent: 'pas.bestil', score: 0.9 }),
): Promise<TestServer> {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
  const source = await stubKnowledgeSource(decide);
  const dialogue = new AssistantDialogue({
    live: source,
    defaultMunicipalityId: 'boegely',
    maxMessageLength: config.MAX_MESSAGE_LENGTH,
  });
  const bot = new AssistantBot(dialogue, new ConversationState(new MemoryStorage()));
  const store = new InMemoryConversationStore(3600);
  const logger = createLogger('silent');
  const webchat = assembleWebchat(
    config,
    store,
    () => bot,
    () => source.knowledge,
    logger,
  );
  const server: restify.Server = createServer({ config, bot: () => bot, logger, isReady: () => true, webchat });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    base: `http://127.0.0.1:${port}`,
    store,
    webchat,
    async close() {
      await webchat.directLine.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      await store.close();
    },
  };
}

/** A Direct Line client as the widget uses it. */
export class DirectLineTestClient {
  token = '';
  conversationId = '';

  constructor(
    private readonly base: string,
    private readonly origin?: string,
  ) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      'content-type': 'application/json',
      ...(this.origin ? { origin: this.origin } : {}),
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      ...extra,
    };
  }

  async start(municipality = 'boegely', locale?: string): Promise<void> {
    const response = await fetch(`${this.base}/api/webchat/token`, {
      method: 'POST',
      headers: this.headers(),
      body: JSON.stringify({ municipality, ...(locale ? { locale } : {}) }),
    });
    if (response.status !== 200) throw new Error(`token: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { token: string; conversationId: string };
    this.token = body.token;
    this.conversationId = body.conversationId;
    const started = await fetch(`${this.base}/v3/directline/conversations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, ...(this.origin ? { origin: this.origin } : {}) },
    });
    if (started.status !== 201) throw new Error(`start: ${started.status} ${await started.text()}`);
  }

  post(activity: unknown): Promise<Response> {
    return fetch(`${this.base}/v3/directline/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      headers: this.headers(),
      body: JSON.stringify(activity),
    });
  }

  async activities(watermark = ''): Promise<{
    activities: {
      id: string;
      type: string;
      text?: string;
      from: { role?: string };
      channelData?: { clientActivityID?: string };
    }[];
    watermark: string;
  }> {
    const response = await fetch(
      `${this.base}/v3/directline/conversations/${this.conversationId}/activities?watermark=${watermark}`,
      { headers: this.headers() },
    );
    return (await response.json()) as never;
  }

  /** Polls until `predicate` holds for the whole activity list (bot turns run after the POST returns). */
  async waitFor(predicate: (texts: string[]) => boolean, timeoutMs = 5000): Promise<string[]> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const texts = (await this.activities()).activities.filter((a) => a.type === 'message').map((a) => a.text ?? '');
      if (predicate(texts)) return texts;
      if (Date.now() > until) throw new Error(`timed out; activities: ${JSON.stringify(texts)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
