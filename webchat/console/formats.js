// @ts-check
/** How names, times and texts from the server are written on the page. */
import { el } from './dom.js';
import { serverNow } from './server-clock.js';
import { T, format } from './wording.js';

/** @typedef {import('./api-types').Named} Named */

/** The municipality's name; the API gives {id, name}, but a bare string is tolerated. */
export function municipalityName(
  /** @type {{ readonly id: string, readonly name: string } | string | null | undefined | false} */ m,
) {
  if (!m) return '';
  if (typeof m === 'string') return m;
  return m.name || m.id || '';
}

export function topicTitle(/** @type {Named | string | null | undefined} */ topic) {
  if (!topic) return T.noTopic;
  if (typeof topic === 'string') return topic;
  return topic.title || topic.id || T.noTopic;
}

export function languageName(/** @type {string | null | undefined} */ language) {
  return T.language[language ?? ''] || String(language || '');
}

function pad(/** @type {number} */ n) {
  return (n < 10 ? '0' : '') + n;
}

/** "14:03", always with a colon (Danish toLocaleTimeString writes 14.03). */
export function clock(/** @type {string} */ iso) {
  const d = new Date(iso);
  if (isNaN(d.getTime())) return '';
  return pad(d.getHours()) + ':' + pad(d.getMinutes());
}

/** "i dag 14:03" or "12.3. 14:03". */
export function dayAndClock(/** @type {string} */ iso) {
  const d = new Date(iso);
  if (isNaN(d.getTime())) return '';
  const today = new Date();
  if (d.toDateString() === today.toDateString()) return format(T.today, clock(iso));
  return d.getDate() + '.' + (d.getMonth() + 1) + '. ' + clock(iso);
}

/** "under 1 min", "3 min", "1 t 5 min" since an ISO time. */
export function duration(/** @type {string | null | undefined} */ since) {
  let ms = serverNow() - Date.parse(since ?? '');
  if (!(ms > 0)) ms = 0;
  const minutes = Math.floor(ms / 60000);
  if (minutes < 1) return T.underAMinute;
  if (minutes < 60) return format(T.minutes, minutes);
  return format(T.hours, Math.floor(minutes / 60), minutes % 60);
}

/** "under 1 min" or "3 min" for a number of seconds. */
export function waited(/** @type {number} */ seconds) {
  const minutes = Math.floor((seconds > 0 ? seconds : 0) / 60);
  if (minutes < 1) return T.underAMinute;
  if (minutes < 60) return format(T.minutes, minutes);
  return format(T.hours, Math.floor(minutes / 60), minutes % 60);
}

export function timeElement(/** @type {string} */ iso, /** @type {string} */ text) {
  return el('time', { datetime: iso, text });
}

/** Markdown from the assistant as plain text: links as "text (address)", emphasis markers dropped. */
export function plain(/** @type {string} */ markdown) {
  return String(markdown)
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)')
    .replace(/(\*\*|__)(.+?)\1/g, '$2');
}

/** Only http(s) addresses become links; anything else (javascript:, data:) stays text. */
export function safeUrl(/** @type {string} */ url) {
  try {
    const parsed = new URL(String(url), window.location.href);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null; // not an address at all: shown as text
  }
}

/** Scores are 0–1; "87 %" the Danish way, with a space. */
export function percent(/** @type {number} */ score) {
  let n = Number(score);
  if (!isFinite(n)) return '';
  if (n <= 1) n *= 100;
  return Math.round(n) + ' %';
}
