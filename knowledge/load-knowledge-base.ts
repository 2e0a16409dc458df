import { existsSync } from 'node:fs';
import { setImmediate as nextTick } from 'node:timers/promises';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { foldDanishSpelling } from '../text/text-normalizer';
import { GuideFrontMatterSchema, type Guide } from './guide';
import { HANDOFF_INTENT, IntentDefinitionSchema, type IntentDefinition } from './intent-definition';
import { KnowledgeBaseError, KnowledgeFileError } from './knowledge-file-error';
import { LANGUAGES } from '../text/language';
import { localAnswerProblems } from './local-answer-check';
import { municipalityPlaceholders } from './municipality-facts';
import { MunicipalityProfileSchema, type MunicipalityProfile } from './municipality-profile';
import { OutOfScopeExamplesSchema, type OutOfScopeExamples } from './out-of-scope-examples';
import { placeholdersIn } from './placeholders';
import { parseYamlFile, type LineLocator, type YamlPath } from './yaml-file';
import type { z } from 'zod';

export interface KnowledgeBase {
  readonly intents: ReadonlyMap<string, IntentDefinition>;
  readonly outOfScope: OutOfScopeExamples;
  readonly guides: readonly Guide[];
  readonly municipalities: ReadonlyMap<string, MunicipalityProfile>;
}

/** The knowledge base shipped with the project (demo municipalities included), found from source or dist/. */
export const DEFAULT_KNOWLEDGE_DIRECTORY = path.join(projectRoot(__dirname), 'knowledge');

/** The folder with package.json above `start`: works from the TypeScript sources and from dist/. */
export function projectRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(start, '..');
  }
}

/**
 * Reads and validates every knowledge file. Either the whole knowledge base is valid, or a
 * KnowledgeBaseError lists every problem with its file and line: a half-loaded knowledge base
 * would answer some citizens wrongly.
 */
export async function loadKnowledgeBase(directory: string = DEFAULT_KNOWLEDGE_DIRECTORY): Promise<KnowledgeBase> {
  return loadFrom({
    filesIn: async (folder, extension) =>
      (await filesIn(path.join(directory, folder), extension)).map((file) => `${folder}/${path.basename(file)}`),
    read: (relative) => readFile(path.join(directory, relative), 'utf8'),
    display: (relative) => path.relative(process.cwd(), path.join(directory, relative)) || relative,
  });
}

/**
 * The same rules for a published version's files (knowledge-files.ts), as held in the version
 * store. Problems name the files by their path in the set (`intents/pas.bestil.yaml`). Yields to
 * the event loop between files, so a running assistant keeps answering while a version loads.
 */
export async function loadKnowledgeFromFiles(files: Readonly<Record<string, string>>): Promise<KnowledgeBase> {
  const paths = Object.keys(files).sort();
  return loadFrom({
    filesIn: async (folder, extension) =>
      paths.filter(
        (p) => p.startsWith(`${folder}/`) && !p.slice(folder.length + 1).includes('/') && p.endsWith(extension),
      ),
    read: async (relative) => {
      await nextTick();
      const text = files[relative];
      if (text === undefined) throw Object.assign(new Error(`${relative} is missing`), { code: 'ENOENT' });
      return text;
    },
    display: (relative) => relative,
  });
}

type Parsed = { value: unknown; lineAt: LineLocator };
/** Parsed files by schema and text; a few thousand at most (each version shares most of its files). */
const parsedFiles = new WeakMap<z.ZodType, Map<string, Parsed>>();
const PARSED_FILES_KEPT = 4_000;

/**
 * A file's YAML parsed and checked once per text: a new version usually changes a file or two, so
 * switching to it re-parses those, not all of them. Only valid files are kept; problems name the
 * file, so they are worked out each time.
 */
function parsedOnce<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  firstLine = 1,
): { value: z.infer<S>; lineAt: LineLocator } | { problems: KnowledgeFileError[] } {
  const key = `${firstLine}\n${text}`;
  let bySchema = parsedFiles.get(schema);
  if (!bySchema) parsedFiles.set(schema, (bySchema = new Map<string, Parsed>()));
  const known = bySchema.get(key);
  if (known) return known as { value: z.infer<S>; lineAt: LineLocator };
  const result = parseYamlFile(file, text, schema, firstLine);
  if ('value' in result) {
    if (bySchema.size >= PARSED_FILES_KEPT) bySchema.clear();
    bySchema.set(key, result);
  }
  return result;
}

/** Where the files come from: a folder on disk or a set of files; paths are relative, with '/'. */
interface FileSource {
  readonly filesIn: (folder: string, extension: string) => Promise<string[]>;
  readonly read: (relative: string) => Promise<string>;
  /** How a problem names the file. */
  readonly display: (relative: string) => string;
}

async function loadFrom(source: FileSource): Promise<KnowledgeBase> {
  const problems: KnowledgeFileError[] = [];
  const { display } = source;
  /** Per file shown to editors: where each part of it is, for problems found after parsing. */
  const locators = new Map<string, LineLocator>();

  async function readYaml<S extends z.ZodType>(
    file: string,
    schema: S,
    text?: string,
    firstLine?: number,
  ): Promise<z.infer<S> | undefined> {
    const result = parsedOnce(display(file), text ?? (await source.read(file)), schema, firstLine);
    if ('problems' in result) {
      problems.push(...result.problems);
      return undefined;
    }
    locators.set(display(file), result.lineAt);
    return result.value;
  }
  /** A file's id must equal its name, so links and references can be found from either. */
  function namedAfterFile<T extends { id: string }>(
    file: string,
    value: T | undefined,
    extension: string,
  ): T | undefined {
    if (!value) return undefined;
    const expected = path.basename(file, extension);
    if (value.id === expected) return value;
    problems.push(
      new KnowledgeFileError(
        display(file),
        locators.get(display(file))?.(['id']),
        {
          en: `id "${value.id}" must equal the file name "${expected}"`,
          da: `Id skal være det samme som filnavnet. Skriv "${expected}" (der står "${value.id}").`,
        },
        ['id'],
      ),
    );
    return undefined;
  }

  const intents = new Map<string, IntentDefinition>();
  for (const file of await source.filesIn('intents', '.yaml')) {
    const intent = namedAfterFile(file, await readYaml(file, IntentDefinitionSchema), '.yaml');
    if (intent) intents.set(intent.id, intent);
  }
  const intentsDirectory = display('intents');
  if (intents.size === 0)
    problems.push(
      new KnowledgeFileError(intentsDirectory, undefined, {
        en: 'holds no intent files',
        da: 'Der er ingen emner. Opret mindst ét emne.',
      }),
    );
  else if (!intents.has(HANDOFF_INTENT)) {
    problems.push(
      new KnowledgeFileError(intentsDirectory, undefined, {
        en: `must have ${HANDOFF_INTENT}.yaml (the "talk to staff" answer)`,
        da: `Emnet ${HANDOFF_INTENT} mangler (svaret på "Tal med en medarbejder"). Opret det igen.`,
      }),
    );
  }

  const outOfScopeFile = 'out-of-scope.yaml';
  const outOfScope = await readYaml(outOfScopeFile, OutOfScopeExamplesSchema).catch((error: unknown) => {
    problems.push(
      new KnowledgeFileError(display(outOfScopeFile), undefined, {
        en: `cannot be read (${readFailure(error)})`,
        da: `Filen kan ikke læses (${readFailure(error)}). Bed en udvikler om hjælp.`,
      }),
    );
    return undefined;
  });

  const guides: Guide[] = [];
  for (const file of await source.filesIn('guides', '.md')) {
    const text = await source.read(file);
    const match = FRONT_MATTER.exec(text);
    if (!match) {
      problems.push(
        new KnowledgeFileError(display(file), 1, {
          en: 'must start with YAML front matter between two "---" lines',
          da: 'Vejledningen skal starte med felterne (id, titel, adresse …) mellem to linjer med "---".',
        }),
      );
      continue;
    }
    const frontMatter = namedAfterFile(file, await readYaml(file, GuideFrontMatterSchema, match[1] ?? '', 2), '.md');
    if (!frontMatter) continue;
    const body = text.slice(match[0].length).trim();
    if (body.length === 0)
      problems.push(
        new KnowledgeFileError(display(file), undefined, {
          en: 'has no text after the front matter',
          da: 'Vejledningen har ingen tekst. Skriv teksten under felterne.',
        }),
      );
    else guides.push({ ...frontMatter, body });
  }

  const municipalities = new Map<string, MunicipalityProfile>();
  for (const file of await source.filesIn('municipalities', '.yaml')) {
    const profile = namedAfterFile(file, await readYaml(file, MunicipalityProfileSchema), '.yaml');
    if (profile) municipalities.set(profile.id, profile);
  }
  if (municipalities.size === 0) {
    problems.push(
      new KnowledgeFileError(display('municipalities'), undefined, {
        en: 'holds no municipality profile',
        da: 'Der er ingen kommuner. Opret mindst én kommune.',
      }),
    );
  }

  const fileOf = (folder: string, name: string) => display(`${folder}/${name}`);
  const locate = (file: string, where: YamlPath, needle?: string) => locators.get(file)?.(where, needle);
  problems.push(...crossCheck({ intents, guides, municipalities, outOfScope }, fileOf, locate));
  if (problems.length > 0 || !outOfScope) throw new KnowledgeBaseError(problems);
  return { intents, outOfScope, guides, municipalities };
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Checks that span files: references, placeholders and contradicting training sentences. */
function crossCheck(
  parts: Omit<KnowledgeBase, 'outOfScope'> & { outOfScope: OutOfScopeExamples | undefined },
  fileOf: (folder: string, name: string) => string,
  locate: (file: string, where: YamlPath, needle?: string) => number | undefined,
): KnowledgeFileError[] {
  const { intents, guides, municipalities, outOfScope } = parts;
  const problems: KnowledgeFileError[] = [];

  // Placeholders must be fillable by every profile; all profiles fill the same names, so check names.
  const firstProfile = municipalities.values().next().value;
  const known = firstProfile ? new Set(Object.keys(municipalityPlaceholders(firstProfile, 'da'))) : undefined;
  const checkPlaceholders = (file: string, where: YamlPath, text: string) => {
    if (!known) return;
    for (const name of placeholdersIn(text)) {
      if (!known.has(name))
        problems.push(
          new KnowledgeFileError(
            file,
            locate(file, where, name),
            {
              en: `unknown placeholder {{${name}}}`,
              da: `{{${name}}} findes ikke. Ret stavningen, eller vælg en af kommunens oplysninger.`,
            },
            where,
          ),
        );
    }
    if (/\{\{|\}\}/.test(text.replace(/\{\{\s*[A-Za-z.]+\s*\}\}/g, ''))) {
      problems.push(
        new KnowledgeFileError(
          file,
          locate(file, where),
          {
            en: 'has a malformed placeholder; write it as {{links.waste}}',
            da: 'En pladsholder er skrevet forkert. Skriv den med to krøllede parenteser, fx {{links.waste}}.',
          },
          where,
        ),
      );
    }
  };

  const owners = new Map<string, string>();
  const claim = (sentence: string, owner: string, file: string, where: YamlPath) => {
    const key = sentenceKey(sentence);
    const previous = owners.get(key);
    if (previous && previous !== owner) {
      problems.push(
        new KnowledgeFileError(
          file,
          locate(file, where),
          {
            en: `training sentence "${sentence}" is also used by ${previous}`,
            da: `Eksemplet "${sentence}" står også i ${previous}. Slet det ene sted, eller skriv det om.`,
          },
          where,
        ),
      );
    }
    owners.set(key, owner);
  };

  for (const intent of intents.values()) {
    const file = fileOf('intents', `${intent.id}.yaml`);
    intent.related.forEach((related, index) => {
      if (!intents.has(related))
        problems.push(
          new KnowledgeFileError(
            file,
            locate(file, ['related', index]),
            {
              en: `related topic "${related}" does not exist`,
              da: `Emnet "${related}" findes ikke. Ret stavningen, eller slet det relaterede emne.`,
            },
            ['related', index],
          ),
        );
    });
    for (const language of LANGUAGES) {
      checkPlaceholders(file, ['answer', language], intent.answer[language]);
      for (const [facet, text] of Object.entries(intent.facets))
        checkPlaceholders(file, ['facets', facet, language], text[language]);
      intent.links.forEach((link, index) =>
        checkPlaceholders(file, ['links', index, language], `${link[language].title} ${link[language].url}`),
      );
      intent.training[language].forEach((sentence, index) =>
        claim(sentence, intent.id, file, ['training', language, index]),
      );
    }
  }
  for (const profile of municipalities.values()) {
    const file = fileOf('municipalities', `${profile.id}.yaml`);
    for (const { where, problem, danish } of localAnswerProblems(profile.answers, intents))
      problems.push(new KnowledgeFileError(file, locate(file, where), { en: problem, da: danish }));
    for (const [intentId, local] of Object.entries(profile.answers)) {
      for (const language of LANGUAGES) {
        if (local.answer) checkPlaceholders(file, ['answers', intentId, 'answer', language], local.answer[language]);
        for (const [facet, text] of Object.entries(local.facets))
          checkPlaceholders(file, ['answers', intentId, 'facets', facet, language], text[language]);
      }
    }
  }
  if (outOfScope) {
    const file = fileOf('', 'out-of-scope.yaml');
    for (const language of LANGUAGES) {
      outOfScope.training[language].forEach((sentence, index) =>
        claim(sentence, 'out-of-scope.yaml', file, ['training', language, index]),
      );
    }
  }
  // After every training sentence is claimed: a check sentence may repeat one from any file.
  const checkIsHeldOut = (sentence: string, file: string, where: YamlPath) => {
    const owner = owners.get(sentenceKey(sentence));
    if (owner === undefined) return;
    problems.push(
      new KnowledgeFileError(
        file,
        locate(file, where),
        {
          en: `check sentence "${sentence}" is also a training sentence of ${owner}; checks must never be trained on`,
          da: `Kontrolsætningen "${sentence}" står også som eksempel i ${owner}. Assistenten må ikke lære af kontrolsætninger. Skriv den om, eller slet den.`,
        },
        where,
      ),
    );
  };
  for (const intent of intents.values()) {
    const file = fileOf('intents', `${intent.id}.yaml`);
    for (const language of LANGUAGES)
      intent.checks?.[language]?.forEach((sentence, index) =>
        checkIsHeldOut(sentence, file, ['checks', language, index]),
      );
  }
  if (outOfScope) {
    const file = fileOf('', 'out-of-scope.yaml');
    for (const language of LANGUAGES)
      outOfScope.checks?.[language]?.forEach((sentence, index) =>
        checkIsHeldOut(sentence, file, ['checks', language, index]),
      );
  }
  for (const guide of guides) {
    const file = fileOf('guides', `${guide.id}.md`);
    checkPlaceholders(file, ['url'], `${guide.url} ${guide.summary}`);
    checkPlaceholders(file, [], guide.body);
  }
  return problems;
}

/**
 * Two sentences are the same example when they differ only in case, spacing, punctuation or Danish
 * spelling (æ/ae, å/aa …): the classifier folds those away too (text/text-normalizer.ts).
 */
function sentenceKey(sentence: string): string {
  return foldDanishSpelling(sentence)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Why a file could not be read: the system's code (ENOENT, EACCES…), else the message. */
function readFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return 'code' in error && typeof error.code === 'string' ? error.code : error.message;
}

async function filesIn(directory: string, extension: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true }).catch((error: unknown) => {
    // By shape, not `instanceof Error`: errors from another realm (a vm, jest) are Errors too.
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(extension))
    .map((e) => path.join(directory, e.name))
    .sort();
}
