import { findPhoneNumber, redactPersonalData } from '../../privacy/personal-data-redactor';

/** As the callback request stores it (callback-request-store.ts). */
export const MAX_CALLBACK_MESSAGE = 500;

/** What one message after the consent gives towards a callback: a phone number, what it is about, or both. */
export interface CallbackDetails {
  /** Digits grouped in pairs (findPhoneNumber); only ever stored in the callback request. */
  readonly phone?: string;
  /** The message, redacted (the number and any CPR number are their markers); absent when it says nothing more. */
  readonly topic?: string;
}

/**
 * Words that go with giving a number ("ring mig op på", "my number is") and say nothing about what
 * the call is about: a message of only these and a number has no topic, so the assistant asks for one.
 */
const FILLER_WORDS = new Set(
  [
    'ring',
    'ringe',
    'ringer',
    'mig',
    'op',
    'på',
    'paa',
    'mit',
    'min',
    'nummer',
    'nummeret',
    'nr',
    'tlf',
    'telefon',
    'telefonnummer',
    'telefonnummeret',
    'mobil',
    'mobilnummer',
    'mobilnr',
    'tlfnr',
    'er',
    'det',
    'tak',
    'kan',
    'du',
    'i',
    'gerne',
    'ja',
    'ok',
    'okay',
    'venligst',
    'her',
    'og',
    'cpr',
    'call',
    'me',
    'back',
    'on',
    'at',
    'my',
    'number',
    'is',
    'phone',
    'please',
    'thanks',
    'thank',
    'you',
    'can',
    'yes',
    'here',
    'it',
    'and',
    'mobile',
    'tel',
  ].map((word) => word.toLowerCase()),
);

export function callbackDetailsIn(raw: string): CallbackDetails {
  const phone = findPhoneNumber(raw);
  // Redacted as everywhere: the number, and any other personal data, is its marker in the topic.
  const redacted = redactPersonalData(raw);
  const topic = redacted.text.replace(/\s+/g, ' ').trim();
  // A marker ("[telefonnummer fjernet]") says nothing about what the call is about.
  const words = redacted.textWithoutMarkers.toLowerCase().match(/\p{L}{2,}/gu) ?? [];
  const saysSomething = words.some((word) => !FILLER_WORDS.has(word));
  return { ...(phone ? { phone } : {}), ...(saysSomething ? { topic: topic.slice(0, MAX_CALLBACK_MESSAGE) } : {}) };
}

/** Messages about the topic, in the order written, as sentences, within the request's limit. */
export function joinTopics(earlier: string | undefined, later: string | undefined): string | undefined {
  if (!earlier || !later) return earlier || later || undefined;
  const separator = /[.!?]$/.test(earlier) ? ' ' : '. ';
  return `${earlier}${separator}${later}`.slice(0, MAX_CALLBACK_MESSAGE);
}
