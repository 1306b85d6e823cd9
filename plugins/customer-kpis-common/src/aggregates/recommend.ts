// The NPS aggregate: answers counted per score 0–10; NPS, its variance and intervals derive from the counts.
import { z } from 'zod';
import { RecommendObservation } from '../observations/schemas';
import { computeNps, npsCountsFromDistribution } from '../stats/nps';
import {
  addCounts,
  adjustCount,
  countVectorSchema,
  parseAggregateText,
  percent,
  total,
} from './codec';
import { KpiAggregator } from './types';

/** Answers per score: `counts[s]` answers of score s (0–10). */
export interface RecommendAggregate {
  counts: readonly number[];
}

const jsonSchema = z.object({ v: z.literal(1), c: countVectorSchema(11) });

/** The NPS aggregate. The headline interval is the adjusted-Wald 95% interval; the plain Wald one is secondary. */
export const recommendAggregator: KpiAggregator<
  RecommendObservation,
  RecommendAggregate
> = {
  kpi: 'recommend',
  empty: () => ({ counts: new Array(11).fill(0) }),
  add: (aggregate, observation) => ({
    counts: adjustCount(aggregate.counts, observation.score, 1),
  }),
  remove: (aggregate, observation) => ({
    counts: adjustCount(aggregate.counts, observation.score, -1),
  }),
  merge: (a, b) => ({ counts: addCounts(a.counts, b.counts) }),
  count: aggregate => total(aggregate.counts),
  serialise: aggregate => JSON.stringify({ v: 1, c: aggregate.counts }),
  parse: text => ({
    counts: parseAggregateText('recommend', text, jsonSchema).c,
  }),
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
