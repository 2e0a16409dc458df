import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { LanguageSchema } from '../../text/language';

/** One line of an evaluation file: `{"text","intent","lang"}`, intent a catalog id or "None", optional style. */
export const LabelledMessageSchema = z.object({
  text: z.string().min(1),
  intent: z.string().min(1),
  lang: LanguageSchema,
  style: z.string().optional(),
});
export type LabelledMessage = z.infer<typeof LabelledMessageSchema>;

export class EvaluationFileError extends Error {
  override name = 'EvaluationFileError';
}

/** Reads a JSONL file of messages; a bad line stops the run with its line number, never a silently skewed score. */
export async function readLabelledMessages(file: string): Promise<LabelledMessage[]> {
  return readJsonLines(file, LabelledMessageSchema, 'messages');
}

/** Reads a JSONL file whose every line must match `schema`; stops at the first bad line, with its number. */
export async function readJsonLines<T>(file: string, schema: z.ZodType<T>, what: string): Promise<T[]> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    // The system's code (ENOENT, EACCES…), else the message.
    const reason =
      error instanceof Error
        ? 'code' in error && typeof error.code === 'string'
          ? error.code
          : error.message
        : String(error);
    throw new EvaluationFileError(`cannot read ${file}: ${reason}`);
  });
  const items: T[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new EvaluationFileError(`${file}:${index + 1}: not valid JSON (${(error as Error).message})`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new EvaluationFileError(
        `${file}:${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ')}`,
      );
    }
    items.push(parsed.data);
  });
  if (items.length === 0) throw new EvaluationFileError(`${file} holds no ${what}`);
  return items;
}

/** Whether a JSONL file holds conversations (`{"id","lang","turns":[…]}`) rather than single messages. */
export async function holdsDialogues(file: string): Promise<boolean> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const first = text.split('\n').find((line) => line.trim() !== '');
  if (!first) return false;
  try {
    const json: unknown = JSON.parse(first);
    return typeof json === 'object' && json !== null && 'turns' in json;
  } catch {
    // Not JSON: read as messages, whose reader reports the line properly.
    return false;
  }
}
