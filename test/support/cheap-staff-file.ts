import * as argon2 from 'argon2';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEMO_STAFF_FILE } from '../../bot/staff/staff-directory';

/** The lowest cost argon2 accepts: a sign-in then costs microseconds instead of a third of a second. */
const TEST_COST = { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 } as const;

let written: Promise<string> | undefined;

/**
 * A copy of the demo staff file with the same accounts and passwords ("demo-<id>"), hashed at the
 * lowest cost, so suites that sign in many times do not spend most of their time in argon2.
 * Unknown usernames are then checked against a dummy of the same low cost (staff-directory.ts).
 * test/staff/staff-directory.test.ts still checks the demo file's own production-cost hashes.
 */
export function cheapDemoStaffFile(): Promise<string> {
  written ??= (async () => {
    let text = await readFile(DEMO_STAFF_FILE, 'utf8');
    for (const [line, id] of text.matchAll(/- id: ([a-z0-9._-]+)/g)) {
      const hash = await argon2.hash(`demo-${id}`, TEST_COST);
      // A function, not a replacement string: the hash is full of "$".
      text = text.replace(
        new RegExp(`(${line}[\\s\\S]*?passwordHash: )"[^"]+"`),
        (_, before: string) => `${before}"${hash}"`,
      );
    }
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'cheap-staff-')), 'staff.yaml');
    await writeFile(file, text);
    return file;
  })();
  return written;
}
