import * as argon2 from 'argon2';
import path from 'node:path';
import { DIST } from '../support/project-paths';
import { runNode } from '../support/run-node';

const CLI = path.join(DIST, 'bot', 'staff', 'hash-password-cli.js');

describe('npm run staff:hash-password', () => {
  it('prints an argon2id hash of the password on stdin, and nothing else', async () => {
    const password = 'korrekt hest batteri hæfteklamme';
    const result = await runNode(CLI, [], { input: `${password}\n` });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\$argon2id\$v=19\$[^\n]+\n$/);
    const hash = result.stdout.trim();
    expect(await argon2.verify(hash, password)).toBe(true);
    expect(await argon2.verify(hash, `${password} `)).toBe(false);
  }, 60_000);

  it('reads only the first line, without its Windows line ending', async () => {
    const result = await runNode(CLI, [], { input: 'en-lang-adgangskode\r\nanden linje\n' });
    expect(result.code).toBe(0);
    expect(await argon2.verify(result.stdout.trim(), 'en-lang-adgangskode')).toBe(true);
  }, 60_000);

  it('refuses a password shorter than 12 characters with exit code 2', async () => {
    const result = await runNode(CLI, [], { input: 'kort-kode\n' });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/mindst 12 tegn/);
    expect(result.stderr).not.toContain('kort-kode');
  }, 60_000);

  it('refuses an empty input with exit code 2', async () => {
    const result = await runNode(CLI, [], { input: '' });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
  }, 60_000);
});
