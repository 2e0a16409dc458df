import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseModelExport, serialiseModelExport, type ModelExport } from './model-export';
import type { ModelExportStore } from './model-export-store';

/** A model is about 15 MB; the newest few cover the current version and a rollback or two. */
const KEPT_MODELS = 5;

/**
 * Models on disk under `<STUDIO_DATA_DIR>/models/<fingerprint>.v8`. Written to a temporary file
 * and renamed, so a reader never sees half a model; the oldest beyond five are removed.
 */
export class DiskModelExportStore implements ModelExportStore {
  private readonly directory: string;

  constructor(
    studioDataDirectory: string,
    private readonly onUnusable: (fingerprint: string, reason: string) => void = () => undefined,
  ) {
    this.directory = path.join(studioDataDirectory, 'models');
  }

  async get(fingerprint: string): Promise<ModelExport | undefined> {
    if (!/^[0-9a-f]{64}$/.test(fingerprint)) return undefined;
    const bytes = await readFile(this.file(fingerprint)).catch((error: unknown) => {
      if (isCode(error, 'ENOENT')) return undefined;
      throw error;
    });
    if (!bytes) return undefined;
    const parsed = parseModelExport(bytes);
    if ('unusable' in parsed) {
      this.onUnusable(fingerprint, parsed.unusable);
      return undefined;
    }
    return parsed.export.fingerprint === fingerprint ? parsed.export : undefined;
  }

  async put(exported: ModelExport): Promise<void> {
    const bytes = serialiseModelExport(exported);
    await mkdir(this.directory, { recursive: true });
    const temporary = path.join(this.directory, `${exported.fingerprint}.${randomUUID()}.tmp`);
    try {
      await writeFile(temporary, bytes);
      await rename(temporary, this.file(exported.fingerprint));
    } finally {
      await rm(temporary, { force: true });
    }
    await this.removeOldest();
  }

  private file(fingerprint: string): string {
    return path.join(this.directory, `${fingerprint}.v8`);
  }

  private async removeOldest(): Promise<void> {
    const names = (await readdir(this.directory)).filter((name) => /^[0-9a-f]{64}\.v8$/.test(name));
    if (names.length <= KEPT_MODELS) return;
    const aged = await Promise.all(
      names.map(async (name) => ({ name, modified: (await stat(path.join(this.directory, name))).mtimeMs })),
    );
    aged.sort((a, b) => b.modified - a.modified);
    for (const { name } of aged.slice(KEPT_MODELS)) await rm(path.join(this.directory, name), { force: true });
  }
}

/** Checked by shape, not `instanceof Error`: errors from another realm (a vm, jest) are Errors too. */
function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}
