import { ActivityTypes, ConversationState, MemoryStorage, type Activity } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { AssistantBot } from '../../bot/botframework/assistant-bot';
import { AssistantDialogue, type TurnEvent } from '../../bot/dialogue/assistant-dialogue';
import { RecordedInsight } from './recorded-insight';
import { InProcessAdapter } from '../../bot/botframework/in-process-adapter';
import type { KnowledgeSource } from '../../bot/dialogue/live-knowledge';
import type { UnansweredStore } from '../../bot/unanswered/unanswered-store';

/** One conversation with the real AssistantBot; each call returns what the bot sent in that turn. */
export class ConversationHarness {
  /** The insight events the dialogue recorded (👍/👎 among them). */
  readonly insight = new RecordedInsight();
  readonly events: TurnEvent[] = [];
  /** What the dialogue reported through onStoreError. */
  readonly storeErrors: Error[] = [];
  private readonly adapter: InProcessAdapter;
  private readonly bot: AssistantBot;
  private sent: Partial<Activity>[] = [];
  readonly conversation = { id: randomUUID(), name: 'test', isGroup: false, conversationType: 'personal' };

  constructor(
    source: KnowledgeSource,
    private readonly options: {
      locale?: string;
      municipality?: string;
      maxMessageLength?: number;
      now?: () => Date;
      /** The unanswered inbox to record into; none by default. */
      unanswered?: UnansweredStore;
    } = {},
  ) {
    this.adapter = new InProcessAdapter((activity) => {
      this.sent.push(activity);
    });
    const dialogue = new AssistantDialogue({
      live: source,
      insight: this.insight,
      defaultMunicipalityId: 'boegely',
      maxMessageLength: options.maxMessageLength ?? 2000,
      onTurn: (event) => this.events.push(event),
      ...(options.now ? { now: options.now } : {}),
      ...(options.unanswered ? { unanswered: options.unanswered } : {}),
      onStoreError: (error) => this.storeErrors.push(error),
    });
    this.bot = new AssistantBot(dialogue, new ConversationState(new MemoryStorage()));
  }

  async join(): Promise<Partial<Activity>[]> {
    return this.receive({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'citizen', name: 'Borger' }] });
  }

  async say(text: string): Promise<Partial<Activity>[]> {
    return this.receive({ type: ActivityTypes.Message, text });
  }

  async click(value: unknown, text = 'button'): Promise<Partial<Activity>[]> {
    return this.receive({ type: ActivityTypes.Message, text, value });
  }

  async receive(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
    this.sent = [];
    await this.adapter.process(
      {
        channelId: 'test',
        serviceUrl: 'test:',
        conversation: this.conversation,
        from: { id: 'citizen', name: 'Borger' },
        recipient: { id: 'assistant', name: 'Assistent' },
        locale: this.options.locale ?? 'da-DK',
        channelData: this.options.municipality ? { municipality: this.options.municipality } : undefined,
        ...activity,
      },
      (context) => this.bot.run(context),
    );
    return this.sent;
  }
}

export function texts(activities: Partial<Activity>[]): string[] {
  return activities.map((a) => a.text ?? '');
}

export function buttonsOf(activity: Partial<Activity> | undefined): { title: string; value: unknown }[] {
  return (activity?.suggestedActions?.actions ?? []).map((a) => ({ title: a.title, value: a.value }));
}

export function cardsOf(
  activity: Partial<Activity> | undefined,
): { title?: string; text?: string; buttons?: { type: string; title: string; value: unknown }[] }[] {
  return (activity?.attachments ?? []).map(
    (a) => a.content as { title?: string; text?: string; buttons?: { type: string; title: string; value: unknown }[] },
  );
}
