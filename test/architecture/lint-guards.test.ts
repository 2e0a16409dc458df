/**
 * The lint guards the architecture: a new import that breaks the layers, closes a cycle or brings
 * botbuilder or ioredis where they do not belong fails `npm run lint`. Each case lints a real file
 * with one line added (ESLint's lintText, the file itself unchanged on disk), in one ESLint process.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.join(__dirname, '..', '..');

interface Case {
  readonly name: string;
  /** The file the added line is linted as (it exists; its own content follows the line). */
  readonly file: string;
  readonly line: string;
}

const CASES: readonly Case[] = [
  {
    name: 'handoff importing staff (a layer above)',
    file: 'bot/handoff/wait-estimate.ts',
    line: "export { StaffViews } from '../staff/staff-views';",
  },
  {
    name: 'knowledge importing the bot',
    file: 'knowledge/guide.ts',
    line: "export type { Reply } from '../bot/dialogue/reply';",
  },
  {
    name: 'text importing intents',
    file: 'text/word-tokens.ts',
    line: "export { IntentClassifier } from '../intents/intent-classifier';",
  },
  {
    name: 'a file cycle inside one folder',
    file: 'bot/handoff/wait-estimate.ts',
    line: "export { HandoffDesk } from './handoff-desk';",
  },
  {
    name: 'botbuilder in the dialogue',
    file: 'bot/dialogue/speaker.ts',
    line: "export { CardFactory } from 'botbuilder';",
  },
  { name: 'ioredis outside storage', file: 'bot/handoff/handoff-desk.ts', line: "export { Redis } from 'ioredis';" },
];

/** Lints each case (and each file unchanged) in one process; returns rule ids per case name. */
const LINT_SCRIPT = `
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
const cases = JSON.parse(process.argv[1]);
const eslint = new ESLint({ cwd: process.cwd() });
const out = {};
for (const c of cases) {
  const original = readFileSync(c.file, 'utf8');
  const [added] = await eslint.lintText(c.line + '\\n' + original, { filePath: c.file });
  const [unchanged] = await eslint.lintText(original, { filePath: c.file });
  out[c.name] = { added: added.messages.map((m) => m.ruleId ?? m.message), unchanged: unchanged.messages.map((m) => m.ruleId ?? m.message) };
}
process.stdout.write(JSON.stringify(out));
`;

let results: Record<string, { added: string[]; unchanged: string[] }>;

beforeAll(async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', LINT_SCRIPT, JSON.stringify(CASES)],
    {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  results = JSON.parse(stdout) as typeof results;
}, 240_000);

it.each([
  ['handoff importing staff (a layer above)', 'import-x/no-restricted-paths'],
  ['knowledge importing the bot', 'import-x/no-restricted-paths'],
  ['text importing intents', 'import-x/no-restricted-paths'],
  ['a file cycle inside one folder', 'import-x/no-cycle'],
  ['botbuilder in the dialogue', '@typescript-eslint/no-restricted-imports'],
  ['ioredis outside storage', '@typescript-eslint/no-restricted-imports'],
])('fails on %s (%s), and passes on the file as it is', (name, rule) => {
  const result = results[name];
  expect(result?.added).toContain(rule);
  expect(result?.unchanged).toEqual([]);
});
