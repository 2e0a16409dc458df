import { readKnowledgeFiles } from '../../knowledge/knowledge-files';
import {
  DEFAULT_KNOWLEDGE_DIRECTORY,
  loadKnowledgeBase,
  loadKnowledgeFromFiles,
} from '../../knowledge/load-knowledge-base';

describe('loading the knowledge base from a set of files (a published version)', () => {
  it('gives the same knowledge base as the folder it was read from', async () => {
    const files = await readKnowledgeFiles(DEFAULT_KNOWLEDGE_DIRECTORY);
    const [fromFiles, fromFolder] = await Promise.all([
      loadKnowledgeFromFiles(files),
      loadKnowledgeBase(DEFAULT_KNOWLEDGE_DIRECTORY),
    ]);
    expect(fromFiles).toEqual(fromFolder);
  });

  it('applies the same rules, naming the file by its path in the set', async () => {
    const files = await readKnowledgeFiles(DEFAULT_KNOWLEDGE_DIRECTORY);
    const broken: Record<string, string> = { ...files, 'intents/pas.bestil.yaml': 'id: pas.bestil\n' };
    delete broken['out-of-scope.yaml'];
    await expect(loadKnowledgeFromFiles(broken)).rejects.toMatchObject({ name: 'KnowledgeBaseError' });
    const message = await loadKnowledgeFromFiles(broken).catch((error: unknown) => String(error));
    expect(message).toContain('intents/pas.bestil.yaml');
    expect(message).toContain('out-of-scope.yaml');
  });
});
