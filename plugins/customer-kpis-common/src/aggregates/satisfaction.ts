// The CSAT aggregate: answers counted per score 1–5; % satisfied (4–5) with its Wilson interval, and the mean.
import { z } from 'zod';
import { SatisfactionObservation } from '../observations/schemas';
import { meanFromCounts } from '../stats/mean';
import { wilsonPercentInterval } from '../stats/wilson';
import {
  addCounts,
  adjustCount,
  countVectorSchema,
  parseAggregateText,
  percent,
  total,
} from './codec';
import { KpiAggregator } from './types';

/** Answers per score: `counts[s − 1]` answers of score s (1–5). */
export interface SatisfactionAggregate {
  counts: readonly number[];
}

const jsonSchema = z.object({ v: z.literal(1), c: countVectorSchema(5) });

/** The CSAT aggregate. */
export const satisfactionAggregator: KpiAggregator<
  SatisfactionObservation,
  SatisfactionAggregate
> = {
  kpi: 'satisfaction',
  empty: () => ({ counts: new Array(5).fill(0) }),
  add: (aggregate, observation) => ({
    counts: adjustCount(aggregate.counts, observation.score - 1, 1),
  }),
  remove: (aggregate, observation) => ({
    counts: adjustCount(aggregate.counts, observation.score - 1, -1),
  }),
  merge: (a, b) => ({ counts: addCounts(a.counts, b.counts) }),
  count: aggregate => total(aggregate.counts),
  serialise: aggregate => JSON.stringify({ v: 1, c: aggregate.counts }),
  parse: text => ({
    counts: parseAggregateText('satisfaction', text, jsonSchema).c,
  }),
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
