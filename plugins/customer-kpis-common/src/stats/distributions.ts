// The normal and Student t distributions that the intervals and significance tests need (no small isomorphic library has both).

/** The two-sided 95% quantile of the standard normal distribution, Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;

/** The significance level of every test: 5% (two-sided), i.e. 95% confidence. */
export const SIGNIFICANCE_LEVEL = 0.05;

/**
 * The complementary error function, by the Chebyshev fit of W. H. Press et al. (fractional error below 1.2e-7 everywhere):
 * enough for p-values that are compared with 0.05.
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t *
                          (-1.13520398 +
                            t *
                              (1.48851587 +
                                t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * Math.exp(poly);
  return x >= 0 ? value : 2 - value;
}

/** The standard normal cumulative distribution function Φ(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** The two-sided p-value of a standard normal test statistic. */
export function normalTwoSidedPValue(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028,
  771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7; about 15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) {
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const shifted = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) {
    sum += LANCZOS[i] / (shifted + i);
  }
  const t = shifted + 7.5;
  return (
    0.5 * Math.log(2 * Math.PI) +
    (shifted + 0.5) * Math.log(t) -
    t +
    Math.log(sum)
  );
}

/** The continued fraction of the incomplete beta function (modified Lentz), valid for x < (a + 1) / (a + b + 2). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let result = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    const even = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 / (Math.abs(1 + even * d) < tiny ? tiny : 1 + even * d);
    c = Math.abs(1 + even / c) < tiny ? tiny : 1 + even / c;
    result *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 / (Math.abs(1 + odd * d) < tiny ? tiny : 1 + odd * d);
    c = Math.abs(1 + odd / c) < tiny ? tiny : 1 + odd / c;
    const step = d * c;
    result *= step;
    if (Math.abs(step - 1) < 1e-15) {
      break;
    }
  }
  return result;
}

/** The regularised incomplete beta function I_x(a, b). */
export function regularizedIncompleteBeta(
  x: number,
  a: number,
  b: number,
): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(
    logGamma(a + b) -
      logGamma(a) -
      logGamma(b) +
      a * Math.log(x) +
      b * Math.log(1 - x),
  );
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** The two-sided p-value of a Student t statistic with `df` degrees of freedom (df may be fractional, as in Welch's test). */
export function studentTTwoSidedPValue(t: number, df: number): number {
  if (!Number.isFinite(t)) return 0;
  return regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
}

// Bisection costs about a hundred incomplete-beta evaluations; summaries ask for the same few df again and again.
const studentT95Cache = new Map<number, number>();
const STUDENT_T95_CACHE_LIMIT = 10_000;

/** The two-sided 95% quantile of Student's t with `df` degrees of freedom: the t with p-value 0.05 (by bisection). */
export function studentT95(df: number): number {
  if (!(df > 0)) {
    return Number.NaN;
  }
  const cached = studentT95Cache.get(df);
  if (cached !== undefined) return cached;
  const quantile = bisectStudentT95(df);
  if (studentT95Cache.size < STUDENT_T95_CACHE_LIMIT)
    studentT95Cache.set(df, quantile);
  return quantile;
}

function bisectStudentT95(df: number): number {
  let low = 0;
  let high = 1000;
  for (let i = 0; i < 100; i++) {
    const mid = (low + high) / 2;
    if (studentTTwoSidedPValue(mid, df) > SIGNIFICANCE_LEVEL) {
      low = mid;
    } else {
      high = mid;
    }
  }
  return (low + high) / 2;
}
