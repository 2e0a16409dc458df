import type { Classification } from '../../intents/intent-classifier';
import { recogniseFacet } from '../../intents/facet-recogniser';
import type { IntentDecision } from '../../intents/intent-decision';
import { ANSWER_FACETS, type AnswerFacet } from '../../knowledge/answer-facet';
import { answerTemplate } from '../../knowledge/effective-answer';
import { HANDOFF_INTENT, type IntentDefinition } from '../../knowledge/intent-definition';
import type { Language } from '../../text/language';
import type { MunicipalityProfile } from '../../knowledge/municipality-profile';
import { isStoreUnavailable } from '../storage/store-unavailable-error';
import { turnFact, type InsightSink } from '../insight/insight-sink';
import type { CitizenHandoff } from '../handoff/citizen-handoff';
import type { HandoffNotice } from '../handoff/handoff-notice';
import type { KnowledgeSource } from './live-knowledge';
import { redactPersonalData, type PersonalDataKind } from '../../privacy/personal-data-redactor';
import { initialDialogueState, type DialogueState } from './dialogue-state';
import { answeredPart, currentTopic, topicAfterAnswer, type AnsweredPart } from './conversation-topic';
import { correctedQuestion, isElliptical, resolveTopic, type TopicResolution, type Understanding } from './follow-up';
import { HandoffConversation } from './handoff-conversation';
import { PHRASES } from './phrases';
import { callsForEmergencyAnswer, EMERGENCY_INTENT, isSafetyIntent, PERSON_AT_ONCE_INTENTS } from './safety-intents';
import {
  ButtonValueSchema,
  type ButtonValue,
  type HandoffContext,
  type Outgoing,
  type Reply,
  type ReplyButton,
} from './reply';
import { createSpeaker, type Speaker } from './speaker';
import { recogniseFrustration } from './frustration';
import { likelyTopics } from './likely-topics';
import { NONE_INTENT } from '../../intents/training-corpus';
import type { UnansweredStore } from '../unanswered/unanswered-store';
import { inboxText, newUnansweredQuestion, type UnansweredReason } from '../unanswered/unanswered-question';
import { recogniseYesNo } from './yes-no-answer';

type FallbackReason = Extract<IntentDecision, { kind: 'fallback' }>['reason'];

/** Conversation intents get no "Hjalp svaret?": there is nothing to rate in "hej". */
const NO_FEEDBACK_AREA = 'samtale';
const WELCOME_TOPICS = ['pas.bestil', 'flytning.anmeld', 'affald.toemning'];
const FALLBACKS_BEFORE_OFFERING_STAFF = 2;
const UNHELPFUL_BEFORE_OFFERING_STAFF = 2;
const CONTEXT_TURNS = 5;
const FAREWELL_INTENT = 'tak.farvel';
/** Facet buttons under a facet's answer: enough to go on, few enough to read. */
const MORE_FACET_BUTTONS = 4;

/** Structured, text-free record of a turn: what was asked (as an intent), what was answered. */
export interface TurnEvent {
  readonly event: 'answered' | 'clarified' | 'fallback' | 'handoff-offered' | 'feedback' | 'declined';
  readonly conversationId: string;
  readonly municipalityId: string;
  readonly language: Language;
  readonly intent?: string;
  /** The part of the intent's answer the citizen asked for (price, documents …). */
  readonly facet?: AnswerFacet;
  readonly score?: number;
  readonly reason?: string;
  readonly personalDataFound?: readonly PersonalDataKind[];
  /** A fallback offered guides (cards). */
  readonly guideOffered?: boolean;
}

export interface DialogueServices {
  readonly live: KnowledgeSource;
  /**
   * Insight events (bot/insight/): one per citizen message, 👍/👎, satisfaction answer and handoff
   * request; text-free. Fire-and-forget: recording never delays or fails the turn. Without it
   * nothing is recorded.
   */
  readonly insight?: InsightSink;
  readonly defaultMunicipalityId: string;
  readonly maxMessageLength: number;
  readonly onTurn?: (event: TurnEvent) => void;
  readonly now?: () => Date;
  /** The staffed queue. Without it (the terminal chat) asking for a person gets the phone number. */
  readonly handoff?: CitizenHandoff;
  /**
   * The unanswered inbox (issue 11): fallbacks, "Mente du …?", 👎 and frustration are recorded here,
   * redacted, for editors. Without it nothing is recorded.
   */
  readonly unanswered?: UnansweredStore;
  /**
   * A store the citizen's turn does not depend on (the unanswered inbox) failed: the turn goes on,
   * and the assembly logs this. Without it the failure becomes a process warning.
   */
  readonly onStoreError?: (error: Error, store: 'unanswered') => void;
}

export interface IncomingMessage {
  readonly conversationId: string;
  readonly text?: string;
  /** A button's value, validated here: it comes from the browser. */
  readonly value?: unknown;
  readonly hasAttachments?: boolean;
  /** The widget's locale, e.g. "da-DK" or "en-US". */
  readonly locale?: string;
  /** The municipality the widget was embedded for. */
  readonly municipalityId?: string;
  /** The activity's id: an insight event recorded again for the same activity (a retry) counts once. */
  readonly activityId?: string;
  /** The channel the message came on ("webchat" for our own Direct Line, "msteams" …). */
  readonly channel?: string;
}

export interface Turn {
  readonly replies: readonly Outgoing[];
  readonly state: DialogueState;
}

/**
 * The assistant's conversation logic, free of Bot Framework so it can move to another SDK
 * (botbuilder 4 is out of support) by rewriting only the thin layer in assistant-bot.ts.
 */
export class AssistantDialogue {
  private readonly handoff: HandoffConversation | undefined;
  /** Messages that came right after a frustrated one (see DialogueState.frustrated); by identity, per call. */
  private readonly afterFrustration = new WeakSet<IncomingMessage>();

  constructor(private readonly services: DialogueServices) {
    this.handoff = services.handoff ? new HandoffConversation(services.handoff) : undefined;
  }

  welcome(state: DialogueState, incoming: Pick<IncomingMessage, 'locale' | 'municipalityId'>): Turn {
    const next = this.settle(state, incoming, { welcomed: true });
    const say = this.speaker(next);
    return {
      state: next,
      replies: [
        say.reply(PHRASES[next.language].welcome, {
          buttons: [...this.topicButtons(WELCOME_TOPICS, next.language), this.staffButton(next.language)],
        }),
      ],
    };
  }

  /** One turn, against one knowledge version from start to end (KnowledgeSource.during). */
  async handle(state: DialogueState, incoming: IncomingMessage): Promise<Turn> {
    const { live } = this.services;
    return live.during ? live.during(() => this.handleTurn(state, incoming)) : this.handleTurn(state, incoming);
  }

  private async handleTurn(state: DialogueState, incoming: IncomingMessage): Promise<Turn> {
    // Frustration counts as the reason for a person only when asked for right after it.
    if (state.frustrated) this.afterFrustration.add(incoming);
    let current = this.settle(state, incoming, { frustrated: false });
    const isButton = incoming.value !== undefined && incoming.value !== null;
    const isText = !isButton && (incoming.text?.trim() ?? '') !== '';
    if (this.handoff) {
      const situation = await this.handoff.situation(incoming.conversationId, this.now()).catch((error: unknown) => {
        // The queue does not answer (Redis away) while the message was stored: answer it as the
        // assistant rather than not at all; an agent could not write meanwhile either.
        if (isStoreUnavailable(error)) return undefined;
        throw error;
      });
      // A person has the conversation: the citizen's message is in the transcript the agent reads.
      if (situation?.kind === 'with-agent') return { state: current, replies: [] };
      const collectingCallback = current.callback?.step === 'details';
      // Waiting for a person, or giving a number for a callback, never holds back the emergency numbers.
      const busy = situation?.kind === 'waiting' || collectingCallback;
      if (busy && isText && incoming.text && (await this.isEmergency(current, incoming.text))) {
        this.emit(current, incoming, { event: 'answered', intent: EMERGENCY_INTENT, reason: 'safety-while-waiting' });
        return this.answer({ ...current, callback: undefined }, EMERGENCY_INTENT);
      }
      // A citizen in the queue may also have accepted a callback (offered after a long wait).
      if (collectingCallback && isText && incoming.text) {
        if (incoming.text.length > this.services.maxMessageLength)
          return this.declined(current, incoming, 'too-long', 'tooLong');
        return this.handoff.collectCallback(
          current,
          this.speaker(current),
          incoming.conversationId,
          incoming.text,
          this.now(),
        );
      }
      if (current.callback?.step === 'consent' && isText && incoming.text) {
        // A typed "ja" or "nej tak" is the button; anything else is a new message, and the offer lapses.
        const answer = recogniseYesNo(incoming.text);
        if (answer) return this.handoff.consent(current, this.speaker(current), answer === 'yes');
        current = { ...current, callback: undefined };
      }
      if (situation?.kind === 'waiting' && !isButton) return this.handoff.whileWaiting(current, this.speaker(current));
    }
    if (isButton) return this.handleButton(current, incoming);
    if (incoming.hasAttachments && !incoming.text?.trim())
      return this.declined(current, incoming, 'attachment', 'attachmentsDeclined');
    return this.handleText(current, incoming);
  }

  /**
   * Classifies a message the dialogue would otherwise not classify (the citizen is waiting for a
   * person), only to see whether it calls for the emergency answer.
   */
  private async isEmergency(state: DialogueState, text: string): Promise<boolean> {
    if (text.length > this.services.maxMessageLength) return false;
    const classification = await this.services.live.classifier.classify(
      redactPersonalData(text).textWithoutMarkers,
      state.language,
    );
    return callsForEmergencyAnswer(classification);
  }

  /** Words what happened on the staff side for the citizen (see HandoffDesk). */
  handoffNotice(municipalityId: string, language: Language, notice: HandoffNotice): Outgoing[] {
    if (!this.handoff) return [];
    const profile = this.municipality({ ...initialDialogueState(), municipalityId });
    return this.handoff.notice(createSpeaker(profile, language), notice);
  }

  private async handleText(state: DialogueState, incoming: IncomingMessage): Promise<Turn> {
    const raw = incoming.text ?? '';
    if (raw.length > this.services.maxMessageLength) return this.declined(state, incoming, 'too-long', 'tooLong');
    // Nothing below this line sees the raw message: only the redacted one.
    const redacted = redactPersonalData(raw);
    if (!/[\p{L}\p{N}]/u.test(redacted.textWithoutMarkers) && redacted.found.length === 0) {
      return this.declined(state, incoming, 'empty', 'emptyMessage');
    }

    if (redacted.found.length > 0 && !/\p{L}{2,}/u.test(redacted.textWithoutMarkers)) {
      // Only personal data and no question: say it was removed, classify nothing.
      this.emit(state, incoming, {
        event: 'declined',
        reason: 'only-personal-data',
        personalDataFound: redacted.found,
      });
      return { state, replies: [this.speaker(state).reply(this.personalDataNotice(redacted.found, state.language))] };
    }

    const classification = await this.services.live.classifier.classify(redacted.textWithoutMarkers, state.language);
    const next: DialogueState = {
      ...state,
      language: classification.language,
      recentIntents: [
        ...state.recentIntents,
        ...classification.ranked.slice(0, 1).map((r) => ({ id: r.intent, score: round(r.score) })),
      ].slice(-CONTEXT_TURNS),
    };
    const { decision } = classification;
    const logged = { personalDataFound: redacted.found, score: classification.ranked[0]?.score };
    if (callsForEmergencyAnswer(classification)) {
      // First and only the emergency numbers, even when the classifier was unsure (safety-intents.ts).
      this.emit(next, incoming, {
        event: 'answered',
        intent: EMERGENCY_INTENT,
        ...logged,
        ...(decision.kind === 'answer' ? {} : { reason: `safety-${decision.kind}` }),
      });
      return this.answer(next, EMERGENCY_INTENT);
    }

    const say = this.speaker(next);
    const replies: Reply[] = [];
    if (redacted.found.length > 0) replies.push(say.reply(this.personalDataNotice(redacted.found, next.language)));

    const topic = currentTopic(next.topic, this.now())?.intent;
    // A message that may be about a crisis, a child at risk or violence stays out of the unanswered
    // inbox: it is for a person to handle, not for editors to read.
    const nearSafetyTopic =
      (topic !== undefined && isSafetyIntent(topic)) ||
      classification.ranked.slice(0, 3).some((r) => isSafetyIntent(r.intent)) ||
      (decision.kind === 'clarify' && decision.intents.some(isSafetyIntent));
    if (topic === EMERGENCY_INTENT && decision.kind !== 'answer') {
      // Still in a crisis: a message that is about nothing else gets the crisis lines again, not a fallback.
      this.emit(next, incoming, { event: 'answered', intent: EMERGENCY_INTENT, reason: 'safety-follow-up', ...logged });
      return this.answer(next, EMERGENCY_INTENT);
    }
    const resolution = await this.resolveAgainstTopic(next, redacted.textWithoutMarkers, classification);
    const frustration = recogniseFrustration(redacted.textWithoutMarkers);
    if (frustration && !this.answersATopic(resolution)) {
      // An insult or "du forstår ingenting" without a question gets calm words and a person, never a guess.
      this.emit(next, incoming, { event: 'handoff-offered', reason: frustration, ...logged });
      if (!nearSafetyTopic) await this.recordUnanswered(next, incoming, redacted.text, 'frustration');
      const calm = say.reply(PHRASES[next.language].calmAfterFrustration, {
        buttons: [this.staffButton(next.language)],
      });
      return { state: { ...next, frustrated: true }, replies: [...replies, calm] };
    }
    if (
      topic !== undefined &&
      PERSON_AT_ONCE_INTENTS.has(topic) &&
      resolution.kind !== 'answer' &&
      (resolution.kind === 'ask' || resolution.decision.kind !== 'answer')
    ) {
      // A worried parent or a victim of violence with a question the assistant cannot place: a person, at once.
      this.emit(next, incoming, { event: 'clarified', intent: topic, reason: 'safety-follow-up', ...logged });
      return { state: next, replies: [...replies, this.offerPersonAbout(next, topic)] };
    }
    if (resolution.kind === 'ask') {
      this.emit(next, incoming, { event: 'clarified', intent: resolution.intent, reason: 'which-part', ...logged });
      return { state: next, replies: [...replies, this.askWhichPart(next, resolution.intent)] };
    }
    const understood: IntentDecision =
      resolution.kind === 'answer'
        ? { kind: 'answer', intent: resolution.intent, score: classification.ranked[0]?.score ?? 0 }
        : resolution.decision;
    const facet = resolution.facet;
    const reason = resolution.kind === 'answer' && resolution.reason !== 'same-topic' ? resolution.reason : undefined;

    if (understood.kind === 'answer') {
      this.emit(next, incoming, {
        event: 'answered',
        intent: understood.intent,
        ...(facet ? { facet } : {}),
        ...(reason ? { reason } : {}),
        ...logged,
      });
      if (understood.intent === HANDOFF_INTENT && this.handoff) return this.requestHandoff(next, incoming, replies);
      // Remembered only for a 👎 on this answer (the inbox), so only where the answer asks for one;
      // replaced by the next answered question.
      const asked = this.offersFeedback(understood.intent)
        ? { ...next, lastQuestion: { intent: understood.intent, text: inboxText(redacted.text) } }
        : next;
      const answered = this.answer(asked, understood.intent, facet, { askedInWords: true });
      return { state: answered.state, replies: [...replies, ...answered.replies] };
    }
    if (understood.kind === 'clarify') {
      this.emit(next, incoming, { event: 'clarified', intent: understood.intents.join('|'), ...logged });
      if (!nearSafetyTopic)
        await this.recordUnanswered(next, incoming, redacted.text, 'clarify', understood.intents[0]);
      const buttons = [...this.topicButtons(understood.intents, next.language), this.staffButton(next.language)];
      replies.push(
        say.reply(PHRASES[next.language][understood.intents.length > 1 ? 'didYouMeanEither' : 'didYouMean'], {
          buttons,
        }),
      );
      return { state: { ...next, consecutiveFallbacks: 0 }, replies };
    }
    const suggested = classification.ranked.find(
      (r) => r.intent !== NONE_INTENT && this.services.live.knowledge.intents.has(r.intent),
    )?.intent;
    if (!nearSafetyTopic) await this.recordUnanswered(next, incoming, redacted.text, 'fallback', suggested);
    return this.fallback(next, incoming, redacted.textWithoutMarkers, classification, understood.reason, replies, {
      ...logged,
      ...(suggested ? { intent: suggested } : {}),
    });
  }

  /**
   * Reads the message against the conversation's topic (follow-up.ts): a follow-up, a correction
   * or a new question. Classifies the message's parts only when that can change the outcome.
   */
  private async resolveAgainstTopic(state: DialogueState, text: string, classification: Classification) {
    const topic = currentTopic(state.topic, this.now());
    const facet = recogniseFacet(text);
    const classifyPart = async (part: string): Promise<Understanding> => {
      const { decision: partDecision, ranked } = await this.services.live.classifier.classify(part, state.language);
      const partFacet = recogniseFacet(part);
      return {
        decision: partDecision,
        top: ranked.slice(0, 3).map((r) => r.intent),
        ...(partFacet ? { facet: partFacet } : {}),
      };
    };
    const corrected = correctedQuestion(text);
    // Classify what is left without the facet words only when there is something left to name a topic.
    const rest = topic && facet && /\p{L}{3,}/u.test(facet.rest) ? facet.rest : undefined;
    return resolveTopic({
      ...(topic ? { topic: topic.intent } : {}),
      message: {
        decision: classification.decision,
        top: classification.ranked.slice(0, 3).map((r) => r.intent),
        ...(facet ? { facet } : {}),
      },
      ...(rest ? { rest: await classifyPart(rest) } : {}),
      ...(corrected ? { correction: await classifyPart(corrected) } : {}),
      elliptical: isElliptical(text),
    });
  }

  private async handleButton(given: DialogueState, incoming: IncomingMessage): Promise<Turn> {
    const parsed = ButtonValueSchema.safeParse(incoming.value);
    if (!parsed.success) return this.declined(given, incoming, 'unknown-button', 'unknownButton');
    const value: ButtonValue = parsed.data;
    // Any other button moves on from a callback under way (and drops a number given for it).
    const state =
      value.action === 'callback' || value.action === 'callback-consent' ? given : { ...given, callback: undefined };
    switch (value.action) {
      case 'answer':
        if (!this.services.live.knowledge.intents.has(value.intent))
          return this.declined(state, incoming, 'unknown-intent', 'unknownButton');
        this.emit(state, incoming, {
          event: 'answered',
          intent: value.intent,
          ...(value.facet ? { facet: value.facet } : {}),
          reason: 'button',
        });
        return this.answer(state, value.intent, value.facet);
      case 'handoff':
        this.emit(state, incoming, { event: 'answered', intent: HANDOFF_INTENT, reason: 'button' });
        return this.handoff ? this.requestHandoff(state, incoming, []) : this.answer(state, HANDOFF_INTENT);
      case 'feedback':
        return this.recordFeedback(state, incoming, value.intent, value.helpful);
    }
    // The handoff buttons exist only where there is a staffed queue.
    if (!this.handoff) return this.declined(state, incoming, 'unknown-button', 'unknownButton');
    const say = this.speaker(state);
    switch (value.action) {
      case 'leave-queue':
        return this.handoff.leaveQueue(state, say, incoming.conversationId, this.now());
      case 'keep-waiting':
        return this.handoff.keepWaiting(state, say, incoming.conversationId, this.now());
      case 'callback':
        return this.handoff.offerCallback(state, say);
      case 'callback-consent':
        return this.handoff.consent(state, say, value.given);
      case 'satisfaction':
        this.emit(state, incoming, {
          event: 'feedback',
          intent: HANDOFF_INTENT,
          reason: `satisfaction-${value.answer}`,
        });
        this.services.insight?.record(
          incoming.conversationId,
          { kind: 'satisfaction', municipalityId: this.municipality(state).id, answer: value.answer },
          incoming.activityId,
        );
        return this.handoff.recordSatisfaction(state, say);
    }
  }

  private async requestHandoff(state: DialogueState, incoming: IncomingMessage, before: Reply[]): Promise<Turn> {
    const frustrated = this.afterFrustration.has(incoming);
    if (!this.handoff) return this.answer(state, HANDOFF_INTENT);
    const reason: HandoffContext['reason'] =
      state.consecutiveFallbacks >= FALLBACKS_BEFORE_OFFERING_STAFF
        ? 'fallbacks'
        : state.unhelpfulAnswers >= UNHELPFUL_BEFORE_OFFERING_STAFF
          ? 'unhelpful'
          : 'asked';
    const topic = currentTopic(state.topic, this.now())?.intent;
    this.services.insight?.record(
      incoming.conversationId,
      {
        kind: 'handoff-requested',
        municipalityId: this.municipality(state).id,
        reason:
          reason === 'fallbacks'
            ? 'low-confidence'
            : reason === 'unhelpful'
              ? 'unhelpful'
              : topic !== undefined && isSafetyIntent(topic)
                ? 'safety'
                : frustrated
                  ? 'frustration'
                  : 'asked',
      },
      incoming.activityId,
    );
    const turn = await this.handoff.request(state, this.speaker(state), incoming.conversationId, reason, this.now());
    // Staff cannot take this conversation over (another channel, such as Teams): give the phone number.
    if (!turn) {
      const answered = this.answer(state, HANDOFF_INTENT);
      return { state: answered.state, replies: [...before, ...answered.replies] };
    }
    return { state: turn.state, replies: [...before, ...turn.replies] };
  }

  /**
   * The answer to a topic, or to one facet of it. `askedInWords`: the citizen typed the question,
   * so an answer just given is not repeated word for word (a button press is a deliberate request).
   */
  private answer(
    state: DialogueState,
    intentId: string,
    facet?: AnswerFacet,
    { askedInWords = false }: { askedInWords?: boolean } = {},
  ): Turn {
    const intent = this.intent(intentId);
    const say = this.speaker(state);
    const language = state.language;
    const phrases = PHRASES[language];
    const title = { topic: intent.title[language] };
    // The municipality's own text where it has one, else the shared one (knowledge/effective-answer.ts).
    const knowledge = this.services.live.knowledge;
    const municipalityId = this.municipality(state).id;
    const facetText = facet ? answerTemplate(knowledge, intent.id, municipalityId, language, facet)?.text : undefined;
    const generalText = answerTemplate(knowledge, intent.id, municipalityId, language).text;
    const part = answeredPart(facetText === undefined ? undefined : facet);
    const topic = currentTopic(state.topic, this.now());
    const onTopic = topic?.intent === intent.id;
    const updated = { ...state, consecutiveFallbacks: 0, lastAnsweredIntent: intent.id };

    if (askedInWords && onTopic && topic.answered.includes(part)) {
      // A worried parent or a victim of violence asking again needs a person, not the same text.
      if (PERSON_AT_ONCE_INTENTS.has(intent.id))
        return { state: updated, replies: [this.offerPersonAbout(state, intent.id)] };
      // Asked again: saying the same thing again helps no one. Offer what has not been said, and a person.
      const buttons = [...this.facetButtons(intent.id, language, topic.answered), this.staffButton(language)];
      const text = facet && facetText === undefined ? phrases.cannotBeMorePrecise : phrases.alreadyAnswered;
      return {
        state: { ...updated, topic: { ...topic, at: this.now().toISOString() } },
        replies: [say.reply(text, { buttons }, title)],
      };
    }

    // One paragraph per link: a single newline is no line break in Markdown.
    const links = intent.links.map((link) => `➜ [${link[language].title}](${link[language].url})`).join('\n\n');
    const body =
      facetText ?? (facet ? `${say.fill(phrases.noSeparateFacetAnswer, title)}\n\n${generalText}` : generalText);
    // Nothing may follow the emergency numbers, not even related topics an editor added (safety-intents.ts).
    const related = intent.id === EMERGENCY_INTENT ? [] : this.topicButtons(intent.related, language);
    const answered = [...(onTopic ? topic.answered : []), part];
    const more =
      facetText === undefined ? [] : this.facetButtons(intent.id, language, answered).slice(0, MORE_FACET_BUTTONS);
    const topics =
      more.length > 0
        ? { heading: say.fill(phrases.moreAbout, title), buttons: more }
        : related.length > 0
          ? { heading: phrases.seeAlso, buttons: related }
          : undefined;
    const replies: Reply[] = [
      say.reply(links ? `${body}\n\n${links}` : body, {
        ...(topics ? { topics } : {}),
        ...(PERSON_AT_ONCE_INTENTS.has(intent.id) ? { buttons: [this.staffButton(language)] } : {}),
      }),
    ];
    if (this.offersFeedback(intent.id)) {
      replies.push(
        say.reply(phrases.wasItHelpful, {
          buttons: [
            { title: phrases.helpful, value: { action: 'feedback', intent: intent.id, helpful: true } },
            { title: phrases.notHelpful, value: { action: 'feedback', intent: intent.id, helpful: false } },
          ],
        }),
      );
    }
    return { state: { ...updated, topic: this.topicAfter(state, intent, part) }, replies };
  }

  /** Whether the answer to this intent asks "Hjalp svaret?" (not chat such as "hej", not safety topics). */
  private offersFeedback(intentId: string): boolean {
    const intent = this.services.live.knowledge.intents.get(intentId);
    return intent !== undefined && intent.area !== NO_FEEDBACK_AREA && !isSafetyIntent(intent.id);
  }

  /** What the conversation is about after answering `part` of `intent` (conversation-topic.ts). */
  private topicAfter(state: DialogueState, intent: IntentDefinition, part: AnsweredPart) {
    // A goodbye ends the topic. The emergency answer stays the topic: what follows it may be more of the same crisis.
    if (intent.id === FAREWELL_INTENT) return undefined;
    if (intent.id === EMERGENCY_INTENT) return topicAfterAnswer(undefined, intent.id, part, this.now());
    // "hej" or "hvem er du?" in between does not change what the conversation is about.
    if (intent.area === NO_FEEDBACK_AREA) return currentTopic(state.topic, this.now());
    return topicAfterAnswer(currentTopic(state.topic, this.now()), intent.id, part, this.now());
  }

  /** Whether the message will be answered from a topic (a question), not only chat such as "hej" or nothing. */
  private answersATopic(resolution: TopicResolution): boolean {
    if (resolution.kind === 'ask') return true;
    const intentId =
      resolution.kind === 'answer'
        ? resolution.intent
        : resolution.decision.kind === 'answer'
          ? resolution.decision.intent
          : undefined;
    if (intentId === undefined) return false;
    if (intentId === HANDOFF_INTENT) return true;
    const intent = this.services.live.knowledge.intents.get(intentId);
    return intent !== undefined && intent.area !== NO_FEEDBACK_AREA;
  }

  /** "Hvad vil du gerne vide om Bestil pas?" with the parts of the answer as buttons. */
  private askWhichPart(state: DialogueState, intentId: string): Reply {
    const intent = this.intent(intentId);
    const language = state.language;
    const buttons = [
      ...this.facetButtons(intent.id, language, []),
      { title: intent.title[language], value: { action: 'answer' as const, intent: intent.id } },
      this.staffButton(language),
    ];
    return this.speaker(state).reply(PHRASES[language].askWhichPart, { buttons }, { topic: intent.title[language] });
  }

  /** "Det kan en medarbejder svare bedst på" about a safety topic, with the person first. */
  private offerPersonAbout(state: DialogueState, intentId: string): Reply {
    const intent = this.intent(intentId);
    const language = state.language;
    const buttons = [this.staffButton(language), ...this.facetButtons(intent.id, language, [])];
    return this.speaker(state).reply(
      PHRASES[language].personAnswersBest,
      { buttons },
      { topic: intent.title[language] },
    );
  }

  /** Buttons for the facets an intent answers, except those already given. */
  private facetButtons(intentId: string, language: Language, given: readonly AnsweredPart[]): ReplyButton[] {
    const intent = this.intent(intentId);
    return ANSWER_FACETS.filter((facet) => intent.facets[facet] !== undefined && !given.includes(facet)).map(
      (facet) => ({
        title: PHRASES[language].facets[facet],
        value: { action: 'answer' as const, intent: intent.id, facet },
      }),
    );
  }

  /**
   * When no intent answers: relevant guides as cards (guide-relevance.ts), else the likely topics as
   * buttons (likely-topics.ts), else a plain limit statement; always with a person. Off-topic chat
   * (the None class) is told what the assistant is for rather than asked to rephrase.
   */
  private fallback(
    state: DialogueState,
    incoming: IncomingMessage,
    text: string,
    classification: Classification,
    reason: FallbackReason,
    replies: Reply[],
    logged: Pick<TurnEvent, 'intent' | 'score' | 'personalDataFound'>,
  ): Turn {
    const say = this.speaker(state);
    const phrases = PHRASES[state.language];
    const staff = this.staffButton(state.language);
    const cards = this.services.live.guides.relevantGuides(text, classification.language).map(({ guide }) => ({
      title: guide.title,
      summary: guide.summary,
      url: say.fill(guide.url),
      linkTitle: phrases.readGuide,
    }));
    const intents = this.services.live.knowledge.intents;
    const likely = likelyTopics(classification.ranked, (id) => {
      const intent = intents.get(id);
      return intent !== undefined && intent.area !== NO_FEEDBACK_AREA;
    });
    const topics = this.topicButtons(likely, state.language);
    const fallbacks = state.consecutiveFallbacks + 1;
    this.emit(state, incoming, { event: 'fallback', reason, guideOffered: cards.length > 0, ...logged });
    const offered = cards.map((card) => ({ title: card.title, url: card.url }));
    const next = {
      ...state,
      consecutiveFallbacks: fallbacks,
      guidesOffered: [...state.guidesOffered, ...offered].slice(-CONTEXT_TURNS),
    };
    if (cards.length > 0) {
      replies.push(say.reply(phrases.fallbackWithGuides, { cards, buttons: [...topics, staff] }));
    } else if (topics.length > 0) {
      replies.push(say.reply(phrases.fallbackLikelyTopics, { buttons: [...topics, staff] }));
    } else {
      replies.push(
        say.reply(reason === 'none-class' ? phrases.offTopic : phrases.fallbackNoGuides, { buttons: [staff] }),
      );
    }
    if (fallbacks >= FALLBACKS_BEFORE_OFFERING_STAFF) {
      this.emit(next, incoming, { event: 'handoff-offered', reason: 'repeated-fallback' });
      replies.push(say.reply(phrases.offerStaff, { buttons: [staff] }));
    }
    return { state: next, replies };
  }

  private async recordFeedback(
    state: DialogueState,
    incoming: IncomingMessage,
    intent: string,
    helpful: boolean,
  ): Promise<Turn> {
    this.emit(state, incoming, { event: 'feedback', intent, reason: helpful ? 'helpful' : 'not-helpful' });
    this.services.insight?.record(
      incoming.conversationId,
      { kind: 'feedback', municipalityId: this.municipality(state).id, intent, helpful },
      incoming.activityId,
    );
    const say = this.speaker(state);
    if (helpful) return { state, replies: [say.reply(PHRASES[state.language].thanksForFeedback)] };
    const unhelpful = state.unhelpfulAnswers + 1;
    // The question behind a 👎 goes to the inbox when it is known: the last typed question, answered
    // with this intent (a 👎 under an older answer, or one reached by a button, has none). Once only.
    const question = state.lastQuestion?.intent === intent ? state.lastQuestion.text : undefined;
    if (question !== undefined) await this.recordUnanswered(state, incoming, question, 'not-helpful', intent);
    const next = { ...state, unhelpfulAnswers: unhelpful, lastQuestion: undefined };
    if (unhelpful >= UNHELPFUL_BEFORE_OFFERING_STAFF) {
      // The second 👎: offer a person outright rather than another "try asking differently".
      this.emit(next, incoming, { event: 'handoff-offered', reason: 'unhelpful-answers' });
      return {
        state: next,
        replies: [
          say.reply(PHRASES[state.language].offerStaffAfterUnhelpful, { buttons: [this.staffButton(state.language)] }),
        ],
      };
    }
    return {
      state: next,
      replies: [say.reply(PHRASES[state.language].sorryNotHelpful, { buttons: [this.staffButton(state.language)] })],
    };
  }

  /**
   * Puts a message that did not get a good answer in the unanswered inbox: the redacted text only.
   * Never part of the citizen's answer: a failure is reported (onStoreError) and the turn goes on.
   * Awaited, so that the question is stored before the reply goes out and "Slet samtalen" finds it.
   */
  private async recordUnanswered(
    state: DialogueState,
    incoming: IncomingMessage,
    redactedText: string,
    reason: UnansweredReason,
    suggestedIntent?: string,
  ): Promise<void> {
    const store = this.services.unanswered;
    if (!store) return;
    try {
      const question = newUnansweredQuestion(
        {
          conversationId: incoming.conversationId,
          municipalityId: this.municipality(state).id,
          language: state.language,
          redactedText,
          reason,
          ...(suggestedIntent ? { suggestedIntent } : {}),
        },
        this.now(),
      );
      await store.record(question);
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      if (this.services.onStoreError) this.services.onStoreError(failure, 'unanswered');
      else process.emitWarning(failure);
    }
  }

  private declined(
    state: DialogueState,
    incoming: IncomingMessage,
    reason: string,
    phrase: 'tooLong' | 'emptyMessage' | 'attachmentsDeclined' | 'unknownButton',
  ): Turn {
    this.emit(state, incoming, { event: 'declined', reason });
    return { state, replies: [this.speaker(state).reply(PHRASES[state.language][phrase])] };
  }

  private personalDataNotice(found: readonly PersonalDataKind[], language: Language): string {
    const phrases = PHRASES[language];
    const names = found.map((kind) => phrases.found[kind]);
    const list =
      names.length > 1
        ? `${names.slice(0, -1).join(', ')} ${phrases.and} ${names[names.length - 1]}`
        : (names[0] ?? '');
    return phrases.personalDataRemoved.replace('{{found}}', list);
  }

  /** Applies the widget's locale and municipality; both are fixed once the conversation has started. */
  private settle(
    state: DialogueState,
    incoming: Pick<IncomingMessage, 'locale' | 'municipalityId'>,
    changes: Partial<DialogueState>,
  ): DialogueState {
    const municipalities = this.services.live.knowledge.municipalities;
    const municipalityId =
      state.municipalityId ??
      (incoming.municipalityId && municipalities.has(incoming.municipalityId)
        ? incoming.municipalityId
        : this.services.defaultMunicipalityId);
    const language: Language =
      state.welcomed || state.lastAnsweredIntent ? state.language : languageOfLocale(incoming.locale, state.language);
    return { ...state, ...changes, municipalityId, language };
  }

  private municipality(state: DialogueState): MunicipalityProfile {
    const municipalities = this.services.live.knowledge.municipalities;
    // A municipality removed from the knowledge base while a conversation was open falls back to the default.
    const profile =
      municipalities.get(state.municipalityId ?? this.services.defaultMunicipalityId) ??
      municipalities.get(this.services.defaultMunicipalityId);
    if (!profile)
      throw new Error(`unknown municipality "${state.municipalityId ?? this.services.defaultMunicipalityId}"`);
    return profile;
  }

  private intent(id: string): IntentDefinition {
    const intent = this.services.live.knowledge.intents.get(id);
    if (!intent) throw new Error(`the knowledge base has no intent "${id}"`);
    return intent;
  }

  private topicButtons(ids: readonly string[], language: Language): ReplyButton[] {
    const intents = this.services.live.knowledge.intents;
    return ids.flatMap((id) => {
      const intent = intents.get(id);
      return intent ? [{ title: intent.title[language], value: { action: 'answer' as const, intent: id } }] : [];
    });
  }

  private staffButton(language: Language): ReplyButton {
    return { title: PHRASES[language].talkToStaff, value: { action: 'handoff' } };
  }

  private speaker(state: DialogueState): Speaker {
    return createSpeaker(this.municipality(state), state.language);
  }

  private now(): Date {
    return this.services.now?.() ?? new Date();
  }

  private emit(
    state: DialogueState,
    incoming: IncomingMessage,
    event: Omit<TurnEvent, 'conversationId' | 'municipalityId' | 'language'>,
  ): void {
    const turn: TurnEvent = {
      conversationId: incoming.conversationId,
      municipalityId: state.municipalityId ?? this.services.defaultMunicipalityId,
      language: state.language,
      ...event,
    };
    this.services.onTurn?.(turn);
    const fact = turnFact(turn, incoming.channel ?? 'unknown');
    // One insight event per citizen message, keyed by the activity: counted once however often recorded.
    if (fact) this.services.insight?.record(incoming.conversationId, fact, incoming.activityId);
  }
}

export function languageOfLocale(locale: string | undefined, fallback: Language): Language {
  if (!locale) return fallback;
  const primary = locale.toLowerCase().split(/[-_]/)[0];
  return primary === 'en' ? 'en' : primary === 'da' ? 'da' : fallback;
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
