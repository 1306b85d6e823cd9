// The Wilson score interval for proportions (CSAT, % easy, % within target, retention): honest at small n and near 0 or 1.
import { Z_95 } from './distributions';

/** A 95% interval on the scale of the value it accompanies. */
export interface Interval {
  low: number;
  high: number;
}

/**
 * The Wilson 95% score interval of `successes` out of `n`, as proportions in [0, 1]; `undefined` when n = 0.
 * Unlike the plain Wald interval it never leaves [0, 1] and does not collapse to a point at 0% or 100%.
 */
export function wilsonInterval(
  successes: number,
  n: number,
  z: number = Z_95,
): Interval | undefined {
  if (n <= 0) {
    return undefined;
  }
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth =
    (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    low: Math.max(0, centre - halfWidth),
    high: Math.min(1, centre + halfWidth),
  };
}

/** The Wilson 95% interval in percent (0–100); `undefined` when n = 0. */
export function wilsonPercentInterval(
  successes: number,
  n: number,
): Interval | undefined {
  const interval = wilsonInterval(successes, n);
  return interval && { low: interval.low * 100, high: interval.high * 100 };
}
