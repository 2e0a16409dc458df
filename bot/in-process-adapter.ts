import { ActivityTypes, BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { randomUUID } from 'node:crypto';

/**
 * A minimal Bot Framework adapter for a channel that lives in this process (the terminal chat):
 * activities in through `receive`, the bot's activities out through `onSend`.
 */
export class InProcessAdapter extends BotAdapter {
  constructor(private readonly onSend: (activity: Partial<Activity>) => void | Promise<void>) {
    super();
  }

  async receive(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  override async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type !== 'delay') await this.onSend(activity);
      responses.push({ id: randomUUID() });
    }
    return responses;
  }

  override async updateActivity(): Promise<void> {
    throw new Error('updating activities is not supported by this channel');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('deleting activities is not supported by this channel');
  }

  override async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}
