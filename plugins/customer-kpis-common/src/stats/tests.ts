// Significance tests for a change between two periods: two proportions, two NPS values, two means (Welch).
import { normalTwoSidedPValue, studentTTwoSidedPValue } from './distributions';
import { NpsCounts } from './nps';

/** The outcome of a test of "no difference": its statistic and two-sided p-value. */
export interface TestResult {
  statistic: number;
  pValue: number;
  /** Degrees of freedom (t tests). */
  df?: number;
}

/** The result when neither sample varies: a difference is certain (p = 0), no difference is no change (p = 1). */
function certain(difference: number): TestResult {
  return difference === 0
    ? { statistic: 0, pValue: 1 }
    : { statistic: Math.sign(difference) * Infinity, pValue: 0 };
}

/**
 * The two-proportion z-test with the pooled proportion under the null hypothesis (equivalent to the 2×2 χ² test
 * without continuity correction). Null when a group is empty.
 */
export function twoProportionZTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
): TestResult | null {
  if (n1 === 0 || n2 === 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const difference = x2 / n2 - x1 / n1;
  if (se === 0) return { statistic: 0, pValue: 1 };
  const z = difference / se;
  return { statistic: z, pValue: normalTwoSidedPValue(z) };
}

/**
 * The z-test of the difference of two independent NPS values: each answer scores +1/0/−1, so
 * Var(NPS) = ((p + d) − (p − d)²) / n and the two variances add. Null when a group is empty.
 */
export function npsDifferenceTest(
  previous: NpsCounts,
  current: NpsCounts,
): TestResult | null {
  const moments = (c: NpsCounts) => {
    const n = c.promoters + c.passives + c.detractors;
    const score = (c.promoters - c.detractors) / n;
    return {
      n,
      score,
      variance: (c.promoters + c.detractors) / n - score * score,
    };
  };
  const a = moments(previous);
  const b = moments(current);
  if (a.n === 0 || b.n === 0) return null;
  const se = Math.sqrt(a.variance / a.n + b.variance / b.n);
  // No spread in either period: any difference is certain, none is no change.
  if (se === 0) return certain(b.score - a.score);
  const z = (b.score - a.score) / se;
  return { statistic: z, pValue: normalTwoSidedPValue(z) };
}

/** A sample's mean, sample standard deviation and size. */
export interface SampleMoments {
  mean: number;
  sd: number;
  n: number;
}

/**
 * Welch's t-test of two means with unequal variances, degrees of freedom by Welch–Satterthwaite.
 * Null when either sample has fewer than 2 values.
 */
export function welchTTest(
  previous: SampleMoments,
  current: SampleMoments,
): TestResult | null {
  if (previous.n < 2 || current.n < 2) return null;
  const va = (previous.sd * previous.sd) / previous.n;
  const vb = (current.sd * current.sd) / current.n;
  const difference = current.mean - previous.mean;
  if (va + vb === 0) return certain(difference);
  const t = difference / Math.sqrt(va + vb);
  const df =
    (va + vb) ** 2 /
    ((va * va) / (previous.n - 1) + (vb * vb) / (current.n - 1));
  return { statistic: t, pValue: studentTTwoSidedPValue(t, df), df };
}
