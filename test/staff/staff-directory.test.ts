import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  DEMO_STAFF_FILE,
  loadStaffDirectory,
  MAX_PASSWORD_LENGTH,
  type StaffDirectory,
} from '../../bot/staff/staff-directory';

/** A real argon2id hash (of "demo-anna"), so broken files differ from a valid one in one place only. */
const HASH = '$argon2id$v=19$m=65536,p=4,t=3$H/HQXFuvs4FPN8SIvkumKQ$VoH6FklrKp/gP0lhky35neRi4ga72naa0U/xCiwyAN0';

describe('the demo staff file', () => {
  let directory: StaffDirectory;
  beforeAll(async () => {
    directory = await loadStaffDirectory(DEMO_STAFF_FILE);
  });

  it('has the documented accounts and bilingual canned replies', () => {
    expect(directory.accounts().map((a) => [a.id, a.name, a.role, a.queues, a.maxConversations])).toEqual([
      ['anna', 'Anna', 'agent', ['faelles'], 3],
      ['bo', 'Bo', 'agent', ['faelles'], 2],
      ['sofie', 'Sofie', 'admin', ['faelles'], 3],
      ['eva', 'Eva', 'editor', [], 3],
      ['mads', 'Mads', 'editor', [], 3],
      ['lene', 'Lene', 'manager', [], 3],
    ]);
    expect(directory.account('lene')?.municipalities).toBeUndefined();
    expect(directory.account('mads')).toMatchObject({ municipalities: ['havbakke'], sharedContent: false });
    expect(directory.account('eva')?.municipalities).toBeUndefined();
    expect(directory.account('bo')?.name).toBe('Bo');
    expect(directory.account('nobody')).toBeUndefined();
    expect(directory.cannedReplies.length).toBeGreaterThanOrEqual(6);
    for (const reply of directory.cannedReplies) {
      // Sent as is: a placeholder would reach the citizen unfilled.
      expect({ id: reply.id, placeholders: /[{}]/.test(reply.text.da + reply.text.en) }).toEqual({
        id: reply.id,
        placeholders: false,
      });
    }
  });

  it('verifies the right password and refuses a wrong one', async () => {
    expect((await directory.verify('anna', 'demo-anna'))?.id).toBe('anna');
    expect((await directory.verify('sofie', 'demo-sofie'))?.role).toBe('admin');
    expect((await directory.verify('eva', 'demo-eva'))?.role).toBe('editor');
    expect((await directory.verify('mads', 'demo-mads'))?.role).toBe('editor');
    expect((await directory.verify('lene', 'demo-lene'))?.role).toBe('manager');
    expect(await directory.verify('anna', 'demo-bo')).toBeUndefined();
    expect(await directory.verify('anna', '')).toBeUndefined();
    // Usernames are exact: throttling counts per username.
    expect(await directory.verify('Anna', 'demo-anna')).toBeUndefined();
  });

  it('refuses an unknown username after the same hashing work as a known one', async () => {
    const timed = async (username: string): Promise<number> => {
      const started = process.hrtime.bigint();
      expect(await directory.verify(username, 'wrong password')).toBeUndefined();
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    await timed('anna'); // warm-up
    const known = await timed('anna');
    const unknown = await timed('nobody');
    // Without the dummy hash an unknown name would answer in well under a millisecond.
    expect(unknown).toBeGreaterThan(known / 4);
  });

  it('refuses an overlong password without hashing it', async () => {
    const started = Date.now();
    expect(await directory.verify('anna', 'x'.repeat(MAX_PASSWORD_LENGTH + 1))).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(20);
  });
});

describe('a broken staff file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'staff-file-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Writes a staff file and returns the error loading it gives. */
  async function problemsWith(name: string, yaml: string): Promise<Error> {
    const file = path.join(dir, name);
    await writeFile(file, yaml);
    const error: unknown = await loadStaffDirectory(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof Error)) throw new Error(`${name} loaded without an error`);
    expect(error.name).toBe('StaffFileError');
    return error;
  }

  const account = (id: string, extra = ''): string =>
    [
      `  - id: ${id}`,
      `    name: ${id}`,
      '    role: agent',
      `    passwordHash: "${HASH}"`,
      '    queues: [faelles]',
      extra,
    ]
      .filter(Boolean)
      .join('\n');

  it('names the file and line of a bad role', async () => {
    const yaml = [
      'accounts:',
      account('anna'),
      '  - id: bo',
      '    name: Bo',
      '    role: boss',
      `    passwordHash: "${HASH}"`,
      '    queues: [faelles]',
      '',
    ].join('\n');
    const error = await problemsWith('role.yaml', yaml);
    expect(error.message).toContain(`${path.join(dir, 'role.yaml')}:9: accounts.1.role:`);
  });

  it('refuses a manager with a queue or a shared-content limit, and takes one limited to municipalities', async () => {
    const manager = (extra: string[]): string =>
      [
        'accounts:',
        '  - id: lene',
        '    name: Lene',
        '    role: manager',
        `    passwordHash: "${HASH}"`,
        ...extra,
        '',
      ].join('\n');
    const error = await problemsWith('manager.yaml', manager(['    queues: [faelles]', '    sharedContent: false']));
    expect(error.message).toContain('accounts.0.queues: a manager serves no queue');
    expect(error.message).toContain('accounts.0.sharedContent: limits editors only; a manager does not edit');
    const file = path.join(dir, 'limited-manager.yaml');
    await writeFile(file, manager(['    municipalities: [havbakke]']));
    expect((await loadStaffDirectory(file)).account('lene')?.municipalities).toEqual(['havbakke']);
  });

  it('names the line of a duplicate account id, and of a duplicate canned reply id', async () => {
    const reply = (id: string): string =>
      [`  - id: ${id}`, '    title: Hej', '    text: { da: Hej, en: Hello }'].join('\n');
    const yaml = [
      'accounts:',
      account('anna'),
      account('anna'),
      'cannedReplies:',
      reply('hilsen'),
      reply('hilsen'),
      '',
    ].join('\n');
    const error = await problemsWith('duplicate.yaml', yaml);
    expect(error.message).toMatch(/duplicate\.yaml:7: accounts\.1\.id: account id "anna" is used twice/);
    expect(error.message).toMatch(/duplicate\.yaml:16: cannedReplies\.1\.id: canned reply id "hilsen" is used twice/);
  });

  it('names the line of a password hash that is not argon2id', async () => {
    const bcrypt = '$2b$12$abcdefghijklmnopqrstuv0123456789ABCDEFGHIJKLMNOPQRSTU';
    const yaml = [
      'accounts:',
      account('anna'),
      '  - id: bo',
      '    name: Bo',
      '    role: agent',
      `    passwordHash: "${bcrypt}"`,
      '    queues: [faelles]',
      '',
    ].join('\n');
    const error = await problemsWith('bcrypt.yaml', yaml);
    expect(error.message).toMatch(/bcrypt\.yaml:10: accounts\.1\.passwordHash: must be an argon2id hash/);
    // A hash cut short is caught too, not only a foreign one.
    const truncated = await problemsWith(
      'truncated.yaml',
      ['accounts:', account('anna').replace(HASH, HASH.slice(0, 40)), ''].join('\n'),
    );
    expect(truncated.message).toMatch(/truncated\.yaml:5: accounts\.0\.passwordHash: must be an argon2id hash/);
  });

  it('lists every problem of a file at once', async () => {
    const yaml = [
      'accounts:',
      account('anna', '    maxConversations: 50'),
      '  - id: Bo Bo',
      '    name: ""',
      '    role: agent',
      `    passwordHash: "${HASH}"`,
      '    queues: []',
      account('anna'),
      'extra: 1',
      '',
    ].join('\n');
    const error = await problemsWith('many.yaml', yaml);
    for (const expected of [
      /many\.yaml:7: accounts\.0\.maxConversations/,
      /many\.yaml:8: accounts\.1\.id/,
      /many\.yaml:9: accounts\.1\.name/,
      /many\.yaml:12: accounts\.1\.queues/,
      // Duplicates are found even while other entries have problems.
      /many\.yaml:13: accounts\.2\.id: account id "anna" is used twice/,
      /many\.yaml:1: .*extra/,
    ]) {
      expect(error.message).toMatch(expected);
    }
  });

  it('lets an editor go without queues, but not an agent or an admin; limits only editors', async () => {
    const editor = (extra: string[]): string =>
      ['  - id: eva', '    name: Eva', '    role: editor', `    passwordHash: "${HASH}"`, ...extra].join('\n');
    const ok = path.join(dir, 'editors.yaml');
    await writeFile(
      ok,
      [
        'accounts:',
        editor([]),
        editor(['    municipalities: [havbakke]', '    sharedContent: false']).replace(/eva/g, 'mads'),
        '',
      ].join('\n'),
    );
    const loaded = await loadStaffDirectory(ok);
    expect(loaded.account('eva')).toMatchObject({ role: 'editor', queues: [] });
    expect(loaded.account('mads')).toMatchObject({ municipalities: ['havbakke'], sharedContent: false });

    const yaml = [
      'accounts:',
      '  - id: anna',
      '    name: Anna',
      '    role: agent',
      `    passwordHash: "${HASH}"`,
      '  - id: sofie',
      '    name: Sofie',
      '    role: admin',
      `    passwordHash: "${HASH}"`,
      '    queues: [faelles]',
      '    municipalities: [boegely]',
      editor(['    municipalities: []', '    sharedContent: "no"']),
      '',
    ].join('\n');
    const error = await problemsWith('roles.yaml', yaml);
    expect(error.message).toMatch(/roles\.yaml:\d+: accounts\.0\.queues: an agent needs at least one queue/);
    expect(error.message).toMatch(/roles\.yaml:11: accounts\.1\.municipalities: limits editors only/);
    expect(error.message).toMatch(/roles\.yaml:16: accounts\.2\.municipalities/);
    expect(error.message).toMatch(/roles\.yaml:17: accounts\.2\.sharedContent/);
  });

  it('names the line of invalid YAML', async () => {
    const error = await problemsWith(
      'yaml.yaml',
      ['accounts:', account('anna'), '    queues: [faelles', ''].join('\n'),
    );
    expect(error.message).toMatch(/yaml\.yaml:\d+: not valid YAML/);
  });

  it('refuses a file without accounts', async () => {
    const error = await problemsWith('empty.yaml', 'accounts: []\n');
    expect(error.message).toMatch(/empty\.yaml:1: accounts:/);
  });

  it('names a file that cannot be read', async () => {
    await expect(loadStaffDirectory(path.join(dir, 'does-not-exist.yaml'))).rejects.toThrow(
      /does-not-exist\.yaml: cannot be read \(ENOENT\)/,
    );
  });
});
