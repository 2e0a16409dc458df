import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDiskStudioStorage, type StudioStorage } from '../../bot/assembly/assemble-studio-storage';
import { exportVersion, importFolder, KnowledgeTransferError } from '../../bot/studio/knowledge-transfer';
import { fingerprintOf, readKnowledgeFiles } from '../../knowledge/knowledge-files';
import { DEFAULT_KNOWLEDGE_DIRECTORY } from '../../knowledge/load-knowledge-base';

describe('knowledge export and import', () => {
  let work: string;
  let storage: StudioStorage;
  beforeEach(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'bsa-transfer-'));
    storage = createDiskStudioStorage(path.join(work, 'studio-data'), undefined);
  });
  afterEach(() => rm(work, { recursive: true, force: true }));

  /** A copy of the shipped knowledge folder, without the staff accounts. */
  async function knowledgeCopy(name: string): Promise<string> {
    const copy = path.join(work, name);
    await cp(DEFAULT_KNOWLEDGE_DIRECTORY, copy, {
      recursive: true,
      filter: (source) => !source.includes(`${path.sep}staff`) && !source.endsWith('.ts'),
    });
    return copy;
  }

  it('says clearly that there is nothing to export before the first version', async () => {
    const refused = await exportVersion(storage.versions, path.join(work, 'out')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(KnowledgeTransferError);
    expect(String(refused)).toMatch(/ingen udgivet version.*no version has been published yet/);
  });

  it('round-trips a version exactly: import, export, import again, export again', async () => {
    const source = await knowledgeCopy('knowledge');
    const sourceFiles = await readKnowledgeFiles(source);
    const first = await importFolder(storage, { directory: source, comment: 'Første import', author: 'eva' });
    expect(first).toMatchObject({ number: 1, author: 'eva', comment: 'Første import' });
    expect(first.fingerprint).toBe(fingerprintOf(sourceFiles));

    const exported = path.join(work, 'export-1');
    expect((await exportVersion(storage.versions, exported)).number).toBe(1);
    const second = await importFolder(storage, { directory: exported, comment: 'igen', author: 'ole' });
    expect(second.number).toBe(2);
    expect(second.fingerprint).toBe(first.fingerprint);

    const again = path.join(work, 'export-2');
    await exportVersion(storage.versions, again, 2);
    for (const relative of Object.keys(sourceFiles))
      expect({
        relative,
        same: (await readFile(path.join(again, relative))).equals(await readFile(path.join(source, relative))),
      }).toEqual({ relative, same: true });
    expect(Object.keys(await readKnowledgeFiles(again))).toEqual(Object.keys(sourceFiles));

    const audit = await storage.audit.list();
    expect(audit.map((e) => [e.actor, e.action, e.target])).toEqual([
      ['ole', 'version.published', 'version 2'],
      ['eva', 'version.published', 'version 1'],
    ]);
  });

  it('exports an older version over a folder, removing content files it does not have and keeping the rest', async () => {
    const source = await knowledgeCopy('knowledge');
    await importFolder(storage, { directory: source, comment: 'v1', author: 'eva' });
    const changed = await knowledgeCopy('changed');
    const outOfScope = path.join(changed, 'out-of-scope.yaml');
    await writeFile(outOfScope, `${await readFile(outOfScope, 'utf8')}# en kommentar\n`);
    expect((await importFolder(storage, { directory: changed, comment: 'v2', author: 'eva' })).number).toBe(2);
    // Not content of either version, and files that are no content at all.
    await writeFile(path.join(changed, 'guides', 'kladde.md'), 'half a guide\n');
    await writeFile(path.join(changed, 'README.md'), 'notes\n');
    await exportVersion(storage.versions, changed, 1);
    expect(await readKnowledgeFiles(changed)).toEqual(await readKnowledgeFiles(source));
    expect(await readFile(path.join(changed, 'README.md'), 'utf8')).toBe('notes\n');
  });

  it('refuses a version that does not exist, naming the newest', async () => {
    await importFolder(storage, { directory: await knowledgeCopy('knowledge'), comment: 'v1', author: 'eva' });
    await expect(exportVersion(storage.versions, path.join(work, 'out'), 7)).rejects.toThrow(
      /Version 7 findes ikke; den nyeste er version 1/,
    );
  });

  it('refuses a folder with problems, listing each, and publishes nothing', async () => {
    const broken = await knowledgeCopy('broken');
    await writeFile(path.join(broken, 'out-of-scope.yaml'), 'training: [unclosed\n');
    await writeFile(path.join(broken, 'intents', 'Store Bogstaver.yaml'), 'id: x\n');
    const refused = await importFolder(storage, { directory: broken, comment: 'x', author: 'eva' }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(KnowledgeTransferError);
    const message = String(refused);
    expect(message).toMatch(
      /kan ikke importeres; intet er udgivet \(the folder cannot be imported; nothing was published\)/,
    );
    expect(message).toMatch(/out-of-scope\.yaml/);
    expect(message).toMatch(/intents\/Store Bogstaver\.yaml: is not a valid knowledge file name/);
    expect(await storage.versions.list()).toEqual([]);
    expect(await storage.audit.list()).toEqual([]);
  });

  it('refuses a folder that does not exist, and an empty one', async () => {
    await expect(
      importFolder(storage, { directory: path.join(work, 'nowhere'), comment: 'x', author: 'eva' }),
    ).rejects.toThrow(/er ikke en mappe/);
    const empty = path.join(work, 'empty');
    await mkdir(empty);
    await expect(importFolder(storage, { directory: empty, comment: 'x', author: 'eva' })).rejects.toThrow(
      /holds no intent files/,
    );
    expect(await storage.versions.list()).toEqual([]);
  });
});
