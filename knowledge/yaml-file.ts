import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document, type ErrorCode } from 'yaml';
import type { z } from 'zod';
import { danishFieldName } from './danish-field-names';
import { danishIssueMessage, zodDanishErrorMap } from './danish-schema-messages';
import { KnowledgeFileError } from './knowledge-file-error';

export type YamlPath = readonly (string | number)[];

/**
 * Where something is in a parsed file: the line of the deepest key (or list item) on `path` that
 * exists, or, given `needle`, the line where that text stands inside the value (multi-line answers).
 */
export type LineLocator = (path: YamlPath, needle?: string) => number | undefined;

/**
 * Parses YAML and validates it with a zod schema. Problems come back with the line they are on,
 * so an editor is told "intents/pas.bestil.yaml:14: training.da: …" rather than a stack trace.
 * `firstLine` shifts line numbers for YAML that starts further down a file (guide front matter).
 */
export function parseYamlFile<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  firstLine = 1,
): { value: z.infer<S>; lineAt: LineLocator } | { problems: KnowledgeFileError[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;

  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map(
        (e) =>
          new KnowledgeFileError(file, lineOf(e.pos[0]), {
            en: `not valid YAML: ${firstSentence(e.message)}`,
            da: DANISH_YAML_ERRORS[e.code] ?? DANISH_YAML_ERROR,
          }),
      ),
    };
  }
  const lineAt: LineLocator = (path, needle) =>
    lineOfPath(doc, path, lineOf, needle === undefined ? undefined : { text, needle });
  const value: unknown = doc.toJS();
  const result = schema.safeParse(value);
  if (result.success) return { value: result.data, lineAt };
  // Parsed again for the editors' Danish, only when invalid: a per-parse error map keeps zod English
  // everywhere else. reportInput lets a message say how many there are ("der er 7"); the input stays here.
  const danishIssues = schema.safeParse(value, { error: zodDanishErrorMap, reportInput: true }).error?.issues ?? [];
  return {
    problems: result.error.issues.map((issue, index) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const where = path.length > 0 ? `${path.join('.')}: ` : '';
      const field = path.length > 0 ? `${danishFieldName(path)}: ` : '';
      return new KnowledgeFileError(
        file,
        lineAt(path),
        { en: `${where}${issue.message}`, da: `${field}${danishIssueMessage(danishIssues[index] ?? issue)}` },
        path,
      );
    }),
  };
}

/** Walks the YAML tree along `path`; a missing key leaves the line of its parent's key. */
function lineOfPath(
  doc: Document,
  path: YamlPath,
  lineOf: (offset: number) => number,
  find?: { text: string; needle: string },
): number | undefined {
  let node: unknown = doc.contents;
  let line = isNode(node) && node.range ? lineOf(node.range[0]) : undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value === key : p.key === key));
      if (!pair) break;
      if (isNode(pair.key) && pair.key.range) line = lineOf(pair.key.range[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key];
      if (!isNode(item)) break;
      if (item.range) line = lineOf(item.range[0]);
      node = item;
    } else break;
  }
  if (find && isNode(node) && node.range) {
    const at = find.text.indexOf(find.needle, node.range[0]);
    if (at >= 0 && at < node.range[2]) return lineOf(at);
  }
  return line;
}

/** YAML syntax errors for editors: the parser's English is for developers. */
const DANISH_YAML_ERROR =
  'Filen kan ikke læses her. Tjek indrykningen, at hvert felt har kolon efter navnet, og at anførselstegn er lukket.';
const DANISH_YAML_ERRORS: Partial<Record<ErrorCode, string>> = {
  DUPLICATE_KEY: 'Det samme felt står to gange. Slet det ene.',
  BAD_INDENT: 'Forkert indrykning. Ret mellemrummene først på linjen, så den flugter med felterne omkring den.',
  TAB_AS_INDENT: 'Der er rykket ind med tabulator. Brug mellemrum.',
  MISSING_CHAR: 'Der mangler et tegn, typisk et kolon eller et afsluttende anførselstegn.',
  MULTILINE_IMPLICIT_KEY:
    'Et feltnavn fortsætter over flere linjer. Tjek, at teksten før står i anførselstegn eller efter et "|".',
  BLOCK_AS_IMPLICIT_KEY: 'En linje er læst som et feltnavn. Tjek indrykningen og kolon på linjen før.',
};

function firstSentence(message: string): string {
  return message.split('\n')[0] ?? message;
}
