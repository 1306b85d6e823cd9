// The NPS aggregate: answers counted per score 0–10; NPS, its variance and intervals derive from the counts.
import { RecommendObservation } from '../observations/schemas';
import { computeNps, npsCountsFromDistribution } from '../stats/nps';
import { percent } from './codec';
import { answerCountsAggregator } from './answerCounts';
import { KpiAggregator } from './types';

/** Answers per score: `counts[s]` answers of score s (0–10). */
export interface RecommendAggregate {
  counts: readonly number[];
}

/** The NPS aggregate. The headline interval is the adjusted-Wald 95% interval; the plain Wald one is secondary. */
export const recommendAggregator: KpiAggregator<
  RecommendObservation,
  RecommendAggregate
> = {
  ...answerCountsAggregator<'recommend', RecommendObservation>(
    'recommend',
    11,
    observation => observation.score,
  ),
  summarise(aggregate) {
    const groups = npsCountsFromDistribution(aggregate.counts);
    const nps = computeNps(groups);
    return {
      kpi: 'recommend',
      n: nps.n,
      value: nps.nps,
      unit: 'nps',
      ...(nps.adjustedWald && {
        interval: {
          ...nps.adjustedWald,
          level: 0.95 as const,
          method: 'adjusted-wald' as const,
        },
      }),
      secondary: {
        ...groups,
        promoterPercent: percent(groups.promoters, nps.n),
        passivePercent: percent(groups.passives, nps.n),
        detractorPercent: percent(groups.detractors, nps.n),
        distribution: [...aggregate.counts],
        variance: nps.variance,
        marginOfError: nps.marginOfError,
        wald: nps.wald,
      },
    };
  },
};
