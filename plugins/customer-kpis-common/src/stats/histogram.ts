// A mergeable, subtractable log-scale histogram of durations: quantiles to a stated relative error, the mean exactly.
import { z } from 'zod';
import { Z_95 } from './distributions';
import { Interval } from './wilson';

/**
 * The relative error of every quantile read from a {@link DurationHistogram}: 1%. A positive duration x falls in the
 * bucket i = ⌈log_γ x⌉ with γ = (1 + α) / (1 − α); the bucket's representative 2γⁱ / (γ + 1) is within α·x of every
 * duration in it, and a linear interpolation between two such values keeps the bound.
 */
export const DURATION_HISTOGRAM_RELATIVE_ERROR = 0.01;

const GAMMA =
  (1 + DURATION_HISTOGRAM_RELATIVE_ERROR) /
  (1 - DURATION_HISTOGRAM_RELATIVE_ERROR);
const LOG_GAMMA = Math.log(GAMMA);
const MS_PER_MINUTE = 60000;

/**
 * Sufficient statistics of a set of durations. Durations enter as whole milliseconds so that the sum is an exact
 * integer (merge stays associative, the mean exact); quantiles are reported in minutes. Zero durations have their own
 * count. `buckets` never holds a zero count, so equal sets of durations give deep-equal histograms.
 */
export interface DurationHistogram {
  /** Number of durations, zeros included. */
  count: number;
  /** Number of zero durations. */
  zeros: number;
  /** Exact sum of the durations in milliseconds. */
  sumMs: number;
  /** Bucket index (as a string key) → number of positive durations in it. */
  buckets: Readonly<Record<string, number>>;
}

/** The histogram of no durations. */
export function emptyHistogram(): DurationHistogram {
  return { count: 0, zeros: 0, sumMs: 0, buckets: {} };
}

/** The bucket index of a positive duration in minutes. */
export function bucketIndex(minutes: number): number {
  return Math.ceil(Math.log(minutes) / LOG_GAMMA);
}

/** The representative duration, in minutes, of a bucket: within the relative error of every duration in it. */
export function bucketValue(index: number): number {
  return (2 * GAMMA ** index) / (GAMMA + 1);
}

// ln(1 + value) of the buckets seen so far: log moments read it for every bucket of every summary.
const logValues = new Map<number, number>();

/** ln(1 + bucketValue(index)), memoised (from 1 ms to the largest safe duration there are fewer than 2,000 indices). */
function logBucketValue(index: number): number {
  let value = logValues.get(index);
  if (value === undefined) {
    value = Math.log1p(bucketValue(index));
    logValues.set(index, value);
  }
  return value;
}

/** Converts minutes to whole milliseconds, the unit the histogram adds up. */
export function minutesToMs(minutes: number): number {
  return Math.round(minutes * MS_PER_MINUTE);
}

function adjust(
  histogram: DurationHistogram,
  ms: number,
  sign: 1 | -1,
): DurationHistogram {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new RangeError(
      `duration must be a whole number of milliseconds ≥ 0, got ${ms}`,
    );
  }
  const buckets = { ...histogram.buckets };
  let zeros = histogram.zeros;
  if (ms === 0) {
    zeros += sign;
  } else {
    const key = String(bucketIndex(ms / MS_PER_MINUTE));
    const next = (buckets[key] ?? 0) + sign;
    if (next < 0) {
      throw new RangeError(
        'cannot remove a duration that the histogram does not hold',
      );
    }
    if (next === 0) delete buckets[key];
    else buckets[key] = next;
  }
  if (zeros < 0) {
    throw new RangeError(
      'cannot remove a duration that the histogram does not hold',
    );
  }
  return {
    count: histogram.count + sign,
    zeros,
    sumMs: histogram.sumMs + sign * ms,
    buckets,
  };
}

/** Adds one duration (whole milliseconds ≥ 0). */
export function histogramAdd(
  histogram: DurationHistogram,
  ms: number,
): DurationHistogram {
  return adjust(histogram, ms, 1);
}

/** Removes one duration added before; throws a RangeError if the histogram cannot hold it. */
export function histogramRemove(
  histogram: DurationHistogram,
  ms: number,
): DurationHistogram {
  return adjust(histogram, ms, -1);
}

/** The histogram of the durations of both. */
export function histogramMerge(
  a: DurationHistogram,
  b: DurationHistogram,
): DurationHistogram {
  const buckets: Record<string, number> = { ...a.buckets };
  for (const [key, count] of Object.entries(b.buckets)) {
    buckets[key] = (buckets[key] ?? 0) + count;
  }
  return {
    count: a.count + b.count,
    zeros: a.zeros + b.zeros,
    sumMs: a.sumMs + b.sumMs,
    buckets,
  };
}

// Histograms are never mutated, so the sorted buckets of one are computed once for all the figures of a summary.
const sortedCache = new WeakMap<DurationHistogram, Array<[number, number]>>();

/** The (index, count) pairs of the positive buckets, ascending (shared: callers must not change the array). */
function sortedBuckets(histogram: DurationHistogram): Array<[number, number]> {
  let sorted = sortedCache.get(histogram);
  if (!sorted) {
    sorted = Object.entries(histogram.buckets)
      .map(([key, count]): [number, number] => [Number(key), count])
      .sort((x, y) => x[0] - y[0]);
    sortedCache.set(histogram, sorted);
  }
  return sorted;
}

/** A reader of order statistics: the (estimated) duration in minutes at 0-based rank r. */
function rankReader(histogram: DurationHistogram): (rank: number) => number {
  const buckets = sortedBuckets(histogram);
  return rank => {
    if (rank < histogram.zeros) return 0;
    let seen = histogram.zeros;
    for (const [index, count] of buckets) {
      seen += count;
      if (rank < seen) return bucketValue(index);
    }
    return bucketValue(buckets[buckets.length - 1][0]);
  };
}

/**
 * Quantiles in minutes by the linear method (R type 7, as d3-array): the value at rank (n − 1)·p, interpolating
 * between neighbours; each within {@link DURATION_HISTOGRAM_RELATIVE_ERROR} of the exact quantile. Null when empty.
 */
export function histogramQuantiles(
  histogram: DurationHistogram,
  ps: readonly number[],
): Array<number | null> {
  if (histogram.count === 0) {
    return ps.map(() => null);
  }
  const valueAt = rankReader(histogram);
  return ps.map(p => {
    const h = (histogram.count - 1) * Math.min(1, Math.max(0, p));
    const low = Math.floor(h);
    const fraction = h - low;
    const lowValue = valueAt(low);
    return fraction === 0
      ? lowValue
      : lowValue + fraction * (valueAt(low + 1) - lowValue);
  });
}

/** The exact mean in minutes; null when empty. */
export function histogramMean(histogram: DurationHistogram): number | null {
  return histogram.count === 0
    ? null
    : histogram.sumMs / histogram.count / MS_PER_MINUTE;
}

/**
 * How many durations are at most `minutes`. Exact except for the durations in the target's own bucket, which all
 * count as within: a duration up to about 2% above the target may be counted.
 */
export function histogramCountAtMost(
  histogram: DurationHistogram,
  minutes: number,
): number {
  if (minutes < 0) return 0;
  if (minutes === 0) return histogram.zeros;
  const limit = bucketIndex(minutes);
  let count = histogram.zeros;
  for (const [index, bucketCount] of sortedBuckets(histogram)) {
    if (index > limit) break;
    count += bucketCount;
  }
  return count;
}

/**
 * A distribution-free 95% interval of the median from order statistics (ranks n/2 ∓ 1.96·√n/2), read from the
 * histogram; null below 6 durations, where even [min, max] covers less than 95%.
 */
export function histogramMedianInterval(
  histogram: DurationHistogram,
): Interval | null {
  const n = histogram.count;
  if (n < 6) return null;
  const spread = (Z_95 * Math.sqrt(n)) / 2;
  const lowRank = Math.max(1, Math.floor(n / 2 - spread));
  const highRank = Math.min(n, Math.ceil(1 + n / 2 + spread));
  const valueAt = rankReader(histogram);
  return { low: valueAt(lowRank - 1), high: valueAt(highRank - 1) };
}

/**
 * Mean and sample standard deviation of ln(1 + minutes), from the bucket representatives: the scale on which the
 * comparison of two periods tests durations (they are skewed; their logarithms are roughly normal).
 */
export function histogramLogMoments(histogram: DurationHistogram): {
  mean: number | null;
  sd: number | null;
} {
  const n = histogram.count;
  if (n === 0) return { mean: null, sd: null };
  const buckets = sortedBuckets(histogram);
  let sum = 0;
  for (const [index, count] of buckets) sum += count * logBucketValue(index);
  const mean = sum / n;
  if (n < 2) return { mean, sd: null };
  let squares = histogram.zeros * mean * mean;
  for (const [index, count] of buckets)
    squares += count * (logBucketValue(index) - mean) ** 2;
  return { mean, sd: Math.sqrt(squares / (n - 1)) };
}

const countSchema = z.number().int().min(0);

/** The compact JSON form of a histogram: `{ n, z, s, b: [[index, count], …] }`, buckets ascending. */
export function histogramToJson(histogram: DurationHistogram) {
  return {
    n: histogram.count,
    z: histogram.zeros,
    s: histogram.sumMs,
    b: [...sortedBuckets(histogram)],
  };
}

/** The JSON form of a histogram, as {@link histogramToJson} writes it. */
export type HistogramJson = ReturnType<typeof histogramToJson>;

/** A histogram from its JSON form (checked by {@link histogramJsonSchema}, or trusted). */
export function histogramFromJson(json: HistogramJson): DurationHistogram {
  const buckets: Record<string, number> = {};
  for (const [index, count] of json.b) buckets[index] = count;
  const histogram = { count: json.n, zeros: json.z, sumMs: json.s, buckets };
  // The JSON lists the buckets ascending already: the figures of a summary need not sort them again.
  sortedCache.set(
    histogram,
    json.b.map(([index, count]): [number, number] => [index, count]),
  );
  return histogram;
}

/** The zod schema of {@link histogramToJson}'s output: buckets ascending, each once, and the counts adding up. */
export const histogramJsonSchema = z
  .object({
    n: countSchema,
    z: countSchema,
    s: countSchema,
    b: z.array(z.tuple([z.number().int(), countSchema.min(1)])),
  })
  .superRefine((json, ctx) => {
    let total = json.z;
    json.b.forEach(([index, count], i) => {
      if (i > 0 && index <= json.b[i - 1][0]) {
        ctx.addIssue({
          code: 'custom',
          message: `histogram bucket ${index} is out of order or appears twice`,
        });
      }
      total += count;
    });
    if (total !== json.n) {
      ctx.addIssue({
        code: 'custom',
        message: 'histogram count must equal zeros plus the bucket counts',
      });
    }
  });
