import type { Activity, TurnContext } from 'botbuilder';
import type { ConversationStore } from '../conversations/conversation-store';
import { OutboundAdapter } from '../botframework/outbound-adapter';

export const DIRECT_LINE_CHANNEL = 'directline';
export const BOT_ACCOUNT = { id: 'borgerservice-assistenten', name: 'Borgerservice-assistenten', role: 'bot' } as const;

/**
 * Our own Bot Framework channel adapter: the bot's outgoing activities are appended to the
 * conversation store, from which Direct Line clients read them (polling or WebSocket, on any
 * instance). No Azure, no serviceUrl, nothing posted anywhere else.
 */
export class DirectLineAdapter extends OutboundAdapter {
  constructor(private readonly store: ConversationStore) {
    super();
  }

  protected override async deliver(context: TurnContext, activity: Partial<Activity>): Promise<string> {
    const conversationId = conversationIdOf(context.activity);
    if (!conversationId) throw new Error('the activity has no conversation');
    const replyToId = activity.replyToId ?? context.activity.id;
    const stored = await this.store.appendActivity(conversationId, {
      ...activity,
      channelId: DIRECT_LINE_CHANNEL,
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { ...BOT_ACCOUNT },
      recipient: context.activity.from,
      ...(replyToId ? { replyToId } : {}),
    });
    return stored.id ?? '';
  }
}

/** Bot Framework's Activity type promises a conversation; the activity of a turn may lack one. */
function conversationIdOf(activity: Partial<Activity>): string | undefined {
  return activity.conversation?.id;
}
