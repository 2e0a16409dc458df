// @ts-check
/** Times, kinds and other words the studio shows, in Danish. */

const TIME = new Intl.DateTimeFormat('da-DK', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Copenhagen',
});
const CLOCK = new Intl.DateTimeFormat('da-DK', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Copenhagen' });

/** "3. dec. 2026 14.05" (an unreadable time as it came). */
export function dateTime(/** @type {string} */ iso) {
  const date = new Date(iso);
  return isNaN(date.getTime()) ? iso : TIME.format(date);
}

/** "14.05". */
export function clock(/** @type {Date} */ date) {
  return CLOCK.format(date);
}

/** @type {Readonly<Record<string, string>>} */
export const KIND_NAMES = {
  intent: 'Emne',
  guide: 'Vejledning',
  municipality: 'Kommune',
  'out-of-scope': 'Uden for område',
};

/** The answer facets (knowledge/answer-facet.ts), as editors call them. */
/** @type {Readonly<Record<string, string>>} */
export const FACET_NAMES = {
  cost: 'Pris',
  documents: 'Det skal du have med',
  steps: 'Sådan gør du',
  where: 'Hvor',
  duration: 'Hvor lang tid',
  eligibility: 'Hvem kan',
  deadline: 'Frister',
};

/** @type {Readonly<Record<string, string>>} */
export const LANGUAGE_NAMES = { da: 'dansk', en: 'engelsk' };

/** @type {Readonly<Record<string, string>>} */
export const BAND_NAMES = { let: 'let', middel: 'middel', svaer: 'svær' };

/** "for 12 sekunder siden", "for 3 minutter siden", or the clock when it is longer ago. */
export function ago(/** @type {string} */ iso, /** @type {Date} */ now) {
  const date = new Date(iso);
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  if (isNaN(seconds)) return '';
  if (seconds < 2) return 'lige nu';
  if (seconds < 60) return `for ${plural(seconds, 'sekund', 'sekunder')} siden`;
  if (seconds < 3600) return `for ${plural(Math.floor(seconds / 60), 'minut', 'minutter')} siden`;
  return `kl. ${clock(date)}`;
}

export function plural(/** @type {number} */ count, /** @type {string} */ one, /** @type {string} */ many) {
  return `${count} ${count === 1 ? one : many}`;
}
