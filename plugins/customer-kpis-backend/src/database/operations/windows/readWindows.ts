// Reads of the windows (aggregates and stored summaries). They never write: a row the roll-over has not brought
// to today yet is answered from the buckets, as the roll-over will store it.
import {
  KpiId,
  STANDARD_WINDOW_DAYS,
  aggregatorFor,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { WindowAggregates, WindowSummaries } from '../../KpiStore';
import { WINDOW_CHANGES, WINDOW_SUMMARIES, WindowRow } from '../../tables';
import { chunks } from '../../util';
import {
  accumulateWindows,
  earliestDayNeeded,
  pairKey,
  withOpenDay,
} from '../../windowAccumulator';
import { readBucketsOfPairs, readOpenDays } from '../buckets/readBuckets';
import { Db, Pair, StoredSummaries } from '../types';
import { emptyWindow, toWindowAggregates } from './windowRows';

/** Entities per read, which bounds what one statement returns. */
const IN_CHUNK = 500;

/** Whether a window length has stored rows. */
export const isStandardWindow = (windowDays: number) =>
  (STANDARD_WINDOW_DAYS as readonly number[]).includes(windowDays);

/** The windows of the pairs ending on `today` (today included), computed from their buckets. */
async function windowsFromBuckets(
  db: Db,
  pairs: readonly Pair[],
  windowDays: number,
  today: string,
): Promise<Map<string, WindowAggregates>> {
  const rows = await readBucketsOfPairs(
    db,
    pairs,
    earliestDayNeeded(today, [windowDays]),
    today,
  );
  const result = new Map<string, WindowAggregates>();
  for (const [key, [w]] of accumulateWindows(rows, today, [windowDays], pairs))
    result.set(key, { ...w, asOf: today });
  return result;
}

/** A window as a stored row holds it: a KPI with a window part (adoption's latest day) keeps only that part. */
function asStored(window: WindowAggregates): WindowAggregates {
  const aggregator = aggregatorFor(window.kpi);
  return {
    ...window,
    current: aggregator.windowPart(window.current),
    previous: aggregator.windowPart(window.previous),
  };
}

/**
 * The window aggregates of an entity's KPIs for a window ending today, today's buckets included. Standard windows
 * read their stored rows (rows of an earlier day are computed from the buckets instead); others are computed.
 */
export async function readWindows(
  db: Db,
  entityRef: string,
  windowDays: number,
  kpis: readonly KpiId[],
  today: string,
): Promise<WindowAggregates[]> {
  const pairs = kpis.map(kpi => ({ entityRef, kpi }));
  if (!isStandardWindow(windowDays)) {
    const computed = await windowsFromBuckets(db, pairs, windowDays, today);
    return pairs.map(p => computed.get(pairKey(p.entityRef, p.kpi))!);
  }
  const rows: WindowRow[] = await db(WINDOW_SUMMARIES)
    .where({ entity_ref: entityRef, window_days: windowDays })
    .whereIn('kpi', kpis);
  const stale = rows.filter(row => row.as_of !== today);
  const computed =
    stale.length > 0
      ? await windowsFromBuckets(
          db,
          stale.map(row => ({ entityRef, kpi: row.kpi as KpiId })),
          windowDays,
          today,
        )
      : new Map<string, WindowAggregates>();
  const open = await readOpenDays(db, [entityRef], today);
  const byKpi = new Map(rows.map(row => [row.kpi, row]));
  return kpis.map(kpi => {
    const key = pairKey(entityRef, kpi);
    const fromBuckets = computed.get(key);
    if (fromBuckets) return asStored(fromBuckets);
    const row = byKpi.get(kpi);
    const closed = row
      ? toWindowAggregates(row)
      : emptyWindow(entityRef, kpi, windowDays, today);
    return withOpenDay(closed, open.get(key));
  });
}

/**
 * The window aggregates of many entities for one standard window, today's buckets included, for rollups: stored
 * rows as they are, and pairs whose first data came today (they have no row until their mark is taken up). With
 * `withSummaries`, a window whose stored summary is current (no change mark pending on the entity, the row of
 * today) carries it, read in the same statement as the row and the mark.
 */
export async function readWindowsOfEntities(
  db: Db,
  entityRefs: readonly string[],
  windowDays: number,
  today: string,
  options: { withSummaries?: boolean } = {},
): Promise<WindowAggregates[]> {
  const result: WindowAggregates[] = [];
  for (const refs of chunks(entityRefs, IN_CHUNK)) {
    const query = db(`${WINDOW_SUMMARIES} as w`)
      .whereIn('w.entity_ref', refs)
      .where({ 'w.window_days': windowDays })
      .select(
        'w.entity_ref',
        'w.kpi',
        'w.window_days',
        'w.as_of',
        'w.current_aggregate',
        'w.previous_aggregate',
        'w.sources',
        'w.last_data_at',
      );
    if (options.withSummaries) {
      query
        .leftJoin(`${WINDOW_CHANGES} as c`, 'c.entity_ref', 'w.entity_ref')
        .select('w.summary', db.raw('c.entity_ref is not null as marked'));
    }
    const rows: (WindowRow & { marked?: boolean | number })[] = await query;
    const open = await readOpenDays(db, refs, today);
    for (const row of rows) {
      const k = pairKey(row.entity_ref, row.kpi);
      const window = withOpenDay(toWindowAggregates(row), open.get(k));
      if (
        options.withSummaries &&
        !row.marked &&
        row.summary &&
        row.as_of === today
      ) {
        window.currentSummary = (
          JSON.parse(row.summary) as StoredSummaries
        ).current;
      }
      result.push(window);
      open.delete(k);
    }
    for (const day of open.values()) {
      result.push(
        withOpenDay(
          emptyWindow(day.entityRef, day.kpi, windowDays, today),
          day,
        ),
      );
    }
  }
  return result;
}

/**
 * The stored summaries of many entities for one standard window (the overview's rows), as current as the last
 * summary refresh.
 */
export async function readSummariesOfEntities(
  db: Db,
  entityRefs: readonly string[],
  windowDays: number,
): Promise<WindowSummaries[]> {
  const result: WindowSummaries[] = [];
  for (const refs of chunks(entityRefs, IN_CHUNK)) {
    const rows: Pick<
      WindowRow,
      'entity_ref' | 'kpi' | 'window_days' | 'summary'
    >[] = await db(WINDOW_SUMMARIES)
      .whereIn('entity_ref', refs)
      .where({ window_days: windowDays })
      .whereNotNull('summary')
      .select('entity_ref', 'kpi', 'window_days', 'summary');
    for (const row of rows) {
      const summaries: StoredSummaries = JSON.parse(row.summary!);
      result.push({
        entityRef: row.entity_ref,
        kpi: row.kpi as KpiId,
        windowDays: row.window_days,
        ...summaries,
      });
    }
  }
  return result;
}
