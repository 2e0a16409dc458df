import {
  ActivityHandler,
  type Activity,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import { z } from 'zod';
import type { AssistantDialogue, IncomingMessage, Turn } from '../dialogue/assistant-dialogue';
import { DialogueStateSchema, initialDialogueState, type DialogueState } from '../dialogue/dialogue-state';
import { replyToActivity } from './reply-to-activity';

/** The part of channelData the webchat widget sets: which municipality's site the chat is on. */
const ChannelDataSchema = z.looseObject({ municipality: z.string().max(64).optional() });

/**
 * Bot Framework's Activity type promises a conversation and a recipient, but what a channel sends
 * (and what our Direct Line channel builds) may lack them: activities are read through this type.
 */
type ReceivedActivity = Partial<Activity>;

function recipientId(activity: ReceivedActivity): string | undefined {
  return activity.recipient?.id;
}

/**
 * The thin Bot Framework layer: reads the activity and the conversation state, lets the
 * plain-TypeScript dialogue decide, and sends what it says. Nothing else belongs here.
 */
export class AssistantBot extends ActivityHandler {
  private readonly dialogueState: StatePropertyAccessor<unknown>;

  constructor(
    private readonly dialogue: AssistantDialogue,
    private readonly conversationState: ConversationState,
  ) {
    super();
    this.dialogueState = conversationState.createProperty('dialogue');

    this.onMembersAdded(async (context, next) => {
      const botId = recipientId(context.activity);
      const joined = (context.activity.membersAdded ?? []).some((member) => member.id !== botId);
      const state = await this.readState(context);
      if (joined && !state.welcomed) await this.send(context, this.dialogue.welcome(state, this.incoming(context)));
      await next();
    });

    this.onMessage(async (context, next) => {
      const state = await this.readState(context);
      await this.send(context, await this.dialogue.handle(state, this.incoming(context)));
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
  }

  private incoming({ activity }: { readonly activity: ReceivedActivity }): IncomingMessage {
    const channelData = ChannelDataSchema.safeParse(activity.channelData ?? {});
    return {
      conversationId: activity.conversation?.id ?? 'unknown',
      text: typeof activity.text === 'string' ? activity.text : undefined,
      value: activity.value,
      hasAttachments: (activity.attachments?.length ?? 0) > 0,
      locale: activity.locale,
      municipalityId: channelData.success ? channelData.data.municipality : undefined,
      ...(activity.id ? { activityId: activity.id } : {}),
      ...(activity.channelId ? { channel: activity.channelId } : {}),
    };
  }

  /** State from storage is data from outside: a stored state this version cannot read starts afresh. */
  private async readState(context: TurnContext): Promise<DialogueState> {
    const stored = await this.dialogueState.get(context, initialDialogueState());
    const parsed = DialogueStateSchema.safeParse(stored);
    return parsed.success ? parsed.data : initialDialogueState();
  }

  private async send(context: TurnContext, turn: Turn): Promise<void> {
    await this.dialogueState.set(context, turn.state);
    if (turn.replies.length > 0) await context.sendActivities(turn.replies.map(replyToActivity));
  }
}
