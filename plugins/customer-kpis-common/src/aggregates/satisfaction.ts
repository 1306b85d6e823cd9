// The CSAT aggregate: answers counted per score 1–5; % satisfied (4–5) with its Wilson interval, and the mean.
import { SatisfactionObservation } from '../observations/schemas';
import { meanFromCounts } from '../stats/mean';
import { wilsonPercentInterval } from '../stats/wilson';
import { percent, total } from './codec';
import { answerCountsAggregator } from './answerCounts';
import { KpiAggregator } from './types';

/** Answers per score: `counts[s − 1]` answers of score s (1–5). */
export interface SatisfactionAggregate {
  counts: readonly number[];
}

/** The CSAT aggregate. */
export const satisfactionAggregator: KpiAggregator<
  SatisfactionObservation,
  SatisfactionAggregate
> = {
  ...answerCountsAggregator<'satisfaction', SatisfactionObservation>(
    'satisfaction',
    5,
    observation => observation.score - 1,
  ),
  summarise(aggregate) {
    const n = total(aggregate.counts);
    const satisfied = aggregate.counts[3] + aggregate.counts[4];
    const interval = wilsonPercentInterval(satisfied, n);
    return {
      kpi: 'satisfaction',
      n,
      value: percent(satisfied, n),
      unit: 'percent',
      ...(interval && {
        interval: {
          ...interval,
          level: 0.95 as const,
          method: 'wilson' as const,
        },
      }),
      secondary: {
        satisfied,
        mean: meanFromCounts(aggregate.counts, 1).mean,
        distribution: [...aggregate.counts],
      },
    };
  },
};
