import type { KnowledgeFiles } from '../../knowledge/knowledge-files';
import type { KnowledgeFileError } from '../../knowledge/knowledge-file-error';
import { loadKnowledgeFromFiles, type KnowledgeBase } from '../../knowledge/load-knowledge-base';

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
 * `npm run check:knowledge` and start-up), so the studio can never accept what the assistant would
 * refuse to load. Files already parsed once are not parsed again (the loader keeps them by text).
 */
export async function checkKnowledgeFiles(files: KnowledgeFiles): Promise<KnowledgeCheck> {
  try {
    return { knowledge: await loadKnowledgeFromFiles(files), problems: [] };
  } catch (error) {
    if (!isKnowledgeBaseError(error)) throw error;
    return { problems: error.problems.map((problem) => studioProblem(problem)) };
  }
}

function studioProblem(problem: KnowledgeFileError): StudioProblem {
  const { file } = problem;
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
