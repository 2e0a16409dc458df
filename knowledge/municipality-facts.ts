import type { Language } from '../text/language';
import type { MunicipalityProfile, Weekday, WeeklyHours } from './municipality-profile';
import { LOCAL_LINK_KEYS } from './municipality-profile';
import type { PlaceholderValues } from './placeholders';

const WEEKDAYS: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const DAY_NAMES: Record<Language, Record<Weekday, string>> = {
  da: {
    monday: 'Mandag',
    tuesday: 'Tirsdag',
    wednesday: 'Onsdag',
    thursday: 'Torsdag',
    friday: 'Fredag',
    saturday: 'Lørdag',
    sunday: 'Søndag',
  },
  en: {
    monday: 'Monday',
    tuesday: 'Tuesday',
    wednesday: 'Wednesday',
    thursday: 'Thursday',
    friday: 'Friday',
    saturday: 'Saturday',
    sunday: 'Sunday',
  },
};
const CLOSED: Record<Language, string> = { da: 'lukket', en: 'closed' };

/** One line per weekday as a Markdown list: "- Mandag: 10.00–15.00". Danish writes times with a dot. */
export function formatWeeklyHours(hours: WeeklyHours, language: Language): string {
  const clock = (time: string) => (language === 'da' ? time.replace(':', '.') : time);
  return WEEKDAYS.map((day) => {
    const spans = hours[day];
    const text = spans.length === 0 ? CLOSED[language] : spans.map((s) => `${clock(s.from)}–${clock(s.to)}`).join(', ');
    return `- ${DAY_NAMES[language][day]}: ${text}`;
  }).join('\n');
}

/** Every placeholder a profile fills, in the given language. The only source of local facts in answers. */
export function municipalityPlaceholders(profile: MunicipalityProfile, language: Language): PlaceholderValues {
  const values: Record<string, string> = {
    'municipality.name': profile.name,
    'municipality.phone': profile.phone,
    'municipality.childConcernPhone': profile.childConcernPhone,
    'municipality.email': profile.email,
    'municipality.address': `${profile.address.street}, ${profile.address.postalCode} ${profile.address.city}`,
    'municipality.website': profile.website,
    'municipality.openingHours': formatWeeklyHours(profile.openingHours, language),
    'municipality.chatHours': formatWeeklyHours(profile.chatHours, language),
    'municipality.phoneHours': formatWeeklyHours(profile.phoneHours, language),
  };
  for (const key of LOCAL_LINK_KEYS) values[`links.${key}`] = profile.links[key];
  return values;
}
