// The figures both duration KPIs derive from a histogram: quantiles, mean, median interval, share within target.
import {
  DurationHistogram,
  histogramCountAtMost,
  histogramLogMoments,
  histogramMean,
  histogramMedianInterval,
  histogramQuantiles,
} from '../stats/histogram';
import { wilsonPercentInterval } from '../stats/wilson';
import { percent } from './codec';

/** n, median, p90 and mean (minutes) of a histogram. */
export function durationFigures(histogram: DurationHistogram) {
  const [p50, p90] = histogramQuantiles(histogram, [0.5, 0.9]);
  return { n: histogram.count, p50, p90, mean: histogramMean(histogram) };
}

/**
 * The headline figures of a duration KPI: median as value with its order-statistic interval, p90, mean, the share
 * of `withinOf` at most `targetMinutes` (its Wilson interval), and the log moments that comparisons use.
 */
export function durationHeadline(
  histogram: DurationHistogram,
  targetMinutes: number,
  withinOf: number,
) {
  const figures = durationFigures(histogram);
  const medianInterval = histogramMedianInterval(histogram);
  const withinTarget = histogramCountAtMost(histogram, targetMinutes);
  const logMoments = histogramLogMoments(histogram);
  return {
    figures,
    interval: medianInterval
      ? {
          ...medianInterval,
          level: 0.95 as const,
          method: 'order-statistic' as const,
        }
      : undefined,
    secondary: {
      p50: figures.p50,
      p90: figures.p90,
      mean: figures.mean,
      targetMinutes,
      withinTarget,
      withinTargetPercent: percent(withinTarget, withinOf),
      withinTargetInterval:
        wilsonPercentInterval(withinTarget, withinOf) ?? null,
      logMean: logMoments.mean,
      logSd: logMoments.sd,
    },
  };
}
