// Builds the window aggregates (current and previous period) of (entity, KPI) pairs from their daily buckets.
import {
  KpiId,
  addDaysToDay,
  aggregatorFor,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { TRUSTED, toIso } from './util';

/** A daily bucket as read from the database. */
export interface BucketRow {
  entity_ref: string;
  kpi: string;
  day: string;
  source: string;
  aggregate: string;
  updated_at: unknown;
}

/** The aggregates of one pair over one window length. */
export interface AccumulatedWindow {
  entityRef: string;
  kpi: KpiId;
  windowDays: number;
  current: unknown;
  previous: unknown;
  sources: string[];
  lastDataAt: string | null;
}

/** The key of an (entity, KPI) pair in maps. */
export const pairKey = (entityRef: string, kpi: string) =>
  `${kpi}|${entityRef}`;

/** The first day a set of windows ending on `asOf` needs buckets from (the start of the longest previous period). */
export function earliestDayNeeded(
  asOf: string,
  windows: readonly number[],
): string {
  return addDaysToDay(asOf, -(2 * Math.max(...windows) - 1));
}

/**
 * Accumulates bucket rows into current and previous window aggregates for every pair and window length.
 * Pairs listed in `pairs` without buckets get empty aggregates, so that a summary row can say "no data".
 */
export function accumulateWindows(
  rows: readonly BucketRow[],
  asOf: string,
  windows: readonly number[],
  pairs: ReadonlyArray<{ entityRef: string; kpi: KpiId }>,
): Map<string, AccumulatedWindow[]> {
  const starts = windows.map(w => ({
    w,
    currentFrom: addDaysToDay(asOf, -(w - 1)),
    previousFrom: addDaysToDay(asOf, -(2 * w - 1)),
  }));
  const result = new Map<string, AccumulatedWindow[]>();
  const ensure = (entityRef: string, kpi: KpiId) => {
    const key = pairKey(entityRef, kpi);
    let windowsOfPair = result.get(key);
    if (!windowsOfPair) {
      const aggregator = aggregatorFor(kpi);
      windowsOfPair = starts.map(({ w }) => ({
        entityRef,
        kpi,
        windowDays: w,
        current: aggregator.empty(),
        previous: aggregator.empty(),
        sources: [],
        lastDataAt: null,
      }));
      result.set(key, windowsOfPair);
    }
    return windowsOfPair;
  };
  for (const pair of pairs) ensure(pair.entityRef, pair.kpi);

  for (const row of rows) {
    if (row.day > asOf) continue;
    const kpi = row.kpi as KpiId;
    const aggregator = aggregatorFor(kpi);
    const windowsOfPair = ensure(row.entity_ref, kpi);
    const aggregate = aggregator.parse(row.aggregate, TRUSTED);
    const updatedAt = toIso(row.updated_at);
    starts.forEach(({ currentFrom, previousFrom }, i) => {
      const target = windowsOfPair[i];
      if (row.day >= currentFrom) {
        target.current = aggregator.merge(target.current, aggregate);
      } else if (row.day >= previousFrom) {
        target.previous = aggregator.merge(target.previous, aggregate);
      } else {
        return;
      }
      if (!target.sources.includes(row.source)) target.sources.push(row.source);
      if (updatedAt && (!target.lastDataAt || updatedAt > target.lastDataAt)) {
        target.lastDataAt = updatedAt;
      }
    });
  }
  for (const windowsOfPair of result.values()) {
    for (const w of windowsOfPair) w.sources.sort();
  }
  return result;
}
