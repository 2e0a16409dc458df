import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeKnowledgeFiles, type KnowledgeFiles } from '../../knowledge/knowledge-files';
import type { KnowledgeFileError } from '../../knowledge/knowledge-file-error';
import { loadKnowledgeBase, type KnowledgeBase } from '../../knowledge/load-knowledge-base';

/** A problem in a draft, for the studio: the file, and where in it when known. */
export interface StudioProblem {
  readonly file: string;
  readonly line?: number;
  readonly field?: readonly (string | number)[];
  /** In plain Danish, for the editor at the field. */
  readonly message: string;
  /** The same problem in English, as `npm run check:knowledge` and the logs say it. */
  readonly messageEn: string;
}

export type KnowledgeCheck =
  | { readonly knowledge: KnowledgeBase; readonly problems: readonly [] }
  | { readonly knowledge?: undefined; readonly problems: readonly StudioProblem[] };

/**
 * Checks a set of content files with exactly the rules of the loader (and so of
 * `npm run check:knowledge` and start-up): they are written to a private temporary folder and
 * loaded from there, so the studio can never accept what the assistant would refuse to load.
 */
export async function checkKnowledgeFiles(files: KnowledgeFiles): Promise<KnowledgeCheck> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'bsa-knowledge-check-'));
  try {
    await writeKnowledgeFiles(directory, files);
    return { knowledge: await loadKnowledgeBase(directory), problems: [] };
  } catch (error) {
    if (!isKnowledgeBaseError(error)) throw error;
    return { problems: error.problems.map((problem) => studioProblem(directory, problem)) };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

function studioProblem(directory: string, problem: KnowledgeFileError): StudioProblem {
  // The loader names files relative to the working directory; the studio names them within the knowledge base.
  const file = path.relative(directory, path.resolve(process.cwd(), problem.file)).split(path.sep).join('/');
  return {
    file,
    ...(problem.line !== undefined ? { line: problem.line } : {}),
    ...(problem.field !== undefined ? { field: problem.field } : {}),
    message: problem.danish,
    messageEn: problem.problem,
  };
}

/** By name and shape, not instanceof: the loader may come from another copy of the module (tests, dist). */
function isKnowledgeBaseError(error: unknown): error is { problems: readonly KnowledgeFileError[] } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'name' in error &&
    error.name === 'KnowledgeBaseError' &&
    'problems' in error &&
    Array.isArray(error.problems)
  );
}
