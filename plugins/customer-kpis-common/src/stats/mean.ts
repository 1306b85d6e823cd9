// Means of answer scales from counts, with the standard deviation and the Student t 95% interval of the mean.
import { studentT95 } from './distributions';
import { Interval } from './wilson';

/** The mean of a scale's answers, their sample standard deviation and the t interval of the mean. */
export interface MeanResult {
  n: number;
  mean: number | null;
  /** Sample standard deviation (n − 1 in the denominator); null with fewer than two answers. */
  sd: number | null;
  /** mean ± t(0.975, n − 1) · sd / √n; null with fewer than two answers. */
  interval: Interval | null;
}

/**
 * Mean, standard deviation and 95% interval of answers given as counts per answer value:
 * `counts[i]` answers of value `firstValue + i`.
 */
export function meanFromCounts(
  counts: readonly number[],
  firstValue: number,
): MeanResult {
  let n = 0;
  let sum = 0;
  counts.forEach((count, i) => {
    n += count;
    sum += count * (firstValue + i);
  });
  if (n === 0) {
    return { n, mean: null, sd: null, interval: null };
  }
  const mean = sum / n;
  if (n < 2) {
    return { n, mean, sd: null, interval: null };
  }
  let squares = 0;
  counts.forEach((count, i) => {
    squares += count * (firstValue + i - mean) ** 2;
  });
  const sd = Math.sqrt(squares / (n - 1));
  const half = (studentT95(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, interval: { low: mean - half, high: mean + half } };
}
