import { z } from 'zod';
import { DraftFileSchema, type DraftChange, type DraftFile } from './draft-store';

/** A revision a caller names: 0 (no draft yet) or a saved revision. */
export const ExpectedRevisionSchema = z.number().int().min(0);

/** The saved form of a change made on `expectedRevision`; throws a ZodError for invalid input. */
export function nextDraft(change: DraftChange, expectedRevision: number): DraftFile {
  const expected = ExpectedRevisionSchema.parse(expectedRevision);
  return DraftFileSchema.parse({ ...change, revision: expected + 1 });
}

/** The files a publish took, validated: settle must not drop drafts on the strength of bad input. */
export const PublishedRevisionsSchema = z.array(
  z.object({ path: DraftFileSchema.shape.path, revision: DraftFileSchema.shape.revision }),
);
