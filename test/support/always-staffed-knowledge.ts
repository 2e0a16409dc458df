import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from './project-paths';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/**
 * A copy of the shipped knowledge base whose municipalities staff the chat around the clock, every
 * day, holidays included: handoff tests that run a real server must not depend on when CI runs.
 */
export async function alwaysStaffedKnowledge(
  /** The knowledge folder to copy (the traffic bench passes its own: it also runs compiled, from dist/). */
  source = path.join(PROJECT_ROOT, 'knowledge'),
): Promise<{ directory: string; remove: () => Promise<void> }> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'always-staffed-'));
  await cp(source, directory, { recursive: true });
  const profiles = path.join(directory, 'municipalities');
  for (const file of await readdir(profiles)) {
    const profile = path.join(profiles, file);
    let text = await readFile(profile, 'utf8');
    const allDay = WEEKDAYS.map((day) => `  ${day}: [{ from: "00:00", to: "24:00" }]\n`).join('');
    text = text.replace(/chatHours:\n(?: {2}\w+: .*\n)+/, `chatHours:\n${allDay}`);
    text = text.replace(/closedDates: .*\n/, 'closedDates: []\nclosedOnPublicHolidays: false\n');
    if (!text.includes('closedOnPublicHolidays: false')) throw new Error(`could not rewrite ${file}`);
    await writeFile(profile, text);
  }
  return { directory, remove: () => rm(directory, { recursive: true, force: true }) };
}
