/**
 * Part of `npm run build`: brotli and gzip copies of the Web Chat bundle and of webchat/'s
 * scripts, styles and pages, in dist/precompressed/ (see bot/http/precompressed-files.ts).
 * Unchanged files keep their copies, so only the first build pays for the bundle (≈ 12 s).
 */
import { performance } from 'node:perf_hooks';
import { precompressFiles } from '../http/precompressed-files';
import { filesToPrecompress } from './widget-files';

async function main(): Promise<void> {
  const started = performance.now();
  const results = await precompressFiles(filesToPrecompress());
  const made = results.filter((r) => r.made);
  const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
  // stderr: `npm run eval -- --json` and `staff:hash-password` build first and keep stdout for their output.
  for (const r of made)
    process.stderr.write(`precompressed ${r.file}: ${kb(r.bytes)} → br ${kb(r.br)}, gzip ${kb(r.gzip)}\n`);
  process.stderr.write(
    `precompressed static files: ${made.length} new, ${results.length - made.length} unchanged (${Math.round(performance.now() - started)} ms)\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Precompressing static files failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
