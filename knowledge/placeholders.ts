/**
 * Answers, links and bot phrases may contain placeholders such as {{municipality.phone}} or
 * {{links.waste}}, filled from the profile of the conversation's municipality.
 */
const PLACEHOLDER = /\{\{\s*([A-Za-z]+(?:\.[A-Za-z]+)*)\s*\}\}/g;

export type PlaceholderValues = Readonly<Record<string, string>>;

export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

export class MissingPlaceholderError extends Error {
  constructor(readonly placeholder: string) {
    super(`no value for the placeholder {{${placeholder}}}`);
    this.name = 'MissingPlaceholderError';
  }
}

/** Fills every placeholder; a missing value is a programming or loading error, never silently blank. */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new MissingPlaceholderError(name);
    return value;
  });
}
