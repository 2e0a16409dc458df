/**
 * `npm run knowledge:import -- --from DIR --comment "…" [--author NAME]`: validates a knowledge
 * folder with the knowledge loader and publishes it as a new version in Redis (REDIS_URL) or
 * STUDIO_DATA_DIR, with the same configuration as the server. A folder with problems is refused
 * with every problem listed and exit code 1; nothing is published then.
 */
import os from 'node:os';
import { z } from 'zod';
import { openStudioStorage } from './assembly/open-studio-storage';
import { parseCommandLine, UsageError } from './knowledge-cli-arguments';
import { ConfigError, loadConfig } from './runtime/config';
import { VersionConflictError } from './studio/knowledge-version-store';
import { importFolder, KnowledgeTransferError } from './studio/knowledge-transfer';

const USAGE = 'usage: npm run knowledge:import -- --from DIR --comment "what changed" [--author NAME]';

const ArgsSchema = z.strictObject({
  from: z.string({ error: 'is required: the knowledge folder to publish' }).min(1),
  comment: z
    .string({ error: 'is required: say what changed (shown in the version list)' })
    .trim()
    .min(1, 'must not be empty')
    .max(500),
  author: z.string().trim().min(1).max(64).optional(),
});

/** Who ran the command, when no --author is given. */
function defaultAuthor(): string {
  const name = os.userInfo().username.slice(0, 64);
  return name === '' ? 'knowledge-import' : name;
}

async function main(): Promise<void> {
  const args = parseCommandLine(
    process.argv.slice(2),
    { from: { type: 'string' }, comment: { type: 'string' }, author: { type: 'string' } },
    ArgsSchema,
    USAGE,
  );
  const storage = await openStudioStorage(loadConfig());
  try {
    const version = await importFolder(storage, {
      directory: args.from,
      comment: args.comment,
      author: args.author ?? defaultAuthor(),
    });
    process.stdout.write(
      `Published ${args.from} as version ${version.number} (${Object.keys(version.files).length} files, ` +
        `fingerprint ${version.fingerprint.slice(0, 12)}). Running instances switch to it as after a studio publish.\n`,
    );
  } finally {
    await storage.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof VersionConflictError) {
    process.stderr.write(
      `Der blev udgivet en anden version imens; intet er udgivet, prøv igen (another version was published meanwhile; nothing was published, try again).\n`,
    );
    process.exit(1);
  }
  const usage = error instanceof UsageError;
  const known = usage || error instanceof KnowledgeTransferError || error instanceof ConfigError;
  process.stderr.write(
    `${known ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(usage ? 2 : 1);
});
