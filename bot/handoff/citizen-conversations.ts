import type { Language } from '../../text/language';
import type { HandoffNotice } from './handoff-notice';

/** A staff member as the citizen sees them in the conversation. */
export interface AgentVoice {
  readonly id: string;
  /** First name, shown to the citizen with "(medarbejder)". */
  readonly name: string;
}

/**
 * What the desk needs of the citizens' conversations: whether one exists, and writing into it.
 * The desk words nothing and knows no channel; the implementation (bot/directline) builds the
 * activities, so a notice reaches the citizen on whichever instance their widget is connected to.
 */
export interface CitizenConversations {
  exists(conversationId: string): Promise<boolean>;
  /**
   * Words the notice in the citizen's language and writes it into their conversation. Does nothing
   * when the conversation is gone (deleted or expired); throws HandoffError 'starting' while the
   * assistant cannot word it yet.
   */
  tell(conversationId: string, municipalityId: string, language: Language, notice: HandoffNotice): Promise<void>;
  /** Writes a staff member's message; returns the new activity's id. */
  writeFromAgent(conversationId: string, agent: AgentVoice, text: string): Promise<string>;
  typingFromAgent(conversationId: string, agent: AgentVoice): Promise<void>;
}
