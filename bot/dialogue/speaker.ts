import type { Language } from '../../text/language';
import { municipalityPlaceholders } from '../../knowledge/municipality-facts';
import type { MunicipalityProfile } from '../../knowledge/municipality-profile';
import { fillPlaceholders } from '../../knowledge/placeholders';
import type { Reply } from './reply';

export interface Speaker {
  readonly language: Language;
  /** Fills the profile's placeholders, and `extra` ones such as {{position}}. */
  fill(text: string, extra?: Record<string, string>): string;
  reply(text: string, extras?: Omit<Reply, 'text' | 'locale'>, values?: Record<string, string>): Reply;
}

/** Builds replies in the conversation's language with the municipality's facts filled in. */
export function createSpeaker(profile: MunicipalityProfile, language: Language): Speaker {
  const values = municipalityPlaceholders(profile, language);
  const locale = language === 'da' ? 'da-DK' : 'en-GB';
  const fill = (text: string, extra: Record<string, string> = {}) => fillPlaceholders(text, { ...values, ...extra });
  return {
    language,
    fill,
    reply: (text, extras = {}, extra = {}) => ({
      text: fill(text, extra),
      locale,
      ...(extras.buttons ? { buttons: extras.buttons.map((b) => ({ ...b, title: fill(b.title, extra) })) } : {}),
      ...(extras.cards ? { cards: extras.cards } : {}),
      ...(extras.topics ? { topics: extras.topics } : {}),
    }),
  };
}
