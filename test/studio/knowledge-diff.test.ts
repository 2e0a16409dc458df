import { diffKnowledgeFiles } from '../../bot/studio/knowledge-diff';

describe('diffKnowledgeFiles', () => {
  const before = {
    'intents/pas.bestil.yaml': 'id: pas.bestil\nanswer: Et pas koster 100 kr.\nrelated: []\n',
    'guides/fisketegn.md': 'Fisketegn\n',
  };

  it('lists changed, added and removed files in path order with their line counts', () => {
    const after = {
      'intents/pas.bestil.yaml': 'id: pas.bestil\nanswer: Et pas koster 200 kr.\nrelated: []\n',
      'out-of-scope.yaml': 'training: {}\n',
    };
    const changes = diffKnowledgeFiles(before, after);
    expect(changes.map(({ path, change, added, removed }) => [path, change, added, removed])).toEqual([
      ['guides/fisketegn.md', 'removed', 0, 1],
      ['intents/pas.bestil.yaml', 'changed', 1, 1],
      ['out-of-scope.yaml', 'added', 1, 0],
    ]);
    const patch = changes[1]?.patch ?? '';
    expect(patch).toContain('--- a/intents/pas.bestil.yaml');
    expect(patch).toContain('-answer: Et pas koster 100 kr.');
    expect(patch).toContain('+answer: Et pas koster 200 kr.');
    expect(changes[0]?.patch).toContain('+++ /dev/null');
  });

  it('is empty for the same files', () => {
    expect(diffKnowledgeFiles(before, { ...before })).toEqual([]);
  });
});
