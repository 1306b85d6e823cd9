// The adoption aggregate: active-user gauges summed per day; a window reads its latest day.
import { z } from 'zod';
import { AdoptionObservation } from '../observations/schemas';
import { isCalendarDay } from '../observations/fields';
import { parseAggregateText, percent } from './codec';
import { KpiAggregator } from './types';

/** The gauges of one day, summed over the observations of that day, and how many were summed. */
export interface DayGauges {
  dau: number;
  wau: number;
  mau: number;
  eligible: number;
  /** Observations summed (one per entity and source): a sum over entities assumes disjoint user bases. */
  gauges: number;
}

/**
 * Gauges per day. Active users are gauges, not flows: a window reads the latest day rather than adding days; several
 * gauges of the same day (several entities) add up, which keeps merge associative and commutative and lets remove
 * undo add.
 */
export interface AdoptionAggregate {
  days: Readonly<Record<string, DayGauges>>;
}

const FIELDS = ['dau', 'wau', 'mau', 'eligible', 'gauges'] as const;

function addDay(
  a: DayGauges | undefined,
  b: DayGauges,
  sign: 1 | -1,
): DayGauges | undefined {
  const result = { dau: 0, wau: 0, mau: 0, eligible: 0, gauges: 0 };
  for (const field of FIELDS) {
    result[field] = (a?.[field] ?? 0) + sign * b[field];
    if (result[field] < 0) {
      throw new RangeError(
        'cannot remove a gauge that the aggregate does not hold',
      );
    }
  }
  return result.gauges === 0 ? undefined : result;
}

function adjust(
  aggregate: AdoptionAggregate,
  observation: AdoptionObservation,
  sign: 1 | -1,
): AdoptionAggregate {
  const { date, dau, wau, mau, eligible } = observation;
  const days = { ...aggregate.days };
  const next = addDay(days[date], { dau, wau, mau, eligible, gauges: 1 }, sign);
  if (next) days[date] = next;
  else delete days[date];
  return { days };
}

/** The latest day with data, or undefined. */
export function latestAdoptionDay(
  aggregate: AdoptionAggregate,
): string | undefined {
  return Object.keys(aggregate.days).sort().pop();
}

const count = z.number().int().min(0);
const jsonSchema = z.object({
  v: z.literal(1),
  d: z.array(
    z.tuple([
      z.string().refine(isCalendarDay, 'not a day YYYY-MM-DD'),
      count,
      count,
      count,
      count,
      count.min(1),
    ]),
  ),
});

/** The adoption aggregate. n is the eligible users of the day read (a census, not a sample). */
export const adoptionAggregator: KpiAggregator<
  AdoptionObservation,
  AdoptionAggregate
> = {
  kpi: 'adoption',
  empty: () => ({ days: {} }),
  add: (aggregate, observation) => adjust(aggregate, observation, 1),
  remove: (aggregate, observation) => adjust(aggregate, observation, -1),
  merge(a, b) {
    const days = { ...a.days };
    for (const [date, gauges] of Object.entries(b.days)) {
      days[date] = addDay(days[date], gauges, 1)!;
    }
    return { days };
  },
  count: aggregate =>
    Object.values(aggregate.days).reduce((sum, day) => sum + day.gauges, 0),
  serialise: aggregate =>
    JSON.stringify({
      v: 1,
      d: Object.keys(aggregate.days)
        .sort()
        .map(date => {
          const { dau, wau, mau, eligible, gauges } = aggregate.days[date];
          return [date, dau, wau, mau, eligible, gauges];
        }),
    }),
  parse(text, options) {
    const json = parseAggregateText('adoption', text, jsonSchema, options);
    const days: Record<string, DayGauges> = {};
    for (const [date, dau, wau, mau, eligible, gauges] of json.d) {
      days[date] = { dau, wau, mau, eligible, gauges };
    }
    return { days };
  },
  windowPart(aggregate) {
    const date = latestAdoptionDay(aggregate);
    return { days: date ? { [date]: aggregate.days[date] } : {} };
  },
  summarise(aggregate) {
    const date = latestAdoptionDay(aggregate);
    const day = date
      ? aggregate.days[date]
      : { dau: 0, wau: 0, mau: 0, eligible: 0, gauges: 0 };
    return {
      kpi: 'adoption',
      n: day.eligible,
      value: percent(day.mau, day.eligible),
      unit: 'percent',
      secondary: {
        date: date ?? null,
        dau: day.dau,
        wau: day.wau,
        mau: day.mau,
        eligible: day.eligible,
        stickiness: percent(day.dau, day.mau),
        gauges: day.gauges,
      },
    };
  },
};
