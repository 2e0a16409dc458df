import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_KNOWLEDGE_DIRECTORY, loadKnowledgeBase } from '../../knowledge/load-knowledge-base';
import { fingerprintOf, readKnowledgeFiles, writeKnowledgeFiles } from '../../knowledge/knowledge-files';

describe('knowledge files', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'bsa-knowledge-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('reads every content file of the shipped knowledge base, and no staff or README file', async () => {
    const files = await readKnowledgeFiles(DEFAULT_KNOWLEDGE_DIRECTORY);
    const paths = Object.keys(files);
    expect(paths).toContain('intents/pas.bestil.yaml');
    expect(paths).toContain('guides/fisketegn.md');
    expect(paths).toContain('municipalities/boegely.yaml');
    expect(paths).toContain('out-of-scope.yaml');
    expect(paths.some((p) => p.startsWith('staff/') || p.endsWith('README.md'))).toBe(false);
    expect(files['intents/pas.bestil.yaml']).toBe(
      await readFile(path.join(DEFAULT_KNOWLEDGE_DIRECTORY, 'intents', 'pas.bestil.yaml'), 'utf8'),
    );
  });

  it('writes them into another folder byte for byte, and that folder loads as the same knowledge base', async () => {
    const files = await readKnowledgeFiles(DEFAULT_KNOWLEDGE_DIRECTORY);
    await writeKnowledgeFiles(directory, files);
    const copy = await readKnowledgeFiles(directory);
    expect(copy).toEqual(files);
    expect(fingerprintOf(copy)).toBe(fingerprintOf(files));
    expect((await loadKnowledgeBase(directory)).intents.size).toBe(
      (await loadKnowledgeBase(DEFAULT_KNOWLEDGE_DIRECTORY)).intents.size,
    );
  });

  it('removes content files the new set does not have, and leaves other files alone', async () => {
    await cp(DEFAULT_KNOWLEDGE_DIRECTORY, directory, { recursive: true });
    await writeFile(path.join(directory, 'notes.txt'), 'keep me');
    const files = await readKnowledgeFiles(directory);
    delete files['guides/fisketegn.md'];
    await writeKnowledgeFiles(directory, files);
    expect(Object.keys(await readKnowledgeFiles(directory))).not.toContain('guides/fisketegn.md');
    expect(await readFile(path.join(directory, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(await readFile(path.join(directory, 'staff', 'demo-staff.yaml'), 'utf8')).toMatch(/accounts:/);
  });

  it('gives the same fingerprint whatever the order, and another for other content', () => {
    expect(fingerprintOf({ 'out-of-scope.yaml': 'a', 'guides/x.md': 'b' })).toBe(
      fingerprintOf({ 'guides/x.md': 'b', 'out-of-scope.yaml': 'a' }),
    );
    expect(fingerprintOf({ 'out-of-scope.yaml': 'a' })).not.toBe(fingerprintOf({ 'out-of-scope.yaml': 'b' }));
  });

  it('refuses to write a path outside the knowledge files', async () => {
    await expect(writeKnowledgeFiles(directory, { '../escape.yaml': 'x' })).rejects.toThrow();
  });
});
