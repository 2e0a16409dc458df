import type { z } from 'zod';
import { HttpError } from './http-error';

/** Validates a request's body, query or parameter with zod; bad input is a 400 naming each problem and where. */
export function parseRequestPart<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success)
    throw new HttpError(
      400,
      'bad_request',
      result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '),
    );
  return result.data;
}
