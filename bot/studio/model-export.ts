import { deserialize, serialize } from 'node:v8';
import { z } from 'zod';
import { TrainedClassifierExportSchema } from '../../intents/trained-classifier-export';

/** Raised when the shape changes, so that a stored model of an older shape is retrained, not misread. */
export const MODEL_EXPORT_FORMAT = 1;

/**
 * A trained classifier as stored beside the knowledge versions, keyed by the fingerprint of the
 * files it was trained from (knowledge-files.ts): an instance that switches to a published version
 * or starts on it imports this instead of training for half a minute.
 */
export const ModelExportSchema = z.strictObject({
  format: z.literal(MODEL_EXPORT_FORMAT),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  trainedAt: z.iso.datetime(),
  classifier: TrainedClassifierExportSchema,
});
export type ModelExport = z.infer<typeof ModelExportSchema>;

/**
 * v8's serialisation keeps the maps, sets and typed arrays as they are (JSON would not), and reads
 * back in tens of milliseconds.
 */
export function serialiseModelExport(exported: ModelExport): Buffer {
  return serialize(ModelExportSchema.parse(exported));
}

/**
 * The stored export, or why it cannot be used: bytes from another Node.js version or an older
 * format are not an error to stop for, the model is simply trained again.
 */
export function parseModelExport(bytes: Buffer): { export: ModelExport } | { unusable: string } {
  let value: unknown;
  try {
    value = deserialize(bytes);
  } catch (error) {
    return { unusable: `cannot be deserialised (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = ModelExportSchema.safeParse(value);
  return parsed.success
    ? { export: parsed.data }
    : { unusable: `has another shape (${parsed.error.issues.length} problems)` };
}
