// @ts-check
/**
 * Fills {{municipality.phone}}, {{links.waste}} and the like from a municipality profile, as the
 * assistant does (knowledge/municipality-facts.ts), so editors see the text citizens will get.
 * Opening hours are shown as a mark rather than formatted: the preview is about the wording.
 */

const PLACEHOLDER = /\{\{\s*([A-Za-z]+(?:\.[A-Za-z]+)*)\s*\}\}/g;
const HOURS = ['openingHours', 'chatHours', 'phoneHours'];

/** The values a profile's parsed YAML gives, by placeholder name. */
export function placeholderValues(/** @type {unknown} */ profile) {
  /** @type {Map<string, string>} */
  const values = new Map();
  if (!profile || typeof profile !== 'object') return values;
  const data = /** @type {Record<string, unknown>} */ (profile);
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string') values.set(`municipality.${key}`, value);
  }
  const address = data['address'];
  if (address && typeof address === 'object') {
    const a = /** @type {Record<string, unknown>} */ (address);
    values.set('municipality.address', `${String(a['street'])}, ${String(a['postalCode'])} ${String(a['city'])}`);
  }
  for (const key of HOURS) values.set(`municipality.${key}`, '[tiderne fra kommunens profil]');
  const links = data['links'];
  if (links && typeof links === 'object') {
    for (const [key, value] of Object.entries(links)) {
      if (typeof value === 'string') values.set(`links.${key}`, value);
    }
  }
  return values;
}

/** The text with its placeholders filled; an unknown one is shown as a visible mark, not left blank. */
export function fillPlaceholders(/** @type {string} */ text, /** @type {Map<string, string>} */ values) {
  return text.replace(PLACEHOLDER, (whole, /** @type {string} */ name) => values.get(name) ?? `[ukendt: ${whole}]`);
}

export function hasPlaceholders(/** @type {string} */ text) {
  return /\{\{/.test(text);
}
