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

/** Reads a JSONL file; a bad line stops the run with its line number, never a silently skewed score. */
export async function readLabelledMessages(file: string): Promise<LabelledMessage[]> {
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
  const messages: LabelledMessage[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new EvaluationFileError(`${file}:${index + 1}: not valid JSON (${(error as Error).message})`);
    }
    const parsed = LabelledMessageSchema.safeParse(json);
    if (!parsed.success) {
      throw new EvaluationFileError(
        `${file}:${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ')}`,
      );
    }
    messages.push(parsed.data);
  });
  if (messages.length === 0) throw new EvaluationFileError(`${file} holds no messages`);
  return messages;
}
