import { randomUUID } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fingerprintOf, KnowledgeFilesSchema, type KnowledgeFiles } from '../../knowledge/knowledge-files';
import { KnowledgeVersionSchema, summaryOf, type KnowledgeVersion, type VersionSummary } from './knowledge-version';
import { VersionConflictError, type KnowledgeVersionStore, type Publication } from './knowledge-version-store';
import { blobHash, splitFiles, VersionManifestSchema, type VersionManifest } from './version-manifest';

/**
 * Versions on disk, for a deployment without Redis (the one-command demo, a single server):
 * `<dir>/versions/<number>.json` holds each version's manifest and `<dir>/blobs/<sha256>` each file
 * text once. A manifest is written to a temporary file, flushed, and then linked to its final name:
 * linking fails if the name exists, so two processes publishing the same number cannot both win,
 * and a crash never leaves half a version. Back up the folder like any other data.
 */
export class DiskKnowledgeVersionStore implements KnowledgeVersionStore {
  private readonly versions: string;
  private readonly blobs: string;

  constructor(private readonly directory: string) {
    this.versions = path.join(directory, 'versions');
    this.blobs = path.join(directory, 'blobs');
  }

  async latest(): Promise<KnowledgeVersion | undefined> {
    const numbers = await this.numbers();
    const newest = numbers[numbers.length - 1];
    return newest === undefined ? undefined : this.get(newest);
  }

  async get(number: number): Promise<KnowledgeVersion | undefined> {
    const manifest = await this.manifest(number);
    if (!manifest) return undefined;
    const files: Record<string, string> = {};
    for (const [relative, hash] of Object.entries(manifest.files)) {
      const text = await readFile(path.join(this.blobs, hash), 'utf8');
      // A blob that does not match its name was damaged on disk: refuse the version rather than serve it.
      if (blobHash(text) !== hash)
        throw new Error(`knowledge history: file ${relative} of version ${number} is damaged`);
      files[relative] = text;
    }
    return KnowledgeVersionSchema.parse({ ...manifest, files });
  }

  async list(): Promise<readonly VersionSummary[]> {
    const summaries: VersionSummary[] = [];
    for (const number of (await this.numbers()).reverse()) {
      const manifest = await this.manifest(number);
      if (!manifest) continue;
      summaries.push(summaryOf(manifest));
    }
    return summaries;
  }

  async publish(publication: Publication, basedOn: number): Promise<KnowledgeVersion> {
    const files: KnowledgeFiles = KnowledgeFilesSchema.parse(publication.files);
    const numbers = await this.numbers();
    const latest = numbers[numbers.length - 1] ?? 0;
    if (latest !== basedOn) throw new VersionConflictError(basedOn, latest);
    const { table, blobs } = splitFiles(files);
    await mkdir(this.blobs, { recursive: true });
    await mkdir(this.versions, { recursive: true });
    for (const [hash, text] of blobs) await writeDurably(path.join(this.blobs, hash), text, { skipIfPresent: true });
    const manifest: VersionManifest = VersionManifestSchema.parse({
      number: basedOn + 1,
      publishedAt: new Date().toISOString(),
      author: publication.author,
      comment: publication.comment,
      ...(publication.restores !== undefined ? { restores: publication.restores } : {}),
      fingerprint: fingerprintOf(files),
      files: table,
    });
    const created = await writeDurably(this.manifestFile(manifest.number), JSON.stringify(manifest), {
      skipIfPresent: true,
    });
    if (!created) throw new VersionConflictError(basedOn, manifest.number);
    const summary = summaryOf(manifest);
    return KnowledgeVersionSchema.parse({ ...summary, files });
  }

  private manifestFile(number: number): string {
    return path.join(this.versions, `${String(number).padStart(6, '0')}.json`);
  }

  private async manifest(number: number): Promise<VersionManifest | undefined> {
    const text = await readFile(this.manifestFile(number), 'utf8').catch((error: unknown) => {
      if (isCode(error, 'ENOENT')) return undefined;
      throw error;
    });
    if (text === undefined) return undefined;
    return VersionManifestSchema.parse(JSON.parse(text));
  }

  private async numbers(): Promise<number[]> {
    const names = await readdir(this.versions).catch((error: unknown) => {
      if (isCode(error, 'ENOENT')) return [];
      throw error;
    });
    return names
      .flatMap((name) => (/^\d{6}\.json$/.test(name) ? [Number(name.slice(0, 6))] : []))
      .sort((a, b) => a - b);
  }
}

/**
 * Writes a file so that it is either absent or complete and flushed to disk. Returns false when
 * `skipIfPresent` and the file already exists (another writer got there first).
 */
async function writeDurably(
  file: string,
  text: string,
  { skipIfPresent }: { skipIfPresent: boolean },
): Promise<boolean> {
  const temporary = `${file}.${randomUUID()}.tmp`;
  const handle = await open(temporary, 'wx');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    if (skipIfPresent && isCode(error, 'EEXIST')) return false;
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Checked by shape, not `instanceof Error`: errors from another realm (a vm, jest) are Errors too. */
function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}
