import { ActivityTypes, BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import type { ConversationStore } from '../conversations/conversation-store';

export const DIRECT_LINE_CHANNEL = 'directline';
export const BOT_ACCOUNT = { id: 'borgerservice-assistenten', name: 'Borgerservice-assistenten', role: 'bot' } as const;

/**
 * Our own Bot Framework channel adapter: the bot's outgoing activities are appended to the
 * conversation store, from which Direct Line clients read them (polling or WebSocket, on any
 * instance). No Azure, no serviceUrl, nothing posted anywhere else.
 */
export class DirectLineAdapter extends BotAdapter {
  constructor(private readonly store: ConversationStore) {
    super();
  }

  async processActivity(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const conversationId = context.activity.conversation?.id;
    if (!conversationId) throw new Error('the activity has no conversation');
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') continue;
      const replyToId = activity.replyToId ?? context.activity.id;
      const stored = await this.store.appendActivity(conversationId, {
        ...activity,
        channelId: DIRECT_LINE_CHANNEL,
        conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
        from: { ...BOT_ACCOUNT },
        recipient: context.activity.from,
        ...(replyToId ? { replyToId } : {}),
      });
      responses.push({ id: stored.id ?? '' });
    }
    return responses;
  }

  override async updateActivity(): Promise<void> {
    throw new Error('Direct Line: updating activities is not supported');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('Direct Line: deleting activities is not supported');
  }

  override async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}
