import { createTwoFilesPatch, structuredPatch } from 'diff';
import type { KnowledgeFiles } from '../../knowledge/knowledge-files';

export interface FileChange {
  readonly path: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** Lines added and removed. */
  readonly added: number;
  readonly removed: number;
  /** A unified diff, as `git diff` shows it, for the version history and the publish review. */
  readonly patch: string;
}

/**
 * What changed between two versions, file by file in path order. jsdiff (the `diff` package) does
 * the line diff: a well-tested Myers implementation, and the unified format developers already read.
 */
export function diffKnowledgeFiles(older: KnowledgeFiles, newer: KnowledgeFiles): FileChange[] {
  const paths = [...new Set([...Object.keys(older), ...Object.keys(newer)])].sort();
  return paths.flatMap((path) => {
    const before = older[path];
    const after = newer[path];
    if (before === after) return [];
    const change = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
    const lines = structuredPatch(path, path, before ?? '', after ?? '').hunks.flatMap((hunk) => hunk.lines);
    return [
      {
        path,
        change,
        added: lines.filter((line) => line.startsWith('+')).length,
        removed: lines.filter((line) => line.startsWith('-')).length,
        patch: createTwoFilesPatch(
          before === undefined ? '/dev/null' : `a/${path}`,
          after === undefined ? '/dev/null' : `b/${path}`,
          before ?? '',
          after ?? '',
        ),
      },
    ];
  });
}
