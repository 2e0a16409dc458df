/**
 * `npm run staff:hash-password`: reads a password (one line on stdin; typed without echo at a
 * terminal) and prints its argon2id hash for the `passwordHash` of a staff account.
 * Only the hash goes to stdout, so `npm run --silent staff:hash-password < pw.txt > hash.txt` works.
 */
import * as argon2 from 'argon2';
import { MAX_PASSWORD_LENGTH } from './staff-directory';

const MIN_PASSWORD_LENGTH = 12;

/** A refusal the user can fix; exits 2 like the other CLIs' usage errors. */
class PasswordRefused extends Error {}

/** Ctrl-C at the prompt. */
class Interrupted extends Error {}

async function main(): Promise<void> {
  const password = process.stdin.isTTY ? await readHidden('Adgangskode: ') : firstLine(await readAll(process.stdin));
  if (password === '') throw new PasswordRefused('Ingen adgangskode: skriv den på én linje (no password given).');
  // Code points, as NIST SP 800-63B counts a password's characters (not UTF-16 units, not graphemes).
  const length = Array.from(password).length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw new PasswordRefused(
      `Adgangskoden er for kort: ${length} tegn, men den skal være mindst ${MIN_PASSWORD_LENGTH} tegn (the password must have at least ${MIN_PASSWORD_LENGTH} characters).`,
    );
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    // Sign-in refuses longer passwords unhashed, so such a hash could never be used.
    throw new PasswordRefused(
      `Adgangskoden er for lang: højst ${MAX_PASSWORD_LENGTH} tegn (the password must have at most ${MAX_PASSWORD_LENGTH} characters).`,
    );
  }
  process.stdout.write(`${await argon2.hash(password, { type: argon2.argon2id })}\n`);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** The first line without its line ending; a password file saved on Windows ends in "\r\n". */
function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').replace(/\r$/, '');
}

/** Reads one line from the terminal in raw mode, so the password is never shown or kept in scrollback. */
async function readHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  // The prompt goes to stderr: stdout is for the hash alone.
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let password = '';
    const finish = (outcome: () => void): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      outcome();
    };
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish(() => resolve(password));
          return;
        }
        if (char === '\u0003') {
          finish(() => reject(new Interrupted()));
          return;
        }
        if (char === '\u007f' || char === '\b') password = Array.from(password).slice(0, -1).join('');
        else password += char;
      }
    };
    input.on('data', onData);
  });
}

main().catch((error: unknown) => {
  if (error instanceof Interrupted) process.exit(130);
  const known = error instanceof PasswordRefused;
  process.stderr.write(
    `${known ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(known ? 2 : 1);
});
