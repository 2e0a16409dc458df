// @ts-check
/** Numbers, shares, durations and days as a Danish manager reads them (da-DK). */

const INTEGER = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat('da-DK', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const PERCENT = new Intl.NumberFormat('da-DK', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const DAY = new Intl.DateTimeFormat('da-DK', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
const LONG_DAY = new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "1.234". */
export function count(/** @type {number} */ value) {
  return INTEGER.format(value);
}

/** "12,5". */
export function decimal(/** @type {number} */ value) {
  return DECIMAL.format(value);
}

/** "12,5 %" for 0.125; a dash when there was nothing to divide by. */
export function share(/** @type {number | null} */ value) {
  return value === null ? '–' : PERCENT.format(value);
}

/** Part of a whole as a share, or null when the whole is 0. */
export function ratio(/** @type {number} */ part, /** @type {number} */ whole) {
  return whole > 0 ? part / whole : null;
}

/** "45 sek.", "3 min. 5 sek.", "1 t. 2 min."; a dash for no measurement. */
export function duration(/** @type {number | null} */ seconds) {
  if (seconds === null) return '–';
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} sek.`;
  if (whole < 3600) {
    const rest = whole % 60;
    return `${Math.floor(whole / 60)} min.${rest ? ` ${rest} sek.` : ''}`;
  }
  const minutes = Math.round((whole % 3600) / 60);
  return `${Math.floor(whole / 3600)} t.${minutes ? ` ${minutes} min.` : ''}`;
}

/** "tor. 3. dec." for "2026-12-03". */
export function shortDay(/** @type {string} */ day) {
  return DAY.format(new Date(`${day}T00:00:00Z`));
}

/** "3. december 2026". */
export function longDay(/** @type {string} */ day) {
  return LONG_DAY.format(new Date(`${day}T00:00:00Z`));
}

export const WEEKDAYS = ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'];

/** "kl. 07–08". */
export function hourSpan(/** @type {number} */ hour) {
  const two = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `kl. ${two(hour)}–${two((hour + 1) % 24)}`;
}
