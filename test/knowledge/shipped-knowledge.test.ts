import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_KNOWLEDGE_DIRECTORY,
  loadKnowledgeBase,
  type KnowledgeBase,
} from '../../knowledge/load-knowledge-base';
import { LANGUAGES } from '../../text/language';
import { municipalityPlaceholders } from '../../knowledge/municipality-facts';
import { fillPlaceholders } from '../../knowledge/placeholders';

const KNOWLEDGE_DIRECTORY = path.resolve(__dirname, '../../knowledge');
const CATALOG_FILE = path.resolve(__dirname, '../../../shared/intent-catalog.json');

const CatalogSchema = z.object({
  version: z.number(),
  intents: z
    .array(z.object({ id: z.string().min(1), area: z.string().min(1), da: z.string().min(1), en: z.string().min(1) }))
    .min(1),
});
type Catalog = z.infer<typeof CatalogSchema>;

/** Reads the shared intent catalog; a missing or malformed file is a failure, never a skip. */
function readCatalog(file = CATALOG_FILE): Catalog {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `The intent catalog ${file} cannot be read (${String(error)}); it must exist at ../shared from the project root.`,
      { cause: error },
    );
  }
  return CatalogSchema.parse(JSON.parse(text));
}

/** National numbers an answer may state literally; municipal numbers must come from placeholders. */
const NATIONAL_NUMBERS = new Set(['33980010', '72221818', '112', '114']);
const PHONE_LIKE = /(?<![\d+])(?:(?:\+|00)45[ -]?)?\d{2}[ .-]?\d{2}[ .-]?\d{2}[ .-]?\d{2}(?!\d)/g;

function literalPhoneNumbers(text: string): string[] {
  return [...text.matchAll(PHONE_LIKE)]
    .map((m) => m[0])
    .filter((number) => !NATIONAL_NUMBERS.has(number.replace(/\D/g, '').replace(/^(?:0045|45)(?=\d{8}$)/, '')));
}

describe('the shipped knowledge base', () => {
  let knowledge: KnowledgeBase;

  beforeAll(async () => {
    knowledge = await loadKnowledgeBase();
  });

  it('is what loadKnowledgeBase() loads without a directory', () => {
    expect(DEFAULT_KNOWLEDGE_DIRECTORY).toBe(KNOWLEDGE_DIRECTORY);
    const files = (folder: string, extension: string) =>
      readdirSync(path.join(KNOWLEDGE_DIRECTORY, folder)).filter((name) => name.endsWith(extension)).length;
    expect(knowledge.intents.size).toBe(files('intents', '.yaml'));
    expect(knowledge.guides.length).toBe(files('guides', '.md'));
    expect(knowledge.municipalities.size).toBe(files('municipalities', '.yaml'));
  });

  it('fails with a clear message, rather than skipping, when the intent catalog is missing', () => {
    const missing = path.resolve(__dirname, 'no-such-dir', 'intent-catalog.json');
    expect(() => readCatalog(missing)).toThrow(`The intent catalog ${missing} cannot be read`);
  });

  it('has every catalog intent with enough training sentences and answers in both languages', () => {
    const catalog = readCatalog();
    expect(catalog.intents.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const { id, area } of catalog.intents) {
      const intent = knowledge.intents.get(id);
      if (!intent) {
        problems.push(`${id}: missing`);
        continue;
      }
      if (intent.area !== area) problems.push(`${id}: area "${intent.area}" is not the catalog's "${area}"`);
      if (intent.training.da.length < 12)
        problems.push(`${id}: only ${intent.training.da.length} Danish training sentences`);
      if (intent.training.en.length < 4)
        problems.push(`${id}: only ${intent.training.en.length} English training sentences`);
      for (const language of LANGUAGES) {
        if (intent.answer[language].trim().length === 0) problems.push(`${id}: empty ${language} answer`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('fills every answer and link with every municipality profile in both languages, leaving no placeholder', () => {
    const problems: string[] = [];
    let filled = 0;
    for (const profile of knowledge.municipalities.values()) {
      for (const language of LANGUAGES) {
        const values = municipalityPlaceholders(profile, language);
        for (const intent of knowledge.intents.values()) {
          const texts = [
            intent.answer[language],
            ...intent.links.flatMap((link) => [link[language].title, link[language].url]),
          ];
          for (const text of texts) {
            let result: string;
            try {
              result = fillPlaceholders(text, values);
            } catch (error) {
              problems.push(`${profile.id}/${language}/${intent.id}: ${String(error)}`);
              continue;
            }
            if (result.includes('{{') || result.includes('}}'))
              problems.push(`${profile.id}/${language}/${intent.id}: "${result}"`);
            filled += 1;
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(filled).toBeGreaterThan(0);
  });

  it('fills every link URL to an https address', () => {
    for (const profile of knowledge.municipalities.values()) {
      for (const language of LANGUAGES) {
        const values = municipalityPlaceholders(profile, language);
        for (const intent of knowledge.intents.values()) {
          for (const link of intent.links) {
            expect(new URL(fillPlaceholders(link[language].url, values)).protocol).toBe('https:');
          }
        }
      }
    }
  });

  it('has at least 60 guides, in both languages', () => {
    expect(knowledge.guides.length).toBeGreaterThanOrEqual(60);
    const languages = new Set(knowledge.guides.map((g) => g.language));
    expect(languages).toEqual(new Set(['da', 'en']));
    expect(knowledge.guides.filter((g) => g.language === 'en').length).toBeGreaterThan(0);
    expect(knowledge.guides.filter((g) => g.language === 'da').length).toBeGreaterThan(0);
  });

  it('fills every guide with every municipality profile', () => {
    for (const profile of knowledge.municipalities.values()) {
      const values = municipalityPlaceholders(profile, 'da');
      for (const guide of knowledge.guides) {
        const text = fillPlaceholders(`${guide.url} ${guide.summary} ${guide.body}`, values);
        expect(text).not.toContain('{{');
      }
    }
  });

  it('has at least two municipality profiles, all fictional', () => {
    expect(knowledge.municipalities.size).toBeGreaterThanOrEqual(2);
    for (const profile of knowledge.municipalities.values()) {
      expect({ id: profile.id, fictional: profile.fictional }).toEqual({ id: profile.id, fictional: true });
    }
  });

  it('states no municipal phone number literally in an answer (only allow-listed national numbers)', () => {
    const found: string[] = [];
    for (const intent of knowledge.intents.values()) {
      for (const language of LANGUAGES) {
        for (const number of literalPhoneNumbers(intent.answer[language]))
          found.push(`${intent.id}/${language}: ${number}`);
      }
    }
    // A municipality's own answers too: its number belongs in the profile, filled by a placeholder.
    for (const profile of knowledge.municipalities.values())
      for (const [intentId, local] of Object.entries(profile.answers))
        for (const language of LANGUAGES)
          for (const text of [local.answer?.[language] ?? '', ...Object.values(local.facets).map((t) => t[language])])
            for (const number of literalPhoneNumbers(text))
              found.push(`${profile.id}: ${intentId}/${language}: ${number}`);
    expect(found).toEqual([]);
  });

  it('detects a literal phone number and accepts the national ones (self-check of the pattern)', () => {
    expect(literalPhoneNumbers('Ring på 12 34 56 78 eller +45 87654321.')).toEqual(['12 34 56 78', '+45 87654321']);
    expect(
      literalPhoneNumbers('MitID: 33 98 00 10. Skat: +45 72 22 18 18. Ring 112 eller 114. Pris 696 kr i 2026.'),
    ).toEqual([]);
  });
});
