import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  KNOWLEDGE_FILE_PATH,
  KnowledgeFilesSchema,
  readKnowledgeFiles,
  writeKnowledgeFiles,
} from '../../knowledge/knowledge-files';
import { KnowledgeBaseError } from '../../knowledge/knowledge-file-error';
import { loadKnowledgeBase } from '../../knowledge/load-knowledge-base';
import type { AuditLog } from './audit-log';
import { hasErrorCode } from './durable-files';
import type { KnowledgeVersion } from './knowledge-version';
import type { KnowledgeVersionStore } from './knowledge-version-store';

/** A refusal the user can act on (a wrong folder, a version that does not exist): exit code 1, no stack. */
export class KnowledgeTransferError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KnowledgeTransferError';
  }
}

/**
 * Writes a published version's files into a folder, exactly as published (default: the newest).
 * The folder then holds exactly those content files; other files in it (staff accounts, a README)
 * are left alone, so a Git checkout of the knowledge folder can be brought up to a version.
 */
export async function exportVersion(
  versions: KnowledgeVersionStore,
  directory: string,
  number?: number,
): Promise<KnowledgeVersion> {
  const version = number === undefined ? await versions.latest() : await versions.get(number);
  if (!version) {
    const newest = (await versions.list())[0];
    throw new KnowledgeTransferError(
      newest === undefined
        ? 'Der er ingen udgivet version endnu; der er intet at eksportere (no version has been published yet).'
        : `Version ${number} findes ikke; den nyeste er version ${newest.number} (no such version; the newest is ${newest.number}).`,
    );
  }
  await mkdir(directory, { recursive: true });
  await writeKnowledgeFiles(directory, version.files);
  return version;
}

export interface ImportRequest {
  readonly directory: string;
  readonly comment: string;
  readonly author: string;
}

/**
 * Publishes a knowledge folder as a new version, if the knowledge loader accepts it: otherwise a
 * KnowledgeTransferError lists every problem, and nothing is published. The publish is recorded in
 * the audit log like a studio publish.
 */
export async function importFolder(
  stores: { readonly versions: KnowledgeVersionStore; readonly audit: AuditLog },
  request: ImportRequest,
): Promise<KnowledgeVersion> {
  const { directory } = request;
  const isFolder = await stat(directory).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (!isFolder) throw new KnowledgeTransferError(`${directory} er ikke en mappe (is not a folder).`);
  const problems = await strayFiles(directory);
  await loadKnowledgeBase(directory).catch((error: unknown) => {
    if (!(error instanceof KnowledgeBaseError)) throw error;
    problems.push(...error.problems.map((problem) => problem.message));
  });
  const files = KnowledgeFilesSchema.safeParse(await readKnowledgeFiles(directory));
  if (!files.success) problems.push(...files.error.issues.map((issue) => `${issue.path.join('/')}: ${issue.message}`));
  if (problems.length > 0 || !files.success)
    throw new KnowledgeTransferError(
      `Mappen kan ikke importeres; intet er udgivet (the folder cannot be imported; nothing was published). ` +
        `${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  const latest = (await stores.versions.list())[0]?.number ?? 0;
  const version = await stores.versions.publish(
    { files: files.data, author: request.author, comment: request.comment },
    latest,
  );
  await stores.audit.append({
    at: version.publishedAt,
    actor: request.author,
    action: 'version.published',
    target: `version ${version.number}`,
    detail: `imported from a folder: ${request.comment}`.slice(0, 2000),
  });
  return version;
}

/**
 * Files in the content folders that look like content but are not knowledge files (a capital
 * letter, a space): the loader might read them, but a version could not hold them.
 */
async function strayFiles(directory: string): Promise<string[]> {
  const problems: string[] = [];
  for (const [folder, extension] of [
    ['intents', '.yaml'],
    ['guides', '.md'],
    ['municipalities', '.yaml'],
  ] as const) {
    const entries = await readdir(path.join(directory, folder), { withFileTypes: true }).catch((error: unknown) => {
      // A missing folder is the loader's to report ("holds no intent files").
      if (hasErrorCode(error, 'ENOENT')) return [];
      throw error;
    });
    for (const entry of entries) {
      const relative = `${folder}/${entry.name}`;
      if (entry.isFile() && entry.name.endsWith(extension) && !KNOWLEDGE_FILE_PATH.test(relative))
        problems.push(`${relative}: is not a valid knowledge file name (lower-case letters, digits, ".", "_", "-")`);
    }
  }
  return problems;
}
