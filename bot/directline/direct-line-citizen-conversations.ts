import type { Activity } from 'botbuilder';
import type { Language } from '../../text/language';
import { replyToActivity } from '../botframework/reply-to-activity';
import type { ConversationStore } from '../conversations/conversation-store';
import type { Outgoing } from '../dialogue/reply';
import type { AgentVoice, CitizenConversations } from '../handoff/citizen-conversations';
import { HandoffError } from '../handoff/handoff-error';
import type { HandoffNotice } from '../handoff/handoff-notice';
import { BOT_ACCOUNT, DIRECT_LINE_CHANNEL } from './directline-adapter';

/** The dialogue's wording of a notice; undefined while the assistant starts. */
export type NoticeWords = () =>
  ((municipalityId: string, language: Language, notice: HandoffNotice) => Outgoing[]) | undefined;

/**
 * The desk's view of the citizens' conversations on our Direct Line channel: notices and staff
 * messages become activities in the conversation store, which every instance's stream and poll read.
 */
export class DirectLineCitizenConversations implements CitizenConversations {
  constructor(
    private readonly conversations: ConversationStore,
    private readonly words: NoticeWords,
  ) {}

  async exists(conversationId: string): Promise<boolean> {
    return (await this.conversations.getConversation(conversationId)) !== undefined;
  }

  async tell(conversationId: string, municipalityId: string, language: Language, notice: HandoffNotice): Promise<void> {
    const words = this.words();
    if (!words) throw new HandoffError('starting', 'The assistant is starting; try again shortly.');
    for (const outgoing of words(municipalityId, language, notice)) {
      try {
        await this.conversations.appendActivity(conversationId, {
          ...replyToActivity(outgoing),
          ...fromAssistant(conversationId),
        });
      } catch (error) {
        // The citizen deleted the conversation or it expired: there is nobody left to tell.
        if (!(await this.exists(conversationId))) return;
        throw error;
      }
    }
  }

  async writeFromAgent(conversationId: string, agent: AgentVoice, text: string): Promise<string> {
    const stored = await this.conversations.appendActivity(conversationId, {
      type: 'message',
      text,
      textFormat: 'plain',
      ...fromAgent(agent, conversationId),
    });
    return stored.id ?? '';
  }

  async typingFromAgent(conversationId: string, agent: AgentVoice): Promise<void> {
    await this.conversations.appendActivity(conversationId, { type: 'typing', ...fromAgent(agent, conversationId) });
  }
}

function fromAssistant(conversationId: string): Partial<Activity> {
  return {
    channelId: DIRECT_LINE_CHANNEL,
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { ...BOT_ACCOUNT },
  };
}

function fromAgent(agent: AgentVoice, conversationId: string): Partial<Activity> {
  return {
    channelId: DIRECT_LINE_CHANNEL,
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    // role "bot": Web Chat shows it on the assistant's side; channelData names the person for the widget.
    from: { id: `staff:${agent.id}`, name: `${agent.name} (medarbejder)`, role: 'bot' },
    channelData: { staff: { name: agent.name } },
  };
}
