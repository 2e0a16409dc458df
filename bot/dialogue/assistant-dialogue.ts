import type { Classification } from '../../intents/intent-classifier';
import { HANDOFF_INTENT, type IntentDefinition } from '../../knowledge/intent-definition';
import type { Language } from '../../knowledge/language';
import { municipalityPlaceholders } from '../../knowledge/municipality-facts';
import type { MunicipalityProfile } from '../../knowledge/municipality-profile';
import { fillPlaceholders } from '../../knowledge/placeholders';
import type { FeedbackStore } from '../feedback/feedback-store';
import type { KnowledgeSource } from '../live-knowledge';
import { redactPersonalData, type PersonalDataKind } from '../privacy/personal-data-redactor';
import type { DialogueState } from './dialogue-state';
import { PHRASES } from './phrases';
import { ButtonValueSchema, type ButtonValue, type Reply, type ReplyButton } from './reply';

/** Conversation intents get no "Hjalp svaret?": there is nothing to rate in "hej". */
const NO_FEEDBACK_AREA = 'samtale';
const WELCOME_TOPICS = ['pas.bestil', 'flytning.anmeld', 'affald.toemning'];
const FALLBACKS_BEFORE_OFFERING_STAFF = 2;

/** Structured, text-free record of a turn: what was asked (as an intent), what was answered. */
export interface TurnEvent {
  readonly event: 'answered' | 'clarified' | 'fallback' | 'handoff-offered' | 'feedback' | 'declined';
  readonly conversationId: string;
  readonly municipalityId: string;
  readonly language: Language;
  readonly intent?: string;
  readonly score?: number;
  readonly reason?: string;
  readonly personalDataFound?: readonly PersonalDataKind[];
}

export interface DialogueServices {
  readonly live: KnowledgeSource;
  readonly feedback: FeedbackStore;
  readonly defaultMunicipalityId: string;
  readonly maxMessageLength: number;
  readonly onTurn?: (event: TurnEvent) => void;
  readonly now?: () => Date;
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
}

export interface Turn {
  readonly replies: readonly Reply[];
  readonly state: DialogueState;
}

/**
 * The assistant's conversation logic, free of Bot Framework so it can move to another SDK
 * (botbuilder 4 is out of support) by rewriting only the thin layer in assistant-bot.ts.
 */
export class AssistantDialogue {
  constructor(private readonly services: DialogueServices) {}

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

  async handle(state: DialogueState, incoming: IncomingMessage): Promise<Turn> {
    const current = this.settle(state, incoming, {});
    if (incoming.value !== undefined && incoming.value !== null) return this.handleButton(current, incoming);
    if (incoming.hasAttachments && !incoming.text?.trim()) return this.declined(current, incoming, 'attachment', 'attachmentsDeclined');
    return this.handleText(current, incoming);
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
      this.emit(state, incoming, { event: 'declined', reason: 'only-personal-data', personalDataFound: redacted.found });
      return { state, replies: [this.speaker(state).reply(this.personalDataNotice(redacted.found, state.language))] };
    }

    const classification = await this.services.live.classifier.classify(redacted.textWithoutMarkers, state.language);
    const next: DialogueState = { ...state, language: classification.language };
    const say = this.speaker(next);
    const replies: Reply[] = [];
    if (redacted.found.length > 0) replies.push(say.reply(this.personalDataNotice(redacted.found, next.language)));

    const { decision } = classification;
    const logged = { personalDataFound: redacted.found, score: classification.ranked[0]?.score };
    if (decision.kind === 'answer') {
      this.emit(next, incoming, { event: 'answered', intent: decision.intent, ...logged });
      const answered = this.answer(next, decision.intent);
      return { state: answered.state, replies: [...replies, ...answered.replies] };
    }
    if (decision.kind === 'clarify') {
      this.emit(next, incoming, { event: 'clarified', intent: decision.intents.join('|'), ...logged });
      const buttons = [...this.topicButtons(decision.intents, next.language), this.staffButton(next.language)];
      replies.push(say.reply(PHRASES[next.language][decision.intents.length > 1 ? 'didYouMeanEither' : 'didYouMean'], { buttons }));
      return { state: { ...next, consecutiveFallbacks: 0 }, replies };
    }
    this.emit(next, incoming, { event: 'fallback', reason: decision.reason, ...logged });
    return this.fallback(next, incoming, redacted.textWithoutMarkers, classification, replies);
  }

  private async handleButton(state: DialogueState, incoming: IncomingMessage): Promise<Turn> {
    const parsed = ButtonValueSchema.safeParse(incoming.value);
    if (!parsed.success) return this.declined(state, incoming, 'unknown-button', 'unknownButton');
    const value: ButtonValue = parsed.data;
    switch (value.action) {
      case 'answer':
        if (!this.services.live.knowledge.intents.has(value.intent)) return this.declined(state, incoming, 'unknown-intent', 'unknownButton');
        this.emit(state, incoming, { event: 'answered', intent: value.intent, reason: 'button' });
        return this.answer(state, value.intent);
      case 'handoff':
        this.emit(state, incoming, { event: 'answered', intent: HANDOFF_INTENT, reason: 'button' });
        return this.answer(state, HANDOFF_INTENT);
      case 'feedback':
        return this.recordFeedback(state, incoming, value.intent, value.helpful);
    }
  }

  private answer(state: DialogueState, intentId: string): Turn {
    const intent = this.intent(intentId);
    const say = this.speaker(state);
    const language = state.language;
    // One paragraph per link: a single newline is no line break in Markdown.
    const links = intent.links.map((link) => `➜ [${link[language].title}](${link[language].url})`).join('\n\n');
    const related = this.topicButtons(intent.related, language);
    const replies: Reply[] = [
      say.reply(links ? `${intent.answer[language]}\n\n${links}` : intent.answer[language], {
        ...(related.length > 0 ? { topics: { heading: PHRASES[language].seeAlso, buttons: related } } : {}),
      }),
    ];
    if (intent.area !== NO_FEEDBACK_AREA) {
      replies.push(
        say.reply(PHRASES[language].wasItHelpful, {
          buttons: [
            { title: PHRASES[language].helpful, value: { action: 'feedback', intent: intent.id, helpful: true } },
            { title: PHRASES[language].notHelpful, value: { action: 'feedback', intent: intent.id, helpful: false } },
          ],
        }),
      );
    }
    return { state: { ...state, consecutiveFallbacks: 0, lastAnsweredIntent: intent.id }, replies };
  }

  private fallback(state: DialogueState, incoming: IncomingMessage, text: string, classification: Classification, replies: Reply[]): Turn {
    const say = this.speaker(state);
    const phrases = PHRASES[state.language];
    const hits = this.services.live.guides.search(text, classification.language);
    const cards = hits.map(({ guide }) => ({
      title: guide.title,
      summary: guide.summary,
      url: say.fill(guide.url),
      linkTitle: phrases.readGuide,
    }));
    const fallbacks = state.consecutiveFallbacks + 1;
    const next = { ...state, consecutiveFallbacks: fallbacks };
    replies.push(
      cards.length > 0
        ? say.reply(phrases.fallbackWithGuides, { cards, buttons: [this.staffButton(state.language)] })
        : say.reply(phrases.fallbackNoGuides, { buttons: [this.staffButton(state.language)] }),
    );
    if (fallbacks >= FALLBACKS_BEFORE_OFFERING_STAFF) {
      this.emit(next, incoming, { event: 'handoff-offered', reason: 'repeated-fallback' });
      replies.push(say.reply(phrases.offerStaff, { buttons: [this.staffButton(state.language)] }));
    }
    return { state: next, replies };
  }

  private async recordFeedback(state: DialogueState, incoming: IncomingMessage, intent: string, helpful: boolean): Promise<Turn> {
    const municipalityId = this.municipality(state).id;
    await this.services.feedback.record({
      conversationId: incoming.conversationId,
      municipalityId,
      intent,
      helpful,
      at: (this.services.now?.() ?? new Date()).toISOString(),
    });
    this.emit(state, incoming, { event: 'feedback', intent, reason: helpful ? 'helpful' : 'not-helpful' });
    const say = this.speaker(state);
    if (helpful) return { state, replies: [say.reply(PHRASES[state.language].thanksForFeedback)] };
    return {
      state: { ...state, unhelpfulAnswers: state.unhelpfulAnswers + 1 },
      replies: [say.reply(PHRASES[state.language].sorryNotHelpful, { buttons: [this.staffButton(state.language)] })],
    };
  }

  private declined(state: DialogueState, incoming: IncomingMessage, reason: string, phrase: 'tooLong' | 'emptyMessage' | 'attachmentsDeclined' | 'unknownButton'): Turn {
    this.emit(state, incoming, { event: 'declined', reason });
    return { state, replies: [this.speaker(state).reply(PHRASES[state.language][phrase])] };
  }

  private personalDataNotice(found: readonly PersonalDataKind[], language: Language): string {
    const phrases = PHRASES[language];
    const names = found.map((kind) => phrases.found[kind]);
    const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} ${phrases.and} ${names[names.length - 1]}` : (names[0] ?? '');
    return phrases.personalDataRemoved.replace('{{found}}', list);
  }

  /** Applies the widget's locale and municipality; both are fixed once the conversation has started. */
  private settle(state: DialogueState, incoming: Pick<IncomingMessage, 'locale' | 'municipalityId'>, changes: Partial<DialogueState>): DialogueState {
    const municipalities = this.services.live.knowledge.municipalities;
    const municipalityId =
      state.municipalityId ??
      (incoming.municipalityId && municipalities.has(incoming.municipalityId) ? incoming.municipalityId : this.services.defaultMunicipalityId);
    const language: Language = state.welcomed || state.lastAnsweredIntent ? state.language : languageOfLocale(incoming.locale, state.language);
    return { ...state, ...changes, municipalityId, language };
  }

  private municipality(state: DialogueState): MunicipalityProfile {
    const municipalities = this.services.live.knowledge.municipalities;
    const profile = municipalities.get(state.municipalityId ?? this.services.defaultMunicipalityId);
    if (!profile) throw new Error(`unknown municipality "${state.municipalityId ?? this.services.defaultMunicipalityId}"`);
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

  /** Builds replies in the conversation's language with the municipality's facts filled in. */
  private speaker(state: DialogueState) {
    const values = municipalityPlaceholders(this.municipality(state), state.language);
    const locale = state.language === 'da' ? 'da-DK' : 'en-GB';
    const fill = (text: string) => fillPlaceholders(text, values);
    return {
      fill,
      reply: (text: string, extras: Omit<Reply, 'text' | 'locale'> = {}): Reply => ({
        text: fill(text),
        locale,
        ...(extras.buttons ? { buttons: extras.buttons.map((b) => ({ ...b, title: fill(b.title) })) } : {}),
        ...(extras.cards ? { cards: extras.cards } : {}),
        ...(extras.topics ? { topics: extras.topics } : {}),
      }),
    };
  }

  private emit(state: DialogueState, incoming: IncomingMessage, event: Omit<TurnEvent, 'conversationId' | 'municipalityId' | 'language'>): void {
    this.services.onTurn?.({
      conversationId: incoming.conversationId,
      municipalityId: state.municipalityId ?? this.services.defaultMunicipalityId,
      language: state.language,
      ...event,
    });
  }
}

export function languageOfLocale(locale: string | undefined, fallback: Language): Language {
  if (!locale) return fallback;
  const primary = locale.toLowerCase().split(/[-_]/)[0];
  return primary === 'en' ? 'en' : primary === 'da' ? 'da' : fallback;
}
