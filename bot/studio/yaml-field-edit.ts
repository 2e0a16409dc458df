import { isCollection, isScalar, isSeq, parseDocument, Scalar, visit, type Document, type Node } from 'yaml';
import { z } from 'zod';

export const FieldPathSchema = z
  .array(z.union([z.string().min(1).max(100), z.number().int().min(0).max(10_000)]))
  .min(1)
  .max(8);
export type FieldPath = z.infer<typeof FieldPathSchema>;

export const FieldEditSchema = z.strictObject({ field: FieldPathSchema, value: z.unknown() });
export type FieldEdit = z.infer<typeof FieldEditSchema>;

/** Thrown when a file cannot be edited field by field (it is not valid YAML, or a path leads through a text). */
export class FieldEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldEditError';
  }
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Changes single fields of a knowledge file and keeps everything else as it was, comments and
 * layout included, so the file stays reviewable in Git after an editor's change. A value of
 * null removes the field. A guide's front matter is YAML and its text is the field ["body"].
 */
export function applyFieldEdits(filePath: string, text: string, edits: readonly FieldEdit[]): string {
  if (!filePath.endsWith('.md')) return editYaml(text, edits);
  const match = FRONT_MATTER.exec(text);
  if (!match) throw new FieldEditError('Vejledningen mangler sin indledning mellem to "---"-linjer.');
  let frontMatter = match[1] ?? '';
  let body = text.slice(match[0].length);
  const yamlEdits: FieldEdit[] = [];
  for (const edit of edits) {
    if (edit.field.length === 1 && edit.field[0] === 'body') {
      if (typeof edit.value !== 'string') throw new FieldEditError('Vejledningens tekst skal være tekst.');
      body = `\n${edit.value.trim()}\n`;
    } else yamlEdits.push(edit);
  }
  if (yamlEdits.length > 0) frontMatter = editYaml(`${frontMatter}\n`, yamlEdits).replace(/\n$/, '');
  return `---\n${frontMatter}\n---\n${body}`;
}

function editYaml(text: string, edits: readonly FieldEdit[]): string {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) throw new FieldEditError('Filen er ikke gyldig YAML; ret den som tekst først.');
  for (const { field, value } of edits) {
    try {
      if (value === null || value === undefined) {
        doc.deleteIn(field);
        continue;
      }
      const existing = doc.getIn(field, true);
      if (isScalar(existing) && typeof value !== 'object') {
        // Keep the field's style (a block of text stays a block, "|" keeps its final line break) and its comments.
        existing.value =
          typeof value === 'string' &&
          typeof existing.value === 'string' &&
          existing.value.endsWith('\n') &&
          !value.endsWith('\n')
            ? `${value}\n`
            : value;
        if (typeof value === 'string' && value.includes('\n') && existing.type !== Scalar.BLOCK_FOLDED)
          existing.type = Scalar.BLOCK_LITERAL;
        continue;
      }
      if (isSeq(existing) && Array.isArray(value) && value.every((item) => typeof item === 'string')) {
        // A one-line list (a day's hours, closed dates) gives new items its quotes; a block list (sentences) does not.
        const quote = existing.flow
          ? (quoteIn(existing) ?? quoteOfParent(doc.getIn(field.slice(0, -1), true)))
          : undefined;
        existing.items = editedItems(doc, existing.items, value, quote);
        continue;
      }
      const node = doc.createNode(value);
      if (isScalar(node) && typeof value === 'string' && value.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
      if (isCollection(existing) && isCollection(node))
        keepLayoutOf(existing, node, doc.getIn(field.slice(0, -1), true));
      doc.setIn(field, node);
    } catch (error) {
      throw new FieldEditError(
        `Feltet ${field.join('.')} kan ikke ændres her (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
  }
  return withoutFlowSequencePadding(doc.toString({ lineWidth: 0 }));
}

/**
 * A list or map given anew (a day's opening hours, the closed dates) keeps the layout of the one it
 * replaces: one line in "[…]" stays one line, and its texts keep their quotes, so only the changed
 * values show in a diff.
 */
function keepLayoutOf(old: Node, replacement: Node, parent: unknown): void {
  if (!isCollection(old) || !isCollection(replacement)) return;
  const flow = old.flow === true;
  // An empty list has no text to copy the quotes of: its neighbours have (the other weekdays).
  const quote = quoteIn(old) ?? (isCollection(parent) ? quoteIn(parent) : undefined);
  visit(replacement, {
    Map(_, map) {
      if (flow) map.flow = true;
    },
    Seq(_, seq) {
      if (flow) seq.flow = true;
    },
    Scalar(key, scalar) {
      // Keys stay plain; values take the quotes.
      if (key !== 'key' && quote && typeof scalar.value === 'string' && !scalar.value.includes('\n'))
        scalar.type = quote;
    },
  });
}

function quoteOfParent(parent: unknown): Scalar.Type | undefined {
  return isCollection(parent) ? quoteIn(parent) : undefined;
}

/** The quotes the first quoted text in a node has. */
function quoteIn(node: Node): Scalar.Type | undefined {
  let quote: Scalar.Type | undefined;
  visit(node, {
    Scalar(key, scalar) {
      if (key === 'key' || typeof scalar.value !== 'string') return undefined;
      if (scalar.type === Scalar.QUOTE_DOUBLE || scalar.type === Scalar.QUOTE_SINGLE) {
        quote = scalar.type;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return quote;
}

/**
 * A list of sentences (training or check sentences) set as a whole, keeping what did not change:
 * the sentences that stay keep their node (quotes, comments); one edited in place keeps its node
 * with the new text. Only added sentences are new nodes.
 */
function editedItems(
  doc: Document,
  items: readonly unknown[],
  values: readonly string[],
  quote: Scalar.Type | undefined,
): unknown[] {
  // A new sentence or date takes the quotes its neighbours have (see keepLayoutOf).
  const fresh = (value: string): Scalar => {
    const node = doc.createNode(value);
    if (quote && !value.includes('\n')) node.type = quote;
    return node;
  };
  const scalars = items.filter((item): item is Scalar => isScalar(item));
  if (scalars.length !== items.length) return values.map(fresh);
  if (scalars.length === values.length)
    return scalars.map((node, index) => {
      const value = values[index] ?? '';
      if (node.value !== value) node.value = value;
      return node;
    });
  const unused = [...scalars];
  return values.map((value) => {
    const at = unused.findIndex((node) => node.value === value);
    return at >= 0 ? (unused.splice(at, 1)[0] ?? fresh(value)) : fresh(value);
  });
}

/**
 * The yaml package pads flow sequences ("[ a, b ]") when it pads flow maps ("{ a: 1 }"); Prettier,
 * which formats the shipped files, pads only maps. Unpadding one-line sequences keeps an edited
 * file's untouched lines byte-identical.
 */
function withoutFlowSequencePadding(text: string): string {
  return text.replace(/^(\s*(?:- )?[\w.-]+: )\[ (.*) \]$/gm, '$1[$2]');
}
