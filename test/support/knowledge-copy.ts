import { cp } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from './project-paths';

/** The shipped knowledge files, copied into `folder`: what a studio under test edits and publishes to. */
export async function knowledgeCopy(folder: string): Promise<string> {
  const copy = path.join(folder, 'knowledge');
  for (const part of ['intents', 'guides', 'municipalities', 'out-of-scope.yaml']) {
    await cp(path.join(PROJECT_ROOT, 'knowledge', part), path.join(copy, part), { recursive: true });
  }
  return copy;
}
