import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fingerprintOf, readKnowledgeFiles } from '../../knowledge/knowledge-files';
import { DEFAULT_KNOWLEDGE_DIRECTORY } from '../../knowledge/load-knowledge-base';
import { DIST } from '../support/project-paths';
import { runNode } from '../support/run-node';
import { startThrowawayRedis } from '../support/throwaway-redis';

const EXPORT = path.join(DIST, 'bot', 'knowledge-export-cli.js');
const IMPORT = path.join(DIST, 'bot', 'knowledge-import-cli.js');

describe('npm run knowledge:export and knowledge:import', () => {
  let work: string;
  let source: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'bsa-transfer-cli-'));
    source = path.join(work, 'knowledge');
    await cp(DEFAULT_KNOWLEDGE_DIRECTORY, source, {
      recursive: true,
      filter: (file) => !file.includes(`${path.sep}staff`) && !file.endsWith('.ts'),
    });
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  /** The same configuration the server reads, with nothing from the test runner's environment. */
  const disk = (name: string): NodeJS.ProcessEnv => ({ STUDIO_DATA_DIR: path.join(work, name), REDIS_URL: '' });

  /** Every file of two folders' knowledge files, byte for byte. */
  async function sameBytes(a: string, b: string): Promise<void> {
    const files = Object.keys(await readKnowledgeFiles(a));
    expect(Object.keys(await readKnowledgeFiles(b))).toEqual(files);
    for (const relative of files)
      expect({
        relative,
        same: (await readFile(path.join(a, relative))).equals(await readFile(path.join(b, relative))),
      }).toEqual({
        relative,
        same: true,
      });
  }

  async function roundTrip(env: NodeJS.ProcessEnv, label: string): Promise<void> {
    const before = await runNode(EXPORT, ['--out', path.join(work, `${label}-none`)], { env });
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(/no version has been published yet/);

    const imported = await runNode(IMPORT, ['--from', source, '--comment', 'Fra Git', '--author', 'eva'], { env });
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/as version 1 /);

    const first = path.join(work, `${label}-export-1`);
    const exported = await runNode(EXPORT, ['--out', first], { env });
    expect(exported.code).toBe(0);
    const fingerprint = fingerprintOf(await readKnowledgeFiles(source));
    expect(exported.stdout).toContain(`fingerprint ${fingerprint.slice(0, 12)}`);
    await sameBytes(source, first);

    const again = await runNode(IMPORT, ['--from', first, '--comment', 'Tilbage igen'], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/as version 2 .*fingerprint (\w+)/);
    expect(again.stdout).toContain(fingerprint.slice(0, 12));
    const second = path.join(work, `${label}-export-2`);
    expect((await runNode(EXPORT, ['--out', second, '--version', '2'], { env })).code).toBe(0);
    await sameBytes(first, second);
  }

  it('round-trips a version exactly through STUDIO_DATA_DIR', () => roundTrip(disk('studio-disk'), 'disk'), 120_000);

  it('round-trips a version exactly through Redis', async () => {
    const redis = await startThrowawayRedis({ appendOnly: true });
    try {
      const env = {
        REDIS_URL: redis.url,
        DIRECTLINE_TOKEN_SECRET: 'x'.repeat(32),
        STAFF_ACCOUNTS_FILE: path.join(DEFAULT_KNOWLEDGE_DIRECTORY, 'staff', 'demo-staff.yaml'),
        STUDIO_DATA_DIR: path.join(work, 'unused-with-redis'),
      };
      await roundTrip(env, 'redis');
      // The versions survive a Redis restart (append-only file).
      await redis.restart();
      const after = path.join(work, 'redis-after-restart');
      expect((await runNode(EXPORT, ['--out', after, '--version', '1'], { env })).code).toBe(0);
      await sameBytes(source, after);
      await expect(readFile(path.join(work, 'unused-with-redis', 'audit.jsonl'))).rejects.toMatchObject({
        code: 'ENOENT',
      });
    } finally {
      await redis.stop();
    }
  }, 120_000);

  it('refuses a folder with problems with exit code 1, listing them, and publishes nothing', async () => {
    const env = disk('studio-broken');
    const broken = path.join(work, 'broken');
    await cp(source, broken, { recursive: true });
    await writeFile(path.join(broken, 'out-of-scope.yaml'), 'training: [unclosed\n');
    const refused = await runNode(IMPORT, ['--from', broken, '--comment', 'x'], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Mappen kan ikke importeres; intet er udgivet/);
    expect(refused.stderr).toMatch(/out-of-scope\.yaml/);
    expect(refused.stdout).toBe('');
    const none = await runNode(EXPORT, ['--out', path.join(work, 'broken-export')], { env });
    expect(none.stderr).toMatch(/no version has been published yet/);
  }, 60_000);

  it('answers a missing or wrong argument with the usage and exit code 2', async () => {
    const env = disk('studio-usage');
    const cases: [string, string[], RegExp][] = [
      [EXPORT, [], /--out: is required/],
      [EXPORT, ['--out', 'x', '--version', 'two'], /--version/],
      [EXPORT, ['--out', 'x', '--verbose'], /Unknown option '--verbose'/],
      [IMPORT, ['--from', source], /--comment: is required/],
      [IMPORT, ['--comment', 'x'], /--from: is required/],
      [IMPORT, ['--from', source, '--comment', '   '], /--comment: must not be empty/],
      [IMPORT, ['positional'], /Unexpected argument 'positional'/],
    ];
    for (const [cli, args, message] of cases) {
      const result = await runNode(cli, args, { env });
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/usage: npm run knowledge:/);
    }
  }, 60_000);
});
