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

/** The buckets of one pair on the open day (today), merged across sources. */
export interface OpenDay {
  entityRef: string;
  kpi: KpiId;
  aggregate: unknown;
  sources: string[];
  lastDataAt: string | null;
}

/** Merges the bucket rows of one day (today) per pair: what reads add to the closed days of a stored window. */
export function openDaysByPair(
  rows: readonly BucketRow[],
): Map<string, OpenDay> {
  const result = new Map<string, OpenDay>();
  for (const row of rows) {
    const aggregator = aggregatorFor(row.kpi as KpiId);
    const key = pairKey(row.entity_ref, row.kpi);
    const aggregate = aggregator.parse(row.aggregate, TRUSTED);
    const open = result.get(key);
    const updatedAt = toIso(row.updated_at);
    if (!open) {
      result.set(key, {
        entityRef: row.entity_ref,
        kpi: row.kpi as KpiId,
        aggregate,
        sources: [row.source],
        lastDataAt: updatedAt,
      });
      continue;
    }
    open.aggregate = aggregator.merge(open.aggregate, aggregate);
    if (!open.sources.includes(row.source)) open.sources.push(row.source);
    if (updatedAt && (!open.lastDataAt || updatedAt > open.lastDataAt))
      open.lastDataAt = updatedAt;
  }
  return result;
}

/** A window of closed days with the open day merged in: the window as it stands now. */
export function withOpenDay<
  W extends {
    kpi: KpiId;
    current: unknown;
    sources: string[];
    lastDataAt: string | null;
  },
>(window: W, open: OpenDay | undefined): W {
  if (!open) return window;
  const aggregator = aggregatorFor(window.kpi);
  const lastDataAt =
    window.lastDataAt && open.lastDataAt
      ? [window.lastDataAt, open.lastDataAt].sort()[1]
      : window.lastDataAt ?? open.lastDataAt;
  return {
    ...window,
    current: aggregator.windowPart(
      aggregator.merge(window.current, open.aggregate),
    ),
    sources: [...new Set([...window.sources, ...open.sources])].sort(),
    lastDataAt,
  };
}

/**
 * Accumulates bucket rows into current and previous window aggregates for every pair and window length.
 * Pairs listed in `pairs` without buckets get empty aggregates, so that a summary row can say "no data".
 * With `closedOnly`, buckets of `asOf` itself are left out: the stored windows hold closed days only.
 */
export function accumulateWindows(
  rows: readonly BucketRow[],
  asOf: string,
  windows: readonly number[],
  pairs: ReadonlyArray<{ entityRef: string; kpi: KpiId }>,
  options: { closedOnly?: boolean } = {},
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
    if (row.day > asOf || (options.closedOnly && row.day === asOf)) continue;
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
