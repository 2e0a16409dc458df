import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createStudioStorage, studioDataDirectory } from '../../bot/assembly/assemble-studio-storage';
import { PROJECT_ROOT } from '../support/project-paths';

describe('createStudioStorage without Redis', () => {
  it('defaults to studio-data/ in the project folder', () => {
    expect(studioDataDirectory({ STUDIO_DATA_DIR: undefined })).toBe(path.join(PROJECT_ROOT, 'studio-data'));
  });

  it('keeps drafts, versions and the audit log under STUDIO_DATA_DIR, for the next start to find', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'bsa-studio-'));
    try {
      const first = await createStudioStorage({ STUDIO_DATA_DIR: directory });
      expect(await readdir(directory)).toEqual([]);
      await first.drafts.save(
        {
          path: 'out-of-scope.yaml',
          text: 'a\n',
          basedOnVersion: 0,
          editedBy: 'eva',
          editedAt: new Date().toISOString(),
        },
        0,
      );
      await first.versions.publish({ files: { 'out-of-scope.yaml': 'a\n' }, author: 'eva', comment: 'x' }, 0);
      await first.audit.append({
        at: new Date().toISOString(),
        actor: 'eva',
        action: 'version.published',
        target: 'version 1',
      });
      expect((await readdir(directory)).sort()).toEqual(['audit.jsonl', 'blobs', 'drafts', 'versions']);

      const restarted = await createStudioStorage({ STUDIO_DATA_DIR: directory });
      expect(await restarted.drafts.list()).toHaveLength(1);
      expect((await restarted.versions.latest())?.number).toBe(1);
      expect(await restarted.audit.list()).toHaveLength(1);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
