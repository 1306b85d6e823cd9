// Net Promoter Score from counts, with its variance and the Wald and adjusted-Wald 95% intervals.
import { Z_95 } from './distributions';
import { Interval } from './wilson';

/** The three NPS groups: promoters answer 9–10, passives 7–8, detractors 0–6. */
export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

/** NPS and its uncertainty, in NPS points (−100…100). */
export interface NpsResult {
  n: number;
  /** % promoters − % detractors; null when n = 0. */
  nps: number | null;
  /** Variance of one answer scored +1/0/−1: (p + d) − (p − d)². */
  variance: number | null;
  /** Half-width of the Wald 95% interval, in points. */
  marginOfError: number | null;
  /** NPS ± margin of error, clamped to [−100, 100]. */
  wald: Interval | null;
  /** Adjusted Wald: ¾ added to promoters and to detractors and 3 to n before the Wald formula; clamped. */
  adjustedWald: Interval | null;
}

const clampNps = (value: number) => Math.min(100, Math.max(-100, value));

function waldInterval(promoters: number, detractors: number, n: number) {
  const p = promoters / n;
  const d = detractors / n;
  const score = p - d;
  const variance = p + d - score * score;
  const half = Z_95 * Math.sqrt(variance / n);
  return { score, variance, half };
}

/** Groups 0–10 answer counts (index = answer) into promoters, passives and detractors. */
export function npsCountsFromDistribution(
  distribution: readonly number[],
): NpsCounts {
  const sum = (from: number, to: number) =>
    distribution.slice(from, to + 1).reduce((a, b) => a + b, 0);
  return { detractors: sum(0, 6), passives: sum(7, 8), promoters: sum(9, 10) };
}

/** Computes NPS from counts (never from rounded percentages), with its variance and intervals. */
export function computeNps(counts: NpsCounts): NpsResult {
  const n = counts.promoters + counts.passives + counts.detractors;
  if (n === 0) {
    return {
      n,
      nps: null,
      variance: null,
      marginOfError: null,
      wald: null,
      adjustedWald: null,
    };
  }
  const plain = waldInterval(counts.promoters, counts.detractors, n);
  const adjusted = waldInterval(
    counts.promoters + 0.75,
    counts.detractors + 0.75,
    n + 3,
  );
  return {
    n,
    nps: plain.score * 100,
    variance: plain.variance,
    marginOfError: plain.half * 100,
    wald: {
      low: clampNps((plain.score - plain.half) * 100),
      high: clampNps((plain.score + plain.half) * 100),
    },
    adjustedWald: {
      low: clampNps((adjusted.score - adjusted.half) * 100),
      high: clampNps((adjusted.score + adjusted.half) * 100),
    },
  };
}
