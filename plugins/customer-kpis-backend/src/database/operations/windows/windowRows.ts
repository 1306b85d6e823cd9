// Window rows as stored and as the store's types: conversions, and the reads and writes every window operation uses.
import {
  KpiId,
  aggregatorFor,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { WindowAggregates } from '../../KpiStore';
import { bulkUpsert, whereKeyIn } from '../../bulk';
import {
  PAIR_KEY,
  WINDOW_COLUMNS,
  WINDOW_KEY_NAMES,
  WINDOW_SUMMARIES,
  WindowRow,
} from '../../tables';
import { TRUSTED, chunks, toIso } from '../../util';
import {
  AccumulatedWindow,
  OpenDay,
  pairKey,
  withOpenDay,
} from '../../windowAccumulator';
import { Db, Pair, StoredSummaries } from '../types';

/** Pairs per read of window rows, which bounds what one statement returns. */
const PAIR_CHUNK = 500;
/** Window rows per write: their aggregates make them large. */
const WRITE_CHUNK = 200;

/** The key of a window row in maps. */
export const windowKey = (entityRef: string, kpi: string, windowDays: number) =>
  `${pairKey(entityRef, kpi)}|${windowDays}`;

/** The summary columns of a window: the window as it stands now (closed days and today) and the one before. */
export function summaryColumns(
  kpi: KpiId,
  current: unknown,
  previous: unknown,
): { value: number | null; n: number; summary: string } {
  const aggregator = aggregatorFor(kpi);
  const summaries: StoredSummaries = {
    current: aggregator.summarise(current),
    previous: aggregator.summarise(previous),
  };
  return {
    value: summaries.current.value,
    n: summaries.current.n,
    summary: JSON.stringify(summaries),
  };
}

/** A window row from its closed days, with the summary columns of the window as it stands with `open`. */
export function windowRow(
  closed: AccumulatedWindow,
  open: OpenDay | undefined,
  asOf: string,
): Record<string, unknown> {
  const aggregator = aggregatorFor(closed.kpi);
  const live = withOpenDay(closed, open);
  return {
    entity_ref: closed.entityRef,
    kpi: closed.kpi,
    window_days: closed.windowDays,
    as_of: asOf,
    current_aggregate: aggregator.serialise(
      aggregator.windowPart(closed.current),
    ),
    previous_aggregate: aggregator.serialise(
      aggregator.windowPart(closed.previous),
    ),
    ...summaryColumns(closed.kpi, live.current, closed.previous),
    sources: JSON.stringify(live.sources),
    last_data_at: live.lastDataAt,
  };
}

/** The closed days of a stored window row as aggregates. */
export function toWindowAggregates(row: WindowRow): WindowAggregates {
  const aggregator = aggregatorFor(row.kpi as KpiId);
  return {
    entityRef: row.entity_ref,
    kpi: row.kpi as KpiId,
    windowDays: row.window_days,
    asOf: row.as_of,
    current: aggregator.parse(row.current_aggregate, TRUSTED),
    previous: aggregator.parse(row.previous_aggregate, TRUSTED),
    sources: JSON.parse(row.sources),
    lastDataAt: toIso(row.last_data_at),
  };
}

/** The window of a pair without data. */
export function emptyWindow(
  entityRef: string,
  kpi: KpiId,
  windowDays: number,
  asOf: string,
): WindowAggregates {
  const aggregator = aggregatorFor(kpi);
  return {
    entityRef,
    kpi,
    windowDays,
    asOf,
    current: aggregator.empty(),
    previous: aggregator.empty(),
    sources: [],
    lastDataAt: null,
  };
}

/** Inserts or replaces whole window rows. */
export async function writeWindowRows(
  db: Db,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  for (const batch of chunks(rows, WRITE_CHUNK)) {
    await bulkUpsert(db, WINDOW_SUMMARIES, WINDOW_COLUMNS, batch, [
      ...WINDOW_KEY_NAMES,
    ]);
  }
}

/** The stored window rows of the pairs (every window length), by {@link windowKey}. */
export async function loadWindowRows(
  db: Db,
  pairs: readonly Pair[],
): Promise<Map<string, WindowRow>> {
  const result = new Map<string, WindowRow>();
  for (const batch of chunks(pairs, PAIR_CHUNK)) {
    const rows: WindowRow[] = await whereKeyIn(
      db,
      WINDOW_SUMMARIES,
      PAIR_KEY,
      batch.map(p => ({ entity_ref: p.entityRef, kpi: p.kpi })),
    );
    for (const row of rows) {
      result.set(windowKey(row.entity_ref, row.kpi, row.window_days), row);
    }
  }
  return result;
}
