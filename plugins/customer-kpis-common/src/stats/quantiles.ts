// Exact duration statistics from raw values, by d3-array: the reference the histogram's estimates are held to.
import { mean, quantileSorted } from 'd3-array';

/** Median, 90th percentile and mean of raw durations (any unit), exact; nulls when there are none. */
export interface ExactDurationStatistics {
  n: number;
  p50: number | null;
  p90: number | null;
  mean: number | null;
}

// (n − 1)·p is not exact in binary floating point (9 × 0.9 = 8.100000000000001), which leaves noise such as
// 1583.9999999999995 for 1584; twelve significant digits are far beyond any duration's precision and remove it.
const clean = (value: number | undefined) =>
  value === undefined ? null : Number(value.toPrecision(12));

/**
 * Exact statistics of raw durations: quantiles by the linear method (R type 7, d3-array), the arithmetic mean;
 * rounded to twelve significant digits to drop floating-point noise.
 */
export function exactDurationStatistics(
  durations: readonly number[],
): ExactDurationStatistics {
  const sorted = [...durations].sort((a, b) => a - b);
  if (sorted.length === 0) {
    return { n: 0, p50: null, p90: null, mean: null };
  }
  return {
    n: sorted.length,
    p50: clean(quantileSorted(sorted, 0.5)),
    p90: clean(quantileSorted(sorted, 0.9)),
    mean: clean(mean(sorted)),
  };
}
