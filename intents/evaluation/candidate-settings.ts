import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { ClassifierSettings } from '../intent-classifier';
import { DEFAULT_DECISION_POLICY, DecisionPolicySchema } from '../intent-decision';
import { DEFAULT_ENSEMBLE_WEIGHTS } from '../intent-ensemble';
import { EvaluationFileError } from './labelled-message';

/**
 * A candidate decision policy and ensemble weights to measure (`npm run eval -- … --settings FILE`), written
 * as changes to the defaults: `{"weights": {"noneWeight": 2, "voices": {"network": 0}}}`. For measuring a
 * change before adopting it in intent-decision.ts or intent-ensemble.ts, never for running the assistant.
 */
export const CandidateSettingsSchema = z.strictObject({
  policy: DecisionPolicySchema.partial().optional(),
  weights: z
    .strictObject({
      temperature: z.number().positive().max(10),
      noneWeight: z.number().min(0).max(100),
      voices: z
        .strictObject({
          network: z.number().min(0),
          nearest: z.number().min(0),
          centroid: z.number().min(0),
          logistic: z.number().min(0),
        })
        .partial(),
    })
    .partial()
    .optional(),
});
export type CandidateSettings = z.infer<typeof CandidateSettingsSchema>;

/** The defaults with the candidate's changes; refuses a candidate whose voices all weigh nothing. */
export function classifierSettingsOf(candidate: CandidateSettings): Required<ClassifierSettings> {
  const voices = { ...DEFAULT_ENSEMBLE_WEIGHTS.voices, ...candidate.weights?.voices };
  if (Object.values(voices).every((weight) => weight === 0))
    throw new EvaluationFileError('settings: at least one voice must have a weight above 0');
  return {
    policy: { ...DEFAULT_DECISION_POLICY, ...candidate.policy },
    weights: { ...DEFAULT_ENSEMBLE_WEIGHTS, ...candidate.weights, voices },
  };
}

export async function readCandidateSettings(file: string): Promise<Required<ClassifierSettings>> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    const reason =
      typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
        ? error.code
        : String(error);
    throw new EvaluationFileError(`cannot read ${file}: ${reason}`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new EvaluationFileError(
      `${file} is not JSON: ${error instanceof SyntaxError ? error.message : String(error)}`,
    );
  }
  const parsed = CandidateSettingsSchema.safeParse(json);
  if (!parsed.success) throw new EvaluationFileError(`${file}: ${parsed.error.message}`);
  return classifierSettingsOf(parsed.data);
}
