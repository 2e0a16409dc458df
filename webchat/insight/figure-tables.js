// @ts-check
/**
 * The dashboard's tables, made from the API's figures: each chart's data-table alternative and the
 * table behind its "Hent CSV" link. Pure (no DOM), so the charts draw the same numbers the tables show.
 */
import { FACET_NAMES } from '../studio/formats.js';
import { count, hourSpan, ratio, share, shortDay, WEEKDAYS } from './numbers.js';

/** @typedef {import('./api-types').Figures} Figures */
/** @typedef {import('./api-types').CsvTable} CsvTable */
/** @typedef {{ text: string, href?: string }} Cell */
/**
 * @typedef {object} FigureTable
 * @property {CsvTable} csv  the CSV endpoint's table with the same data
 * @property {string} caption
 * @property {string[]} headers
 * @property {Cell[][]} rows
 * @property {string} empty  said instead of an empty table
 */

/** Why a conversation went to a person (the API's reason ids). */
/** @type {Readonly<Record<string, string>>} */
export const HANDOFF_REASONS = {
  asked: 'Borgeren bad om en medarbejder',
  'low-confidence': 'Assistenten var i tvivl',
  frustration: 'Borgeren virkede frustreret',
  safety: 'Alvorlig situation',
  callback: 'Borgeren bad om at blive ringet op',
};

export const reasonName = (/** @type {string} */ reason) => HANDOFF_REASONS[reason] ?? reason;
export const facetName = (/** @type {string} */ facet) => FACET_NAMES[facet] ?? facet;

const text = (/** @type {string} */ value) => ({ text: value });
const number = (/** @type {number} */ value) => ({ text: count(value) });

/** How the assistant answered the citizens' messages (from the totals). */
export function decisionRows(/** @type {Figures} */ figures) {
  const t = figures.totals;
  return [
    { label: 'Svarede', value: t.answered },
    { label: '"Mente du …?"', value: t.clarified },
    { label: 'Forstod ikke', value: t.fallbacks },
    { label: 'Henviste', value: t.referrals },
    { label: 'Alvorlige situationer', value: t.safety },
  ];
}

/** The conversations and messages of each day, oldest first. */
export function perDayTable(/** @type {Figures} */ figures) {
  return /** @type {FigureTable} */ ({
    csv: 'perDay',
    caption: 'Samtaler og beskeder pr. dag',
    headers: ['Dag', 'Samtaler', 'Beskeder'],
    rows: figures.perDay.map((day) => [text(shortDay(day.date)), number(day.conversations), number(day.messages)]),
    empty: 'Ingen dage i perioden.',
  });
}

/** Conversations summed per hour of the day, weekdays and weekend apart (the chart of the week). */
export function perHourSeries(/** @type {Figures} */ figures) {
  const weekdays = new Array(24).fill(0);
  const weekend = new Array(24).fill(0);
  for (const cell of figures.perHourOfWeek) (cell.weekday >= 6 ? weekend : weekdays)[cell.hour] += cell.conversations;
  return { weekdays, weekend };
}

/** One row per hour, one column per weekday: conversations started then. */
export function perHourOfWeekTable(/** @type {Figures} */ figures) {
  /** @type {number[][]} */
  const grid = Array.from({ length: 24 }, () => new Array(7).fill(0));
  for (const cell of figures.perHourOfWeek) {
    const row = grid[cell.hour];
    if (row && cell.weekday >= 1 && cell.weekday <= 7) row[cell.weekday - 1] = cell.conversations;
  }
  return /** @type {FigureTable} */ ({
    csv: 'perHourOfWeek',
    caption: 'Samtaler pr. time og ugedag (dansk tid)',
    headers: ['Time', ...WEEKDAYS.map((day) => day.charAt(0).toUpperCase() + day.slice(1))],
    rows: grid.map((row, hour) => [text(hourSpan(hour)), ...row.map(number)]),
    empty: '',
  });
}

export function handoffReasonsTable(/** @type {Figures} */ figures) {
  return /** @type {FigureTable} */ ({
    csv: 'handoffReasons',
    caption: 'Hvorfor borgerne kom videre til en medarbejder',
    headers: ['Årsag', 'Samtaler'],
    rows: figures.handoffReasons.map((row) => [text(reasonName(row.reason)), number(row.count)]),
    empty: 'Ingen borgere bad om en medarbejder i perioden.',
  });
}

export function topIntentsTable(/** @type {Figures} */ figures) {
  return /** @type {FigureTable} */ ({
    csv: 'topIntents',
    caption: 'De mest efterspurgte emner',
    headers: ['Emne', 'Beskeder', '👍', '👎', 'Andel 👍'],
    rows: figures.topIntents.map((row) => [
      text(row.title),
      number(row.turns),
      number(row.feedbackUp),
      number(row.feedbackDown),
      text(share(ratio(row.feedbackUp, row.feedbackUp + row.feedbackDown))),
    ]),
    empty: 'Ingen emner i perioden.',
  });
}

export function topFacetsTable(/** @type {Figures} */ figures) {
  return /** @type {FigureTable} */ ({
    csv: 'topFacets',
    caption: 'Hvad borgerne spurgte om (del-svar)',
    headers: ['Del-svar', 'Beskeder'],
    rows: figures.topFacets.map((row) => [text(facetName(row.facet)), number(row.turns)]),
    empty: 'Ingen del-svar i perioden.',
  });
}

/** The topics citizens were least helped by, each linked to its page in the studio. */
export function weakIntentsTable(/** @type {Figures} */ figures) {
  return /** @type {FigureTable} */ ({
    csv: 'weakIntents',
    caption: 'Emner med flest 👎 eller uafklarede spørgsmål',
    headers: ['Emne', '👎', '"Mente du …?" eller ikke forstået'],
    rows: figures.weakIntents.map((row) => [
      { text: row.title, href: row.studioPath },
      number(row.feedbackDown),
      number(row.fallbacksOrClarified),
    ]),
    empty: 'Ingen emner fik 👎 eller blev misforstået i perioden.',
  });
}

/** The agents' wrap-up codes on ending: topics, then outcomes. */
export function wrapUpsTable(/** @type {Figures} */ figures) {
  return /** @type {FigureTable} */ ({
    csv: 'wrapUps',
    caption: 'Medarbejdernes afslutningskoder',
    headers: ['Kode', 'Samtaler'],
    rows: [
      ...figures.wrapUps.topics.map((row) => [text(`Emne: ${row.title}`), number(row.count)]),
      ...figures.wrapUps.outcomes.map((row) => [
        text(`Resultat: ${OUTCOMES[row.outcome] ?? row.outcome}`),
        number(row.count),
      ]),
    ],
    empty: 'Ingen afslutningskoder i perioden.',
  });
}

/** @type {Readonly<Record<string, string>>} */
const OUTCOMES = {
  resolved: 'Løst',
  'follow-up': 'Kræver opfølgning',
  referred: 'Henvist videre',
  'not-resolved': 'Ikke løst',
};

/** How the assistant met the citizens' messages: the chart of decisions (its CSV is all the totals). */
export function decisionsTable(/** @type {Figures} */ figures) {
  return /** @type {FigureTable} */ ({
    csv: 'totals',
    caption: 'Hvordan assistenten svarede på beskederne',
    headers: ['Svar', 'Beskeder', 'Andel'],
    rows: decisionRows(figures).map((row) => [
      text(row.label),
      number(row.value),
      text(share(ratio(row.value, figures.totals.messages))),
    ]),
    empty: '',
  });
}
