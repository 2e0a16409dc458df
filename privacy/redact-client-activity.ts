import { findPersonalData, redactPersonalData } from './personal-data-redactor';

/**
 * Everything in a citizen's activity that a client chose and that is stored, echoed or shown to
 * staff, with personal data removed: the text, the display name, the event name, every string in
 * `value` (keys too), attachment names and content types. A Web Chat client sets most of these
 * itself, but any client can put a CPR number in `from.name` or a button value, so none is trusted.
 *
 * Structure survives: a button value `{ action: 'feedback', intent: 'pas.bestil', helpful: true }`
 * comes out equal, so buttons keep working.
 */
export interface ClientActivityFields {
  readonly text?: string;
  readonly name?: string;
  readonly locale?: string;
  readonly value?: unknown;
  readonly from?: { readonly id?: string; readonly name?: string };
  readonly attachments?: readonly { readonly contentType?: string; readonly name?: string }[];
  readonly channelData?: { readonly clientActivityID?: string; readonly clientTimestamp?: string };
}

export interface RedactedClientActivity {
  readonly text?: string;
  readonly name?: string;
  readonly locale?: string;
  readonly value?: unknown;
  /** Undefined when the id held personal data (or had no id's shape): the caller uses its own. */
  readonly fromId?: string;
  readonly fromName: string;
  readonly attachments?: readonly { readonly contentType: string; readonly name?: string }[];
  readonly clientActivityID?: string;
  /** Web Chat's own send time, echoed as Direct Line does; kept only in a timestamp's shape. */
  readonly clientTimestamp?: string;
}

const MAX_NAME_LENGTH = 64;
/** Deeper than any value a button sends; below it a subtree becomes null rather than a deep recursion. */
const MAX_VALUE_DEPTH = 32;
/** A language tag ("da", "en-GB"); anything else is not a locale and is dropped. */
const LOCALE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$/;
/**
 * Web Chat matches its own message in the echo by this id, byte for byte, so it cannot be redacted
 * like text; it is kept only in the shape of a generated id (Web Chat's are random base-36), and
 * dropped otherwise.
 */
const GENERATED_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** An ISO 8601 time as Web Chat writes it ("2026-12-03T16:05:00.123Z"); nothing else can hide in it. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export function redactClientActivity(activity: ClientActivityFields): RedactedClientActivity {
  const clientActivityID = activity.channelData?.clientActivityID;
  const clientTimestamp = activity.channelData?.clientTimestamp;
  const fromId = activity.from?.id;
  return {
    ...(activity.text !== undefined ? { text: redactText(activity.text) } : {}),
    ...(activity.name !== undefined ? { name: redactText(activity.name) } : {}),
    ...(activity.locale !== undefined && LOCALE.test(activity.locale) ? { locale: activity.locale } : {}),
    ...(activity.value !== undefined ? { value: redactClientValue(activity.value) } : {}),
    // An id with personal data in it is dropped, not redacted: a marker is no id.
    ...(fromId !== undefined && findPersonalData(fromId).length === 0 ? { fromId } : {}),
    // Redacted before it is shortened, so the cut cannot leave half a number behind.
    fromName: redactText(activity.from?.name ?? '').slice(0, MAX_NAME_LENGTH),
    ...(activity.attachments
      ? {
          attachments: activity.attachments.map((attachment) => ({
            contentType: redactText(attachment.contentType ?? 'application/octet-stream'),
            ...(attachment.name !== undefined ? { name: redactText(attachment.name) } : {}),
          })),
        }
      : {}),
    ...(clientActivityID !== undefined &&
    GENERATED_ID.test(clientActivityID) &&
    findPersonalData(clientActivityID).every((f) => f.kind !== 'email' && f.kind !== 'cpr')
      ? { clientActivityID }
      : {}),
    ...(clientTimestamp !== undefined && TIMESTAMP.test(clientTimestamp) ? { clientTimestamp } : {}),
  };
}

/**
 * A JSON value with personal data removed from every string in it, object keys included, and from
 * integers long enough to be a phone, CPR or account number (they become the marker string).
 * Booleans, null and short numbers are kept as they are.
 */
export function redactClientValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'number') return redactNumber(value);
  if (value === null || typeof value !== 'object') return typeof value === 'boolean' ? value : null;
  if (depth >= MAX_VALUE_DEPTH) return null;
  if (Array.isArray(value)) return value.map((item: unknown) => redactClientValue(item, depth + 1));
  // fromEntries defines own properties, so a "__proto__" key stays a key and changes no prototype.
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [redactText(key), redactClientValue(item, depth + 1)]),
  );
}

function redactText(text: string): string {
  return redactPersonalData(text).text;
}

function redactNumber(value: number): number | string {
  if (!Number.isInteger(value) || Math.abs(value) < 1_000_000) return value;
  const redacted = redactPersonalData(String(value));
  return redacted.found.length > 0 ? redacted.text : value;
}
