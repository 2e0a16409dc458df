// @ts-check
/**
 * The periods a manager picks from: this month, last month, the last 30 days, the last year, one
 * of the last twelve months by name, or any range. Days are calendar days in Europe/Copenhagen
 * (as the API counts them), written YYYY-MM-DD; the arithmetic is on UTC dates so no clock change
 * moves a day.
 */

export const TIME_ZONE = 'Europe/Copenhagen';

/** @typedef {{ id: string, label: string, from: string, to: string, month: string | null }} Period */

/** Today in Copenhagen as YYYY-MM-DD (en-CA writes dates that way). */
export function todayInCopenhagen(/** @type {Date} */ now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

const MONTH_NAME = new Intl.DateTimeFormat('da-DK', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "november 2026" for "2026-11". */
export function monthName(/** @type {string} */ month) {
  return MONTH_NAME.format(parseDay(`${month}-01`));
}

function parseDay(/** @type {string} */ day) {
  return new Date(`${day}T00:00:00Z`);
}

function formatDay(/** @type {Date} */ date) {
  return date.toISOString().slice(0, 10);
}

function addDays(/** @type {string} */ day, /** @type {number} */ days) {
  const date = parseDay(day);
  date.setUTCDate(date.getUTCDate() + days);
  return formatDay(date);
}

/** The month `offset` months from the one `day` is in: "2026-11" for ("2026-12-03", -1). */
function shiftMonth(/** @type {string} */ day, /** @type {number} */ offset) {
  const date = parseDay(`${day.slice(0, 7)}-01`);
  date.setUTCMonth(date.getUTCMonth() + offset);
  return formatDay(date).slice(0, 7);
}

/** The first and last day of a month ("2026-11" → 2026-11-01 … 2026-11-30). */
export function monthRange(/** @type {string} */ month) {
  const next = parseDay(`${month}-01`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  next.setUTCDate(0);
  return { from: `${month}-01`, to: formatDay(next) };
}

/**
 * The presets for `today`: the four named periods, then the last twelve whole months by name.
 * `month` is set when the period is one calendar month (the effect report is per month).
 * @returns {Period[]}
 */
export function presetPeriods(/** @type {string} */ today) {
  const thisMonth = today.slice(0, 7);
  const lastMonth = shiftMonth(today, -1);
  /** @type {Period[]} */
  const periods = [
    { id: 'denne-maaned', label: 'Denne måned', from: `${thisMonth}-01`, to: today, month: thisMonth },
    { id: 'sidste-maaned', label: 'Sidste måned', ...monthRange(lastMonth), month: lastMonth },
    { id: 'seneste-30-dage', label: 'Seneste 30 dage', from: addDays(today, -29), to: today, month: null },
    // A year back to the day after today's date: 365 or 366 days, the API allows 400.
    {
      id: 'seneste-aar',
      label: 'Seneste år',
      from: addDays(`${Number(today.slice(0, 4)) - 1}${today.slice(4)}`, 1),
      to: today,
      month: null,
    },
  ];
  for (let offset = 0; offset < 12; offset += 1) {
    const month = shiftMonth(today, -offset);
    periods.push({ id: `maaned-${month}`, label: monthName(month), ...monthRange(month), month });
  }
  return periods;
}

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Whether from and to are real days in order, at most `maxDays` apart (both counted). */
export function validRange(/** @type {string} */ from, /** @type {string} */ to, maxDays = 400) {
  if (!DAY.test(from) || !DAY.test(to)) return false;
  if (formatDay(parseDay(from)) !== from || formatDay(parseDay(to)) !== to) return false;
  const days = (parseDay(to).getTime() - parseDay(from).getTime()) / 86_400_000 + 1;
  return days >= 1 && days <= maxDays;
}

/** The one calendar month a range covers exactly ("2026-11"), or null. */
export function wholeMonth(/** @type {string} */ from, /** @type {string} */ to) {
  const month = from.slice(0, 7);
  const range = monthRange(month);
  return range.from === from && range.to === to ? month : null;
}
