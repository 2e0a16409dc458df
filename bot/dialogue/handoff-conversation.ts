import { DateTime } from 'luxon';
import { HANDOFF_INTENT } from '../../knowledge/intent-definition';
import type { Language } from '../../text/language';
import type { CitizenHandoff, HandoffSituation } from '../handoff/citizen-handoff';
import type { HandoffNotice } from '../handoff/handoff-notice';
import { DANISH_TIME_ZONE } from '../handoff/staffed-hours';
import { isStoreUnavailable } from '../storage/store-unavailable-error';
import { callbackDetailsIn, joinTopics } from './callback-details';
import type { DialogueState } from './dialogue-state';
import { HANDOFF_PHRASES } from './handoff-phrases';
import { PHRASES } from './phrases';
import type { HandoffContext, HandoffEvent, HandoffStatus, Outgoing, Reply, ReplyButton } from './reply';
import type { Speaker } from './speaker';
import { recogniseYesNo } from './yes-no-answer';

export interface HandoffTurn {
  readonly state: DialogueState;
  readonly replies: readonly Outgoing[];
}

/**
 * The citizen's side of talking to a person: joining and leaving the queue, what happens outside
 * staffed hours, the consented callback, and the satisfaction question after a human conversation.
 * Everything here is worded for the citizen; the queue itself is behind `CitizenHandoff`.
 */
export class HandoffConversation {
  constructor(private readonly handoff: CitizenHandoff) {}

  situation(conversationId: string, now: Date): Promise<HandoffSituation> {
    return this.handoff.situation(conversationId, now);
  }

  /** The citizen asked for a person, or accepted the offer of one. Undefined when staff cannot take this conversation over. */
  async request(
    state: DialogueState,
    say: Speaker,
    conversationId: string,
    reason: HandoffContext['reason'],
    now: Date,
  ): Promise<HandoffTurn | undefined> {
    try {
      return await this.joinQueue(state, say, conversationId, reason, now);
    } catch (error) {
      if (!isStoreUnavailable(error)) throw error;
      // The queue lives in Redis, which does not answer: say so plainly, with the phone number.
      return {
        state,
        replies: [
          say.reply(HANDOFF_PHRASES[say.language].unavailable),
          status({ state: 'failed', reason: 'unavailable' }),
        ],
      };
    }
  }

  private async joinQueue(
    state: DialogueState,
    say: Speaker,
    conversationId: string,
    reason: HandoffContext['reason'],
    now: Date,
  ): Promise<HandoffTurn | undefined> {
    const phrases = HANDOFF_PHRASES[say.language];
    const municipalityId = state.municipalityId ?? '';
    const situation = await this.handoff.situation(conversationId, now);
    if (situation.kind === 'with-agent') return { state, replies: [] };
    if (situation.kind === 'waiting') {
      return { state, replies: [this.positionReply(say, situation.position, situation.estimatedWaitMinutes)] };
    }

    if (!(await this.handoff.canHandOff(conversationId))) return undefined;
    const availability = this.handoff.availability(municipalityId, now);
    if (!availability.staffed) {
      const next = availability.nextOpening;
      const closed = next
        ? say.fill(phrases.closed, { next: formatOpening(next, now, say.language) })
        : phrases.closedNoNext;
      return {
        state,
        replies: [
          say.reply(`${closed}\n\n${phrases.closedOptions}`, { buttons: [callbackButton(say.language)] }),
          status({ state: 'outOfHours', nextOpening: next ? next.toISOString() : null }),
        ],
      };
    }

    const context: HandoffContext = {
      reason,
      municipalityId,
      language: say.language,
      ...topicOf(state),
      intents: state.recentIntents,
      guides: state.guidesOffered,
    };
    const queued = await this.handoff.enqueue(
      { conversationId, municipalityId, language: say.language, ...(context.topic ? { topic: context.topic } : {}) },
      now,
    );
    return {
      state: { ...state, consecutiveFallbacks: 0, unhelpfulAnswers: 0, toldWhileWaiting: false, callback: undefined },
      replies: [
        say.reply(phrases.whatHappensNext),
        { event: { name: 'handoff.initiate', value: context } },
        status({
          state: 'queued',
          position: queued.position,
          estimatedWaitMinutes: queued.estimatedWaitMinutes ?? null,
        }),
        this.positionReply(say, queued.position, queued.estimatedWaitMinutes),
      ],
    };
  }

  /** A message while waiting: kept for the agent (it is in the transcript); said once. */
  whileWaiting(state: DialogueState, say: Speaker): HandoffTurn {
    if (state.toldWhileWaiting) return { state, replies: [] };
    return {
      state: { ...state, toldWhileWaiting: true },
      replies: [say.reply(HANDOFF_PHRASES[say.language].stillWaiting, { buttons: [leaveButton(say.language)] })],
    };
  }

  async leaveQueue(state: DialogueState, say: Speaker, conversationId: string, now: Date): Promise<HandoffTurn> {
    const phrases = HANDOFF_PHRASES[say.language];
    const left = await this.handoff.leaveQueue(conversationId, now);
    if (!left) return { state, replies: [say.reply(phrases.notWaiting)] };
    return { state, replies: [status({ state: 'cancelled' }), say.reply(phrases.leftQueue)] };
  }

  async keepWaiting(state: DialogueState, say: Speaker, conversationId: string, now: Date): Promise<HandoffTurn> {
    const situation = await this.handoff.situation(conversationId, now);
    if (situation.kind !== 'waiting') return { state, replies: [say.reply(HANDOFF_PHRASES[say.language].notWaiting)] };
    return { state, replies: [say.reply(HANDOFF_PHRASES[say.language].stayingInQueue)] };
  }

  /** Before anything is collected: what, why and for how long, and a clear yes or no (buttons, or typed). */
  offerCallback(state: DialogueState, say: Speaker): HandoffTurn {
    const phrases = HANDOFF_PHRASES[say.language];
    const hours = this.handoff.callbackRetentionHours;
    const retention =
      hours >= 48 && hours % 24 === 0
        ? say.fill(phrases.days, { count: String(hours / 24) })
        : say.fill(phrases.hours, { count: String(hours) });
    return {
      state: { ...state, callback: { step: 'consent' } },
      replies: [
        say.reply(
          phrases.callbackConsent,
          {
            buttons: [
              { title: phrases.consentYes, value: { action: 'callback-consent', given: true } },
              { title: phrases.consentNo, value: { action: 'callback-consent', given: false } },
            ],
          },
          { retention },
        ),
      ],
    };
  }

  /** The answer to the consent question; "no" is also how the citizen cancels while giving the details. */
  consent(state: DialogueState, say: Speaker, given: boolean): HandoffTurn {
    const phrases = HANDOFF_PHRASES[say.language];
    if (!given) return { state: { ...state, callback: undefined }, replies: [say.reply(phrases.callbackDeclined)] };
    return { state: { ...state, callback: { step: 'details' } }, replies: [askFor(say, phrases.callbackAsk)] };
  }

  /**
   * A message after consent. It may hold the phone number, what it is about, or both; what is
   * still missing is asked for, and once both are there one request is stored. The phone number
   * goes to the callback request and nowhere else: the transcript and logs hold the redacted
   * message, the reply names only the number's last two digits, and the dialogue state keeps it
   * only until the request is stored or cancelled.
   */
  async collectCallback(
    state: DialogueState,
    say: Speaker,
    conversationId: string,
    raw: string,
    now: Date,
  ): Promise<HandoffTurn> {
    const phrases = HANDOFF_PHRASES[say.language];
    const answer = recogniseYesNo(raw);
    if (answer === 'no') return this.consent(state, say, false);
    const before = state.callback?.step === 'details' ? state.callback : { step: 'details' as const };
    // A bare "ja" or "ok" gives nothing: the question for what is missing is asked again.
    const found = answer === 'yes' ? {} : callbackDetailsIn(raw);
    // A later number replaces an earlier one (a correction); topics add up.
    const phone = found.phone ?? before.phone;
    const topic = joinTopics(before.topic, found.topic);
    if (!phone || !topic) {
      const ask = phone ? phrases.callbackAskTopic : topic ? phrases.callbackAskPhone : phrases.callbackAsk;
      const step = { step: 'details' as const, ...(phone ? { phone } : {}), ...(topic ? { topic } : {}) };
      return { state: { ...state, callback: step }, replies: [askFor(say, ask)] };
    }
    await this.handoff.requestCallback(
      { conversationId, municipalityId: state.municipalityId ?? '', language: say.language, phone, message: topic },
      now,
    );
    // (A citizen waiting in the queue leaves it: the desk takes them out, not as abandoned.)
    return {
      state: { ...state, callback: undefined },
      replies: [
        status({ state: 'callbackRequested' }),
        say.reply(phrases.callbackSaved, {}, { phoneEnd: phone.replace(/\D/g, '').slice(-2) }),
      ],
    };
  }

  /** The answer itself is an insight event (recorded by the dialogue); here the citizen is thanked. */
  recordSatisfaction(state: DialogueState, say: Speaker): HandoffTurn {
    return { state, replies: [say.reply(HANDOFF_PHRASES[say.language].thanksForRating)] };
  }

  /** Messages and events for something that happened on the staff side. */
  notice(say: Speaker, notice: HandoffNotice): Outgoing[] {
    const phrases = HANDOFF_PHRASES[say.language];
    switch (notice.kind) {
      case 'position':
        return [
          status({
            state: 'queued',
            position: notice.position,
            estimatedWaitMinutes: notice.estimatedWaitMinutes ?? null,
          }),
        ];
      case 'agent-joined':
        return [
          status({ state: 'accepted', agentName: notice.agentName }),
          say.reply(phrases.agentJoined, {}, { agent: notice.agentName }),
        ];
      case 'agent-dropped':
        return [
          status({
            state: 'queued',
            position: notice.position,
            estimatedWaitMinutes: notice.estimatedWaitMinutes ?? null,
            reason: 'agent-dropped',
          }),
          say.reply(phrases.agentDropped, { buttons: [leaveButton(say.language)] }),
        ];
      case 'ended':
        return [status({ state: 'completed' }), say.reply(phrases.ended), this.satisfactionQuestion(say)];
      case 'returned':
        return [status({ state: 'returned' }), say.reply(phrases.returned)];
      case 'gone-from-queue':
        return [
          status({ state: 'cancelled' }),
          say.reply(phrases.goneFromQueue, {
            buttons: [{ title: PHRASES[say.language].talkToStaff, value: { action: 'handoff' } }],
          }),
        ];
      case 'citizen-away':
        return [status({ state: 'citizenAway' })];
      case 'citizen-left':
        return [status({ state: 'citizenLeft' })];
      case 'long-wait':
        return [
          say.reply(phrases.longWait, {
            buttons: [
              { title: phrases.keepWaiting, value: { action: 'keep-waiting' } },
              callbackButton(say.language),
              leaveButton(say.language),
            ],
          }),
        ];
    }
  }

  private satisfactionQuestion(say: Speaker): Reply {
    const phrases = HANDOFF_PHRASES[say.language];
    const buttons: ReplyButton[] = [
      { title: phrases.satisfactionYes, value: { action: 'satisfaction', answer: 'yes' } },
      { title: phrases.satisfactionPartly, value: { action: 'satisfaction', answer: 'partly' } },
      { title: phrases.satisfactionNo, value: { action: 'satisfaction', answer: 'no' } },
    ];
    return say.reply(phrases.satisfactionQuestion, { buttons });
  }

  private positionReply(say: Speaker, position: number, minutes: number | undefined): Reply {
    const phrases = HANDOFF_PHRASES[say.language];
    const wait =
      minutes === undefined
        ? phrases.waitUnknown
        : minutes > 60
          ? phrases.waitLong
          : minutes <= 1
            ? phrases.waitAboutOne
            : say.fill(phrases.waitAbout, { minutes: String(minutes) });
    return say.reply(`${say.fill(phrases.position, { position: String(position) })} ${wait}`, {
      buttons: [leaveButton(say.language)],
    });
  }
}

/** The citizen's subject: the last answered topic, or else the last thing they seemed to ask about. */
function topicOf(state: DialogueState): { topic?: string } {
  const candidates = [state.lastAnsweredIntent, ...state.recentIntents.map((i) => i.id).reverse()];
  const topic = candidates.find((id) => id !== undefined && id !== HANDOFF_INTENT && id !== 'None');
  return topic ? { topic } : {};
}

function status(value: HandoffStatus): Outgoing {
  const event: HandoffEvent = { name: 'handoff.status', value };
  return { event };
}

function leaveButton(language: Language): ReplyButton {
  return { title: HANDOFF_PHRASES[language].leaveQueue, value: { action: 'leave-queue' } };
}

/** A question for the callback's details, with the button that cancels it. */
function askFor(say: Speaker, text: string): Reply {
  return say.reply(text, {
    buttons: [
      { title: HANDOFF_PHRASES[say.language].cancelCallback, value: { action: 'callback-consent', given: false } },
    ],
  });
}

function callbackButton(language: Language): ReplyButton {
  return { title: HANDOFF_PHRASES[language].callMeBack, value: { action: 'callback' } };
}

/** "i dag kl. 8.00", "i morgen kl. 8.00", "mandag den 1. december kl. 8.00"; English likewise. */
export function formatOpening(next: Date, now: Date, language: Language): string {
  const at = DateTime.fromJSDate(next, { zone: DANISH_TIME_ZONE }).setLocale(language === 'da' ? 'da' : 'en-GB');
  const today = DateTime.fromJSDate(now, { zone: DANISH_TIME_ZONE }).startOf('day');
  const days = Math.round(at.startOf('day').diff(today, 'days').days);
  if (language === 'da') {
    const clock = `kl. ${at.toFormat('H.mm')}`;
    if (days === 0) return `i dag ${clock}`;
    if (days === 1) return `i morgen ${clock}`;
    return `${at.toFormat("cccc 'den' d. LLLL")} ${clock}`;
  }
  const clock = `at ${at.toFormat('HH:mm')}`;
  if (days === 0) return `today ${clock}`;
  if (days === 1) return `tomorrow ${clock}`;
  return `on ${at.toFormat('cccc d LLLL')} ${clock}`;
}
