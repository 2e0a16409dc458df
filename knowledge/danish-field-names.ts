import type { AnswerFacet } from './answer-facet';
import type { YamlPath } from './yaml-file';

/** A facet's name for editors, as the citizen's buttons call it (bot/dialogue/phrases.ts), without the question mark. */
export const DANISH_FACET_NAMES: Readonly<Record<AnswerFacet, string>> = {
  cost: 'Pris',
  documents: 'Hvad skal man have med',
  steps: 'Sådan gør du',
  where: 'Hvor og hvornår',
  duration: 'Hvor lang tid det tager',
  eligibility: 'Hvem kan få det',
  deadline: 'Frister',
};

/** Keys of the knowledge files an editor meets, by their Danish name. Unknown keys are shown as written. */
const KEY_NAMES: Readonly<Record<string, string>> = {
  ...DANISH_FACET_NAMES,
  id: 'Id',
  area: 'Område',
  title: 'Titel',
  training: 'Eksempler',
  checks: 'Kontrolsætninger',
  answer: 'Svar',
  facets: 'Dele af svaret',
  links: 'Links',
  related: 'Relaterede emner',
  url: 'Adresse',
  language: 'Sprog',
  keywords: 'Søgeord',
  summary: 'Resumé',
  name: 'Navn',
  phone: 'Telefon',
  childConcernPhone: 'Telefon ved bekymring for et barn',
  email: 'E-mail',
  address: 'Adresse',
  street: 'Vej',
  postalCode: 'Postnummer',
  city: 'By',
  website: 'Hjemmeside',
  openingHours: 'Åbningstider',
  phoneHours: 'Telefontider',
  chatHours: 'Chattider',
  monday: 'Mandag',
  tuesday: 'Tirsdag',
  wednesday: 'Onsdag',
  thursday: 'Torsdag',
  friday: 'Fredag',
  saturday: 'Lørdag',
  sunday: 'Søndag',
  from: 'Fra',
  to: 'Til',
  closedDates: 'Lukkedage',
  answers: 'Lokale svar',
  webchat: 'Chatvindue',
  handoffQueue: 'Kø',
};

const LANGUAGE_NAMES: Readonly<Record<string, string>> = { da: 'dansk', en: 'engelsk' };

/**
 * A field's path as an editor reads it: ["training", "da", 3] → "Danske eksempler, nr. 4",
 * ["links", 0, "da", "url"] → "Link 1 (dansk), adresse". Only the message changes; the path stays.
 */
export function danishFieldName(path: YamlPath): string {
  const parts: string[] = [];
  path.forEach((key, index) => {
    const previous = path[index - 1];
    if (typeof key === 'number') {
      if (previous === 'links') parts[parts.length - 1] = `Link ${key + 1}`;
      else parts.push(`nr. ${key + 1}`);
    } else if (previous === 'training' && (key === 'da' || key === 'en')) {
      parts[parts.length - 1] = key === 'da' ? 'Danske eksempler' : 'Engelske eksempler';
    } else if (previous === 'checks' && (key === 'da' || key === 'en')) {
      parts[parts.length - 1] = key === 'da' ? 'Danske kontrolsætninger' : 'Engelske kontrolsætninger';
    } else if (previous !== 'answers' && LANGUAGE_NAMES[key] !== undefined && parts.length > 0) {
      parts.push(`(${LANGUAGE_NAMES[key]})`);
    } else {
      parts.push(previous === 'answers' ? `"${key}"` : (KEY_NAMES[key] ?? key));
    }
  });
  // A language belongs to the part before it: "Svar (dansk)", not "Svar, (dansk)".
  return parts
    .map((part, index) => (index === 0 ? part : lowerFirst(part)))
    .join(', ')
    .replace(/, \(/g, ' (');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
