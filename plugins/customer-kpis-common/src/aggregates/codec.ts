// Shared helpers of the aggregates: JSON text through a zod schema, count vectors, and percentages that say "no data".
import { z } from 'zod';
import { KpiId } from '../kpis/ids';
import { AggregateParseError, AggregateParseOptions } from './types';

/**
 * Parses aggregate text with a zod schema, turning every failure into an {@link AggregateParseError}. With
 * `trusted` (text the engine serialised itself, read back from the store) the schema is not run: the JSON is taken
 * as it is, which is why no aggregate schema transforms its input.
 */
export function parseAggregateText<T>(
  kpi: KpiId,
  text: string,
  schema: z.ZodType<T>,
  options: AggregateParseOptions = {},
): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AggregateParseError(
      kpi,
      `not JSON (${(error as Error).message})`,
    );
  }
  if (options.trusted) return json as T;
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AggregateParseError(
      kpi,
      `${issue.path.join('.') || 'aggregate'}: ${issue.message}`,
    );
  }
  return result.data;
}

/** A zod schema of a vector of `length` non-negative integer counts. */
export function countVectorSchema(length: number) {
  return z.array(z.number().int().min(0)).length(length);
}

/** `counts` with `delta` added at `index`; throws a RangeError if a count would fall below zero. */
export function adjustCount(
  counts: readonly number[],
  index: number,
  delta: 1 | -1,
): number[] {
  const next = [...counts];
  next[index] += delta;
  if (next[index] < 0) {
    throw new RangeError(
      'cannot remove an observation that the aggregate does not hold',
    );
  }
  return next;
}

/** The element-wise sum of two count vectors of the same length. */
export function addCounts(
  a: readonly number[],
  b: readonly number[],
): number[] {
  return a.map((count, i) => count + b[i]);
}

/** The sum of a count vector. */
export function total(counts: readonly number[]): number {
  return counts.reduce((sum, count) => sum + count, 0);
}

/** part ÷ whole × 100, or null when whole is 0 ("no data", never 0). */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? (part / whole) * 100 : null;
}
