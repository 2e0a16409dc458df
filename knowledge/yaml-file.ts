import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { KnowledgeFileError } from './knowledge-file-error';

/**
 * Parses YAML and validates it with a zod schema. Problems come back with the line they are on,
 * so an editor is told "intents/pas.bestil.yaml:14: training.da: …" rather than a stack trace.
 *
 * `firstLine` shifts line numbers for YAML that starts further down a file (guide front matter).
 */
export function parseYamlFile<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  firstLine = 1,
): { value: z.infer<S> } | { problems: KnowledgeFileError[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;

  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => new KnowledgeFileError(file, lineOf(e.pos[0]), `not valid YAML: ${firstSentence(e.message)}`)),
    };
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return { value: result.data };
  return {
    problems: result.error.issues.map((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const where = path.length > 0 ? `${path.join('.')}: ` : '';
      return new KnowledgeFileError(file, lineOfPath(doc, path, lineOf), `${where}${issue.message}`);
    }),
  };
}

/** The line of the deepest node on `path` that exists (a missing key points at its parent). */
function lineOfPath(doc: Document, path: (string | number)[], lineOf: (offset: number) => number): number | undefined {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lineOf(node.range[0]);
  }
  return undefined;
}

function firstSentence(message: string): string {
  return message.split('\n')[0] ?? message;
}
