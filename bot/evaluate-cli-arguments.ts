import { parseArgs } from 'node:util';
import { z } from 'zod';
import { EvaluationFileError } from '../intents/evaluation/labelled-message';

export const EVALUATE_USAGE =
  'usage: npm run eval -- (FILE.jsonl | --checks) [--json] [--baselines] [--cross-validate [--folds 5] [--tune]] [--knowledge DIR] [--settings FILE]';

const EvaluateArgumentsSchema = z.object({
  files: z.array(z.string()).max(1, 'give one evaluation file'),
  /** Measure the knowledge base's held-out check sentences (`checks:`) instead of a file. */
  checks: z.boolean(),
  json: z.boolean(),
  baselines: z.boolean(),
  tune: z.boolean(),
  folds: z.number().int().min(2).max(20).optional(),
  knowledge: z.string().optional(),
  settings: z.string().optional(),
});
export type EvaluateArguments = z.infer<typeof EvaluateArgumentsSchema>;

/** `npm run eval`'s command line, checked; a mistake is an EvaluationFileError that ends with the usage (exit code 2). */
export function parseEvaluateArguments(argv: readonly string[]): EvaluateArguments {
  const usageError = (message: string) => new EvaluationFileError(`${message}\n${EVALUATE_USAGE}`);
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const result = EvaluateArgumentsSchema.safeParse({
    files: positionals,
    checks: values.checks,
    json: values.json,
    baselines: values.baselines,
    tune: values.tune,
    folds: values['cross-validate'] ? Number(values.folds ?? 5) : undefined,
    knowledge: values.knowledge,
    settings: values.settings,
  });
  if (!result.success)
    throw usageError(
      result.error.issues
        .map((issue) => `${issue.path[0] === 'files' ? 'FILE' : `--${String(issue.path[0])}`}: ${issue.message}`)
        .join('\n'),
    );
  const args = result.data;
  if (args.checks && args.files.length > 0) throw usageError('give an evaluation file or --checks, not both');
  if (args.files.length === 0 && !args.checks && args.folds === undefined)
    throw usageError('give an evaluation file, --checks or --cross-validate');
  if (args.baselines && args.files.length === 0 && !args.checks)
    throw usageError('--baselines needs an evaluation file or --checks');
  if (args.tune && args.folds === undefined) throw usageError('--tune needs --cross-validate');
  return args;
}

function parseOptions(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      checks: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      baselines: { type: 'boolean', default: false },
      tune: { type: 'boolean', default: false },
      'cross-validate': { type: 'boolean', default: false },
      folds: { type: 'string' },
      knowledge: { type: 'string' },
      settings: { type: 'string' },
    },
  });
}
