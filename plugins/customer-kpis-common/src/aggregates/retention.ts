// The retention aggregate: S, E and N summed over periods (and entities); (E − N) ÷ S derives from the sums.
import { z } from 'zod';
import { RetentionObservation } from '../observations/schemas';
import { wilsonPercentInterval } from '../stats/wilson';
import { parseAggregateText, percent } from './codec';
import { KpiAggregator } from './types';

/** Sums of customers at the start (S), at the end (E) and new (N) over `periods` periods. */
export interface RetentionAggregate {
  start: number;
  end: number;
  new: number;
  periods: number;
}

function adjust(
  aggregate: RetentionAggregate,
  observation: RetentionObservation,
  sign: 1 | -1,
) {
  const next = {
    start: aggregate.start + sign * observation.start,
    end: aggregate.end + sign * observation.end,
    new: aggregate.new + sign * observation.new,
    periods: aggregate.periods + sign,
  };
  if (next.start < 0 || next.end < 0 || next.new < 0 || next.periods < 0) {
    throw new RangeError(
      'cannot remove a period that the aggregate does not hold',
    );
  }
  return next;
}

const count = z.number().int().min(0);
const jsonSchema = z
  .object({ v: z.literal(1), s: count, e: count, n: count, p: count })
  .refine(
    json => json.n <= json.e && json.e - json.n <= json.s,
    'E − N must lie between 0 and S',
  );

/**
 * The retention aggregate. Over several periods the rate is pooled, (ΣE − ΣN) ÷ ΣS, i.e. the periods' rates weighted
 * by their starting customers. n is ΣS; the Wilson interval treats each starting customer as a trial.
 */
export const retentionAggregator: KpiAggregator<
  RetentionObservation,
  RetentionAggregate
> = {
  kpi: 'retention',
  empty: () => ({ start: 0, end: 0, new: 0, periods: 0 }),
  add: (aggregate, observation) => adjust(aggregate, observation, 1),
  remove: (aggregate, observation) => adjust(aggregate, observation, -1),
  merge: (a, b) => ({
    start: a.start + b.start,
    end: a.end + b.end,
    new: a.new + b.new,
    periods: a.periods + b.periods,
  }),
  count: aggregate => aggregate.periods,
  serialise: aggregate =>
    JSON.stringify({
      v: 1,
      s: aggregate.start,
      e: aggregate.end,
      n: aggregate.new,
      p: aggregate.periods,
    }),
  parse(text, options) {
    const json = parseAggregateText('retention', text, jsonSchema, options);
    return { start: json.s, end: json.e, new: json.n, periods: json.p };
  },
  summarise(aggregate) {
    const kept = aggregate.end - aggregate.new;
    const interval = wilsonPercentInterval(kept, aggregate.start);
    return {
      kpi: 'retention',
      n: aggregate.start,
      value: percent(kept, aggregate.start),
      unit: 'percent',
      ...(interval && {
        interval: {
          ...interval,
          level: 0.95 as const,
          method: 'wilson' as const,
        },
      }),
      secondary: {
        start: aggregate.start,
        end: aggregate.end,
        new: aggregate.new,
        kept,
        churned: aggregate.start - kept,
        periods: aggregate.periods,
      },
    };
  },
};
