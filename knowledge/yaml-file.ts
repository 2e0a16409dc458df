import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
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
        (e) => new KnowledgeFileError(file, lineOf(e.pos[0]), `not valid YAML: ${firstSentence(e.message)}`),
      ),
    };
  }
  const lineAt: LineLocator = (path, needle) =>
    lineOfPath(doc, path, lineOf, needle === undefined ? undefined : { text, needle });
  const result = schema.safeParse(doc.toJS());
  if (result.success) return { value: result.data, lineAt };
  return {
    problems: result.error.issues.map((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const where = path.length > 0 ? `${path.join('.')}: ` : '';
      return new KnowledgeFileError(file, lineAt(path), `${where}${issue.message}`, path);
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

function firstSentence(message: string): string {
  return message.split('\n')[0] ?? message;
}
