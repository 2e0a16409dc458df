/**
 * `npm run knowledge:export -- --out DIR [--version N]`: writes a published version's content
 * files into DIR exactly as published (default: the newest), from Redis (REDIS_URL) or
 * STUDIO_DATA_DIR, with the same configuration as the server.
 */
import { z } from 'zod';
import { openStudioStorage } from './assembly/open-studio-storage';
import { parseCommandLine, UsageError } from './knowledge-cli-arguments';
import { ConfigError, loadConfig } from './runtime/config';
import { exportVersion, KnowledgeTransferError } from './studio/knowledge-transfer';

const USAGE = 'usage: npm run knowledge:export -- --out DIR [--version N]';

const ArgsSchema = z.strictObject({
  out: z.string({ error: 'is required: the folder to write the files to' }).min(1),
  version: z.coerce.number().int().min(1).optional(),
});

async function main(): Promise<void> {
  const args = parseCommandLine(
    process.argv.slice(2),
    { out: { type: 'string' }, version: { type: 'string' } },
    ArgsSchema,
    USAGE,
  );
  const storage = await openStudioStorage(loadConfig());
  try {
    const version = await exportVersion(storage.versions, args.out, args.version);
    process.stdout.write(
      `Version ${version.number} (${Object.keys(version.files).length} files, fingerprint ${version.fingerprint.slice(0, 12)}, ` +
        `published ${version.publishedAt} by ${version.author}) is written to ${args.out}.\n`,
    );
  } finally {
    await storage.close();
  }
}

main().catch((error: unknown) => {
  const usage = error instanceof UsageError;
  const known = usage || error instanceof KnowledgeTransferError || error instanceof ConfigError;
  process.stderr.write(
    `${known ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(usage ? 2 : 1);
});
