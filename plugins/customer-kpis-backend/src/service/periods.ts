// Groups daily aggregates into the points of a series (day, ISO week, calendar month) or of a sparkline.
import {
  KpiId,
  KpiSummary,
  addDaysToDay,
  aggregatorFor,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  endOfMonth,
  endOfISOWeek,
  format,
  parseISO,
  startOfISOWeek,
  startOfMonth,
} from 'date-fns';
import { DayAggregate } from '../database/KpiStore';

/** The granularity of a series. */
export type Granularity = 'day' | 'week' | 'month';

/**
 * One period of a series: its first and last day, inclusive, and whether it is partial: not over by `today` (it
 * holds today or a later day) or cut by the range, so that it covers fewer days than a whole period.
 */
export interface Period {
  start: string;
  end: string;
  partial: boolean;
}

const day = (date: Date) => format(date, 'yyyy-MM-dd');

/**
 * The periods covering [from, to], clipped to the range: weeks start on Monday (ISO), months on the 1st. `today` (UTC)
 * is the day not yet over.
 */
export function periodsOf(
  from: string,
  to: string,
  granularity: Granularity,
  today: string,
): Period[] {
  const periods: Period[] = [];
  let start = from;
  while (start <= to) {
    let whole: string;
    if (granularity === 'day') whole = start;
    else if (granularity === 'week') whole = day(endOfISOWeek(parseISO(start)));
    else whole = day(endOfMonth(parseISO(start)));
    const end = whole > to ? to : whole;
    // A first period starting late is cut too; alignStart keeps a series' first period whole.
    const cut = end < whole || start !== alignStart(start, granularity);
    periods.push({ start, end, partial: cut || end >= today });
    start = addDaysToDay(end, 1);
  }
  return periods;
}

/** The first day of the period `granularity` containing `from` (to align a series' first point). */
export function alignStart(from: string, granularity: Granularity): string {
  if (granularity === 'week') return day(startOfISOWeek(parseISO(from)));
  if (granularity === 'month') return day(startOfMonth(parseISO(from)));
  return from;
}

/**
 * Equal slices of `step` days ending on `to`, for sparklines: the first slice may be shorter, and a slice holding
 * `today` (UTC) is not over; both are partial.
 */
export function slicesEnding(
  from: string,
  to: string,
  step: number,
  today: string,
): Period[] {
  const periods: Period[] = [];
  let end = to;
  while (end >= from) {
    const candidate = addDaysToDay(end, -(step - 1));
    const start = candidate < from ? from : candidate;
    periods.unshift({ start, end, partial: start > candidate || end >= today });
    end = addDaysToDay(start, -1);
  }
  return periods;
}

/** Merges the daily aggregates of each period (days are ascending) and summarises them. */
export function summarisePeriods(
  kpi: KpiId,
  days: readonly DayAggregate[],
  periods: readonly Period[],
  options: Parameters<ReturnType<typeof aggregatorFor>['summarise']>[1] = {},
): Array<Period & { summary: KpiSummary }> {
  const aggregator = aggregatorFor(kpi);
  let i = 0;
  return periods.map(period => {
    let aggregate = aggregator.empty();
    while (i < days.length && days[i].day < period.start) i++;
    while (i < days.length && days[i].day <= period.end) {
      aggregate = aggregator.merge(aggregate, days[i].aggregate);
      i++;
    }
    return { ...period, summary: aggregator.summarise(aggregate, options) };
  });
}
