import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A STUDIO_DATA_DIR of its own for a server process under test. Without one, every test server
 * would publish its knowledge folder into the project's studio-data/ (shared with `npm start`),
 * and two of them with different folders would switch to each other's versions.
 */
export function throwawayStudioDataDir(): { readonly directory: string; readonly remove: () => void } {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'bsa-studio-data-'));
  return { directory, remove: () => rmSync(directory, { recursive: true, force: true }) };
}
