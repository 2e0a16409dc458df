import type { Activity, TurnContext } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { OutboundAdapter } from './outbound-adapter';

/**
 * A channel that lives in this process (the terminal chat, tests): activities in through
 * `process`, the bot's activities out through `onSend`.
 */
export class InProcessAdapter extends OutboundAdapter {
  constructor(private readonly onSend: (activity: Partial<Activity>) => void | Promise<void>) {
    super();
  }

  protected override async deliver(_context: TurnContext, activity: Partial<Activity>): Promise<string> {
    await this.onSend(activity);
    return randomUUID();
  }
}
