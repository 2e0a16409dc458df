// @ts-check
/**
 * The agent's PC clock may be off; waiting times are computed with the server's clock, learnt
 * from the Date header of its answers.
 */

const clock = { skew: 0 };

export function noteServerTime(/** @type {Response} */ response) {
  const date = Date.parse(response.headers.get('Date') || '');
  if (!isNaN(date) && Math.abs(date - Date.now()) > 5000) clock.skew = date - Date.now();
}

/** Now, by the server's clock (ms since 1970). */
export function serverNow() {
  return Date.now() + clock.skew;
}
