import { DateTime } from 'luxon';
import { z } from 'zod';
import { DANISH_TIME_ZONE } from '../handoff/staffed-hours';

/** The longest range the figures cover in one request: a year and a month or so. */
export const MAX_RANGE_DAYS = 400;

const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'skal være en dato som 2026-12-01')
  .refine((text) => DateTime.fromISO(text, { zone: DANISH_TIME_ZONE }).isValid, 'er ikke en dato, der findes');

export const ScopeIdSchema = z
  .string()
  .regex(
    /^(municipality|queue):[a-z0-9][a-z0-9_-]{0,63}$/,
    'skal være municipality:<kommune> eller queue:<kø>, fx municipality:boegely',
  );

export const RangeQuerySchema = z
  .strictObject({ scope: ScopeIdSchema, from: DateSchema, to: DateSchema })
  .refine((q) => q.from <= q.to, { error: 'fra-datoen skal ligge før eller på til-datoen', path: ['to'] })
  .refine((q) => daysInRange(q.from, q.to) <= MAX_RANGE_DAYS, {
    error: `højst ${MAX_RANGE_DAYS} dage ad gangen`,
    path: ['to'],
  });
export type RangeQuery = z.infer<typeof RangeQuerySchema>;

export const CSV_TABLES = [
  'perDay',
  'perHourOfWeek',
  'topIntents',
  'topFacets',
  'handoffReasons',
  'weakIntents',
  'wrapUps',
  'totals',
] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

export const CsvQuerySchema = z
  .strictObject({
    scope: ScopeIdSchema,
    from: DateSchema,
    to: DateSchema,
    table: z.enum(CSV_TABLES, { error: `skal være en af ${CSV_TABLES.join(', ')}` }),
  })
  .refine((q) => q.from <= q.to, { error: 'fra-datoen skal ligge før eller på til-datoen', path: ['to'] })
  .refine((q) => daysInRange(q.from, q.to) <= MAX_RANGE_DAYS, {
    error: `højst ${MAX_RANGE_DAYS} dage ad gangen`,
    path: ['to'],
  });

export const ReportQuerySchema = z.strictObject({
  scope: ScopeIdSchema,
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'skal være en måned som 2026-11')
    .refine((m) => m >= '2000-01', 'skal være en måned som 2026-11'),
});

/** The first and last day of a month (YYYY-MM). */
export function monthRange(month: string): { from: string; to: string } {
  const start = DateTime.fromISO(`${month}-01`, { zone: DANISH_TIME_ZONE });
  return { from: start.toFormat('yyyy-MM-dd'), to: start.endOf('month').toFormat('yyyy-MM-dd') };
}

/** The start of `from` and the end of `to` in Copenhagen, as instants. */
export function rangeInstants(from: string, to: string): { start: Date; end: Date } {
  return {
    start: DateTime.fromISO(from, { zone: DANISH_TIME_ZONE }).toJSDate(),
    end: DateTime.fromISO(to, { zone: DANISH_TIME_ZONE }).plus({ days: 1 }).toJSDate(),
  };
}

function daysInRange(from: string, to: string): number {
  const days = DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days;
  return Number.isFinite(days) ? Math.round(days) + 1 : Number.POSITIVE_INFINITY;
}
