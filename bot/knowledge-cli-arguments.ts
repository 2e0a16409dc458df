import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';

/** A mistake on the command line: exit code 2 with the usage, as the other CLIs do. */
export class UsageError extends Error {
  constructor(message: string, usage: string) {
    super(`${message}\n${usage}`);
    this.name = 'UsageError';
  }
}

/** Parses `--name value` options strictly and validates them with a schema; a UsageError names every problem. */
export function parseCommandLine<S extends z.ZodType>(
  argv: readonly string[],
  options: NonNullable<ParseArgsConfig['options']>,
  schema: S,
  usage: string,
): z.infer<S> {
  let values: unknown;
  try {
    values = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), usage);
  }
  const result = schema.safeParse(values);
  if (!result.success)
    throw new UsageError(
      result.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('\n'),
      usage,
    );
  return result.data;
}
