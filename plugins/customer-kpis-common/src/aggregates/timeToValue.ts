// The time-to-value aggregate: a histogram of the journeys that reached value and a count of those still pending.
import { z } from 'zod';
import { kpiDefinitions } from '../kpis/definitions';
import { TimeToValueObservation } from '../observations/schemas';
import {
  DURATION_HISTOGRAM_RELATIVE_ERROR,
  DurationHistogram,
  emptyHistogram,
  histogramAdd,
  histogramFromJson,
  histogramJsonSchema,
  histogramMerge,
  histogramRemove,
  histogramToJson,
} from '../stats/histogram';
import { parseAggregateText, percent } from './codec';
import { durationHeadline } from './durations';
import { KpiAggregator } from './types';

/** Durations of the journeys that reached value, and how many have not (censored). */
export interface TimeToValueAggregate {
  reached: DurationHistogram;
  pending: number;
}

function adjust(
  aggregate: TimeToValueAggregate,
  observation: TimeToValueObservation,
  sign: 1 | -1,
) {
  if (!observation.valueAt) {
    const pending = aggregate.pending + sign;
    if (pending < 0) {
      throw new RangeError(
        'cannot remove a pending journey that the aggregate does not hold',
      );
    }
    return { reached: aggregate.reached, pending };
  }
  const ms =
    Date.parse(observation.valueAt) - Date.parse(observation.startedAt);
  const apply = sign === 1 ? histogramAdd : histogramRemove;
  return { reached: apply(aggregate.reached, ms), pending: aggregate.pending };
}

const jsonSchema = z.object({
  v: z.literal(1),
  r: histogramJsonSchema,
  p: z.number().int().min(0),
});

/**
 * The time-to-value aggregate. The median covers only the journeys that reached value (n = reached); since
 * journeys that never reach value drop out of it, the summary carries the share of all started journeys that reached
 * value within the target time (`withinTargetPercent`).
 */
export const timeToValueAggregator: KpiAggregator<
  TimeToValueObservation,
  TimeToValueAggregate
> = {
  kpi: 'time-to-value',
  empty: () => ({ reached: emptyHistogram(), pending: 0 }),
  add: (aggregate, observation) => adjust(aggregate, observation, 1),
  remove: (aggregate, observation) => adjust(aggregate, observation, -1),
  merge: (a, b) => ({
    reached: histogramMerge(a.reached, b.reached),
    pending: a.pending + b.pending,
  }),
  count: aggregate => aggregate.reached.count + aggregate.pending,
  serialise: aggregate =>
    JSON.stringify({
      v: 1,
      r: histogramToJson(aggregate.reached),
      p: aggregate.pending,
    }),
  parse(text, options) {
    const json = parseAggregateText('time-to-value', text, jsonSchema, options);
    return { reached: histogramFromJson(json.r), pending: json.p };
  },
  summarise(aggregate, options = {}) {
    const started = aggregate.reached.count + aggregate.pending;
    const targetMinutes =
      options.targetMinutes ??
      kpiDefinitions['time-to-value'].defaultTarget.target;
    const headline = durationHeadline(
      aggregate.reached,
      targetMinutes,
      started,
    );
    return {
      kpi: 'time-to-value',
      n: aggregate.reached.count,
      value: headline.figures.p50,
      unit: 'minutes',
      ...(headline.interval && { interval: headline.interval }),
      secondary: {
        ...headline.secondary,
        started,
        reached: aggregate.reached.count,
        pending: aggregate.pending,
        reachedPercent: percent(aggregate.reached.count, started),
      },
      relativeError: DURATION_HISTOGRAM_RELATIVE_ERROR,
    };
  },
};
