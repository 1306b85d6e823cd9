// The time-to-resolve aggregate: histograms of calendar durations and of the sources' business durations.
import { z } from 'zod';
import { kpiDefinitions } from '../kpis/definitions';
import { TimeToResolveObservation } from '../observations/schemas';
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
  minutesToMs,
} from '../stats/histogram';
import { parseAggregateText } from './codec';
import { durationFigures, durationHeadline } from './durations';
import { KpiAggregator } from './types';

/** Calendar durations of every ticket; business durations of the tickets whose source gave them. */
export interface TimeToResolveAggregate {
  calendar: DurationHistogram;
  business: DurationHistogram;
}

function adjust(
  aggregate: TimeToResolveAggregate,
  observation: TimeToResolveObservation,
  sign: 1 | -1,
) {
  const apply = sign === 1 ? histogramAdd : histogramRemove;
  const calendarMs =
    Date.parse(observation.resolvedAt) - Date.parse(observation.openedAt);
  return {
    calendar: apply(aggregate.calendar, calendarMs),
    business:
      observation.businessMinutes === undefined
        ? aggregate.business
        : apply(aggregate.business, minutesToMs(observation.businessMinutes)),
  };
}

const jsonSchema = z.object({
  v: z.literal(1),
  c: histogramJsonSchema,
  b: histogramJsonSchema,
});

/**
 * The time-to-resolve aggregate. By default the headline reads business time when the source gave it for every
 * ticket (the source's own figure wins), else calendar time; `basis` in the summary says which.
 */
export const timeToResolveAggregator: KpiAggregator<
  TimeToResolveObservation,
  TimeToResolveAggregate
> = {
  kpi: 'time-to-resolve',
  empty: () => ({ calendar: emptyHistogram(), business: emptyHistogram() }),
  add: (aggregate, observation) => adjust(aggregate, observation, 1),
  remove: (aggregate, observation) => adjust(aggregate, observation, -1),
  merge: (a, b) => ({
    calendar: histogramMerge(a.calendar, b.calendar),
    business: histogramMerge(a.business, b.business),
  }),
  count: aggregate => aggregate.calendar.count,
  serialise: aggregate =>
    JSON.stringify({
      v: 1,
      c: histogramToJson(aggregate.calendar),
      b: histogramToJson(aggregate.business),
    }),
  parse(text, options) {
    const json = parseAggregateText(
      'time-to-resolve',
      text,
      jsonSchema,
      options,
    );
    return {
      calendar: histogramFromJson(json.c),
      business: histogramFromJson(json.b),
    };
  },
  summarise(aggregate, options = {}) {
    const requested = options.basis ?? 'auto';
    const everyTicketHasBusiness =
      aggregate.calendar.count > 0 &&
      aggregate.business.count === aggregate.calendar.count;
    const automatic = everyTicketHasBusiness ? 'business' : 'calendar';
    const basis = requested === 'auto' ? automatic : requested;
    const histogram =
      basis === 'business' ? aggregate.business : aggregate.calendar;
    const targetMinutes =
      options.targetMinutes ??
      kpiDefinitions['time-to-resolve'].defaultTarget.target;
    const headline = durationHeadline(
      histogram,
      targetMinutes,
      histogram.count,
    );
    return {
      kpi: 'time-to-resolve',
      n: histogram.count,
      value: headline.figures.p50,
      unit: 'minutes',
      ...(headline.interval && { interval: headline.interval }),
      secondary: {
        ...headline.secondary,
        calendar: durationFigures(aggregate.calendar),
        business: durationFigures(aggregate.business),
      },
      relativeError: DURATION_HISTOGRAM_RELATIVE_ERROR,
      basis,
    };
  },
};
