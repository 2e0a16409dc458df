import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';

/**
 * A Bot Framework adapter for channels we host ourselves: activities come in through `process`,
 * the bot's go out through `deliver`. No serviceUrl, no HTTP callbacks; sent activities cannot be
 * edited or deleted afterwards.
 */
export abstract class OutboundAdapter extends BotAdapter {
  /** Delivers one outgoing activity and returns its id. */
  protected abstract deliver(context: TurnContext, activity: Partial<Activity>): Promise<string>;

  async process(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') continue;
      responses.push({ id: await this.deliver(context, activity) });
    }
    return responses;
  }

  override async updateActivity(): Promise<void> {
    throw new Error('this channel cannot update sent activities');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('this channel cannot delete sent activities');
  }

  override async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      reference,
      true,
    );
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}
