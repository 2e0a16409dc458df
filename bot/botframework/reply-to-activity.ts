import { ActionTypes, ActivityTypes, CardFactory, type Activity, type Attachment, type CardAction } from 'botbuilder';
import { isEvent, type Outgoing, type Reply, type ReplyButton } from '../dialogue/reply';

/** Turns what the dialogue sends into a Bot Framework activity: a message, or a handoff event. */
export function replyToActivity(outgoing: Outgoing): Partial<Activity> {
  if (isEvent(outgoing)) return { type: ActivityTypes.Event, name: outgoing.event.name, value: outgoing.event.value };
  return messageActivity(outgoing);
}

function messageActivity(reply: Reply): Partial<Activity> {
  const attachments: Attachment[] = [];
  if (reply.topics) {
    attachments.push(CardFactory.heroCard(reply.topics.heading, undefined, reply.topics.buttons.map(toCardAction)));
  }
  for (const card of reply.cards ?? []) {
    attachments.push(
      CardFactory.heroCard(card.title, card.summary, undefined, [
        { type: ActionTypes.OpenUrl, title: card.linkTitle, value: card.url },
      ]),
    );
  }
  return {
    type: ActivityTypes.Message,
    text: reply.text,
    textFormat: 'markdown',
    locale: reply.locale,
    ...(attachments.length > 0
      ? { attachments, attachmentLayout: reply.cards && reply.cards.length > 1 ? 'carousel' : 'list' }
      : {}),
    ...(reply.buttons && reply.buttons.length > 0
      ? { suggestedActions: { to: [], actions: reply.buttons.map(toCardAction) } }
      : {}),
  };
}

/**
 * messageBack: the click shows the title in the transcript as the citizen's own words and sends
 * the structured value to the bot, which never has to guess what the click meant.
 */
function toCardAction(button: ReplyButton): CardAction {
  return {
    type: ActionTypes.MessageBack,
    title: button.title,
    displayText: button.title,
    text: button.title,
    value: button.value,
  };
}
