// The time windows the API accepts ("30d", "90d", "12m"…) and the standard ones kept current by the backend.
import { z } from 'zod';

/** The windows whose summaries the backend keeps current as data arrives, in days. */
export const STANDARD_WINDOW_DAYS = [30, 90, 365] as const;

/**
 * How a `window` query parameter spells the standard windows (30, 90 and 365 days): the windows the frontend offers,
 * whose summaries are kept current.
 */
export type StandardWindowParam = '30d' | '90d' | '12m';

/** The standard windows as a `window` parameter spells them, shortest first: what the frontend offers. */
export const STANDARD_WINDOW_PARAMS: readonly StandardWindowParam[] = [
  '30d',
  '90d',
  '12m',
];

/** The longest window a request may ask for, in days. */
export const MAX_WINDOW_DAYS = 730;

/** Reads "30d", "12w", "12m" or "1y" as a number of days (a month is 30 days, "12m" and "1y" are 365). */
export function parseWindowDays(text: string): number | undefined {
  const match = /^(\d{1,4})([dwmy])$/.exec(text.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  let days: number;
  if (match[2] === 'd') days = amount;
  else if (match[2] === 'w') days = amount * 7;
  else if (match[2] === 'y') days = amount * 365;
  else days = amount % 12 === 0 ? (amount / 12) * 365 : amount * 30;
  return days >= 1 && days <= MAX_WINDOW_DAYS ? days : undefined;
}

/** A window query parameter, parsed to days. */
export const windowParamSchema = z.string().transform((text, ctx) => {
  const days = parseWindowDays(text);
  if (days === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `must be a duration such as 30d, 12w or 12m, at most ${MAX_WINDOW_DAYS} days`,
    });
    return z.NEVER;
  }
  return days;
});

/** An inclusive range of UTC days, 'YYYY-MM-DD'. */
export const dayRangeSchema = z.object({
  from: z.string(),
  to: z.string(),
  days: z.number().int().min(1),
});

/** An inclusive range of UTC days. */
export type DayRange = z.infer<typeof dayRangeSchema>;
