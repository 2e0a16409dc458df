import { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** A schema message's Danish counterpart: fixed, or written from the issue (to say how many there are). */
export type DanishText = string | ((issue: Issue) => string);

/** The schemas' own English messages, each with its Danish counterpart; filled where the schemas are defined. */
const DANISH_BY_ENGLISH = new Map<string, DanishText>();

/**
 * A schema's own message, with its Danish counterpart for editors. Returns the English message,
 * which zod keeps (logs and `npm run check:knowledge` stay English); the studio looks the Danish up
 * by it. Kept beside the English text so the two are written and changed together.
 */
export function withDanish(english: string, danish: DanishText): string {
  DANISH_BY_ENGLISH.set(english, danish);
  return english;
}

/**
 * One validation issue in plain Danish, saying what to do. The issue must come from a parse with
 * `error: zodDanishErrorMap` and `reportInput: true` (for "der er 7"): zod's Danish locale, correct
 * but technical ("For lille: forventede streng havde >= 1 tegn"), is kept for the rarer codes.
 */
export function danishIssueMessage(issue: Issue): string {
  const own = DANISH_BY_ENGLISH.get(issue.message);
  if (own !== undefined) return typeof own === 'string' ? own : own(issue);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Mangler. Udfyld feltet.';
      return `Forkert slags indhold: skriv ${TYPE_NAMES[issue.expected] ?? issue.expected}.`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? 'Feltet er tomt. Skriv en tekst.'
          : `Teksten er for kort. Skriv mindst ${issue.minimum} tegn.`;
      if (issue.origin === 'array') return `Skriv mindst ${issue.minimum}${thereAre(issue)}.`;
      break;
    case 'too_big':
      if (issue.origin === 'string') return `Teksten er for lang. Skriv højst ${issue.maximum} tegn${thereAre(issue)}.`;
      if (issue.origin === 'array') return `Der er for mange. Skriv højst ${issue.maximum}${thereAre(issue)}.`;
      break;
    case 'unrecognized_keys':
      return `${issue.keys.length > 1 ? 'Ukendte felter' : 'Ukendt felt'}: ${issue.keys.join(', ')}. Ret stavningen, eller slet det.`;
    case 'invalid_value':
      return `Skal være en af: ${issue.values.map(String).join(', ')}.`;
    case 'invalid_format':
      if (issue.format === 'email') return 'Skriv en e-mailadresse, fx borgerservice@kommune.dk.';
      if (issue.format === 'url') return 'Skriv en hel adresse, fx https://www.kommune.dk/side.';
      if (issue.format === 'date') return 'Skriv en dato som 2026-12-24 (år-måned-dag).';
      break;
    default:
      break;
  }
  return issue.message;
}

/** " (der er 7)": how many characters or items there are now, when the parse reported the input. */
export function thereAre(issue: Issue): string {
  const { input } = issue;
  if (typeof input === 'string' || Array.isArray(input)) return ` (der er ${input.length})`;
  return '';
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'en tekst',
  number: 'et tal',
  boolean: 'true eller false',
  array: 'en liste (linjer, der starter med "- ")',
  object: 'felter under hinanden (med indrykning)',
};

/** zod's own Danish messages, for a parse's `error` parameter: the rest of the app keeps zod's English. */
export const zodDanishErrorMap = z.locales.da().localeError;
