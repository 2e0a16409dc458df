import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { foldDanishSpelling } from '../intents/text-normalizer';
import { GuideFrontMatterSchema, type Guide } from './guide';
import { HANDOFF_INTENT, IntentDefinitionSchema, type IntentDefinition } from './intent-definition';
import { KnowledgeBaseError, KnowledgeFileError } from './knowledge-file-error';
import { LANGUAGES } from './language';
import { municipalityPlaceholders } from './municipality-facts';
import { MunicipalityProfileSchema, type MunicipalityProfile } from './municipality-profile';
import { OutOfScopeExamplesSchema, type OutOfScopeExamples } from './out-of-scope-examples';
import { placeholdersIn } from './placeholders';
import { parseYamlFile } from './yaml-file';

export interface KnowledgeBase {
  readonly intents: ReadonlyMap<string, IntentDefinition>;
  readonly outOfScope: OutOfScopeExamples;
  readonly guides: readonly Guide[];
  readonly municipalities: ReadonlyMap<string, MunicipalityProfile>;
}

/** The knowledge base shipped with the project (demo municipalities included). */
export const DEFAULT_KNOWLEDGE_DIRECTORY = path.resolve(__dirname, '..', '..', 'knowledge');

/**
 * Reads and validates every knowledge file. Either the whole knowledge base is valid, or a
 * KnowledgeBaseError lists every problem with its file and line: a half-loaded knowledge base
 * would answer some citizens wrongly.
 */
export async function loadKnowledgeBase(directory: string = DEFAULT_KNOWLEDGE_DIRECTORY): Promise<KnowledgeBase> {
  const problems: KnowledgeFileError[] = [];
  const display = (file: string) => path.relative(process.cwd(), file) || file;

  const sources = new Map<string, string>();
  const readSource = async (file: string) => {
    const text = await readFile(file, 'utf8');
    sources.set(display(file), text);
    return text;
  };
  async function readYaml<T>(file: string, parse: (name: string, text: string) => { value: T } | { problems: KnowledgeFileError[] }) {
    const result = parse(display(file), await readSource(file));
    if ('problems' in result) {
      problems.push(...result.problems);
      return undefined;
    }
    return result.value;
  }

  // Intents: one file each, named after the id.
  const intents = new Map<string, IntentDefinition>();
  for (const file of await filesIn(path.join(directory, 'intents'), '.yaml')) {
    const intent = await readYaml(file, (name, text) => parseYamlFile(name, text, IntentDefinitionSchema));
    if (!intent) continue;
    const expected = path.basename(file, '.yaml');
    if (intent.id !== expected) {
      problems.push(new KnowledgeFileError(display(file), 1, `id "${intent.id}" must equal the file name "${expected}"`));
      continue;
    }
    intents.set(intent.id, intent);
  }
  if (intents.size > 0 && !intents.has(HANDOFF_INTENT)) {
    problems.push(new KnowledgeFileError(display(path.join(directory, 'intents')), undefined, `must have ${HANDOFF_INTENT}.yaml (the "talk to staff" answer)`));
  }
  if (intents.size === 0) problems.push(new KnowledgeFileError(display(path.join(directory, 'intents')), undefined, 'holds no intent files'));

  const outOfScopeFile = path.join(directory, 'out-of-scope.yaml');
  const outOfScope = await readYaml(outOfScopeFile, (name, text) => parseYamlFile(name, text, OutOfScopeExamplesSchema)).catch(
    (error: unknown) => {
      problems.push(new KnowledgeFileError(display(outOfScopeFile), undefined, `cannot be read: ${String(error)}`));
      return undefined;
    },
  );

  const guides: Guide[] = [];
  for (const file of await filesIn(path.join(directory, 'guides'), '.md')) {
    const guide = parseGuide(display(file), await readSource(file));
    if ('problems' in guide) problems.push(...guide.problems);
    else if (guide.value.id !== path.basename(file, '.md')) {
      problems.push(new KnowledgeFileError(display(file), 2, `id "${guide.value.id}" must equal the file name`));
    } else guides.push(guide.value);
  }

  const municipalities = new Map<string, MunicipalityProfile>();
  for (const file of await filesIn(path.join(directory, 'municipalities'), '.yaml')) {
    const profile = await readYaml(file, (name, text) => parseYamlFile(name, text, MunicipalityProfileSchema));
    if (!profile) continue;
    if (profile.id !== path.basename(file, '.yaml')) {
      problems.push(new KnowledgeFileError(display(file), 1, `id "${profile.id}" must equal the file name`));
      continue;
    }
    municipalities.set(profile.id, profile);
  }
  if (municipalities.size === 0) {
    problems.push(new KnowledgeFileError(display(path.join(directory, 'municipalities')), undefined, 'holds no municipality profile'));
  }

  problems.push(...crossCheck(intents, guides, municipalities, outOfScope, sources, directory, display));
  if (problems.length > 0 || !outOfScope) throw new KnowledgeBaseError(problems);
  return { intents, outOfScope, guides, municipalities };
}

function parseGuide(file: string, text: string): { value: Guide } | { problems: KnowledgeFileError[] } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return { problems: [new KnowledgeFileError(file, 1, 'must start with YAML front matter between two "---" lines')] };
  const frontMatter = parseYamlFile(file, match[1] ?? '', GuideFrontMatterSchema, 2);
  if ('problems' in frontMatter) return frontMatter;
  const body = text.slice(match[0].length).trim();
  if (body.length === 0) return { problems: [new KnowledgeFileError(file, undefined, 'has no text after the front matter')] };
  return { value: { ...frontMatter.value, body } };
}

/** Checks that span files: references, placeholders and contradicting training sentences. */
function crossCheck(
  intents: ReadonlyMap<string, IntentDefinition>,
  guides: readonly Guide[],
  municipalities: ReadonlyMap<string, MunicipalityProfile>,
  outOfScope: OutOfScopeExamples | undefined,
  sources: ReadonlyMap<string, string>,
  directory: string,
  display: (file: string) => string,
): KnowledgeFileError[] {
  const problems: KnowledgeFileError[] = [];
  const intentFile = (id: string) => display(path.join(directory, 'intents', `${id}.yaml`));
  const lineOf = (file: string, needle: string) => {
    const index = sources.get(file)?.indexOf(needle) ?? -1;
    return index < 0 ? undefined : (sources.get(file) ?? '').slice(0, index).split('\n').length;
  };

  // Placeholders must be fillable by every profile; all profiles fill the same names, so check names.
  const firstProfile = municipalities.values().next().value;
  const known = firstProfile ? new Set(Object.keys(municipalityPlaceholders(firstProfile, 'da'))) : undefined;
  const checkPlaceholders = (file: string, text: string) => {
    if (!known) return;
    for (const name of placeholdersIn(text)) {
      if (!known.has(name)) problems.push(new KnowledgeFileError(file, lineOf(file, name), `unknown placeholder {{${name}}}`));
    }
    const stray = text.replace(/\{\{\s*[A-Za-z.]+\s*\}\}/g, '');
    if (/\{\{|\}\}/.test(stray)) problems.push(new KnowledgeFileError(file, lineOf(file, '{{'), 'has a malformed placeholder; write it as {{links.waste}}'));
  };

  const seenSentences = new Map<string, string>();
  const claim = (sentence: string, owner: string, file: string) => {
    const key = foldDanishSpelling(sentence).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const previous = seenSentences.get(key);
    if (previous && previous !== owner) {
      problems.push(new KnowledgeFileError(file, lineOf(file, sentence), `training sentence "${sentence}" is also used by ${previous}`));
    }
    seenSentences.set(key, owner);
  };

  for (const intent of intents.values()) {
    const file = intentFile(intent.id);
    for (const related of intent.related) {
      if (!intents.has(related)) problems.push(new KnowledgeFileError(file, lineOf(file, related), `related topic "${related}" does not exist`));
    }
    for (const language of LANGUAGES) {
      checkPlaceholders(file, intent.answer[language]);
      for (const link of intent.links) checkPlaceholders(file, `${link[language].title} ${link[language].url}`);
      for (const sentence of intent.training[language]) claim(sentence, intent.id, file);
    }
  }
  if (outOfScope) {
    const file = display(path.join(directory, 'out-of-scope.yaml'));
    for (const language of LANGUAGES) for (const sentence of outOfScope.training[language]) claim(sentence, 'out-of-scope.yaml', file);
  }

  const guideIds = new Set<string>();
  for (const guide of guides) {
    const file = display(path.join(directory, 'guides', `${guide.id}.md`));
    if (guideIds.has(guide.id)) problems.push(new KnowledgeFileError(file, 2, `duplicate guide id "${guide.id}"`));
    guideIds.add(guide.id);
    checkPlaceholders(file, `${guide.url} ${guide.summary} ${guide.body}`);
  }
  return problems;
}

async function filesIn(directory: string, extension: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(extension))
    .map((e) => path.join(directory, e.name))
    .sort();
}
