// Brings the summary columns of marked entities up to date: the upkeep that keeps ingest for today cheap.
import {
  KpiId,
  STANDARD_WINDOW_DAYS,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import { bulkUpdate, whereInList } from '../../bulk';
import {
  SUMMARY_COLUMNS,
  WINDOW_KEY_NAMES,
  WINDOW_SUMMARIES,
  WindowRow,
} from '../../tables';
import { chunks } from '../../util';

/** The columns of a window row that its summary is computed from. */
const AGGREGATE_COLUMNS = [
  'entity_ref',
  'kpi',
  'window_days',
  'as_of',
  'current_aggregate',
  'previous_aggregate',
  'sources',
  'last_data_at',
] as const;
import { pairKey, withOpenDay } from '../../windowAccumulator';
import { readOpenDays } from '../buckets/readBuckets';
import { lockedTransaction } from '../lock';
import { Pair } from '../types';
import { rebuildWindows } from '../windows/rebuildWindows';
import { summaryColumns, toWindowAggregates } from '../windows/windowRows';
import { clearEntityMarks, readEntityMarks } from './changeMarks';

/**
 * Marked entities whose summaries one step recomputes: the upkeep task takes large steps (fewer statements and
 * transactions), a reader small ones, so that its time budget is overrun by little.
 */
const REFRESH_CHUNK = 500;
const READER_CHUNK = 25;

/** Options of {@link refreshSummaries}. */
export interface RefreshOptions {
  /**
   * A reader's time limit (`performance.now()` milliseconds): no chunk starts after it (the first always runs),
   * and pairs whose rows are of an earlier day are left, marks and all, to the roll-over and the scheduled upkeep.
   */
  until?: number;
}

/**
 * Recomputes the summary columns (value, n, summaries, sources, last data) of every pair of every marked entity
 * from its closed days and today's buckets, and deletes the marks it took up unless ingest bumped them meanwhile.
 * A pair whose rows are missing (its first data came today) or of an earlier day is rebuilt from its buckets.
 * Returns the number of pairs.
 */
export async function refreshSummaries(
  db: Knex,
  today: string,
  options: RefreshOptions = {},
): Promise<number> {
  const marks = await readEntityMarks(db);
  let refreshed = 0;
  const bounded = options.until !== undefined;
  const size = bounded ? READER_CHUNK : REFRESH_CHUNK;
  for (const [index, batch] of chunks(marks, size).entries()) {
    if (bounded && index > 0 && performance.now() >= options.until!) break;
    const refs = batch.map(m => m.entityRef);
    // The aggregates only: the summary columns are about to be replaced, and reading them costs as much.
    const rows: WindowRow[] = await db(WINDOW_SUMMARIES)
      .where(whereInList(db, 'entity_ref', refs))
      .select(...AGGREGATE_COLUMNS);
    const open = await readOpenDays(db, refs, today);
    // The entities' pairs: those with rows and those whose first data came today.
    const windows = new Map<string, WindowRow[]>();
    for (const row of rows) {
      const k = pairKey(row.entity_ref, row.kpi);
      windows.set(k, [...(windows.get(k) ?? []), row]);
    }
    for (const k of open.keys()) if (!windows.has(k)) windows.set(k, []);
    const rebuild: Pair[] = [];
    const updates: Record<string, unknown>[] = [];
    const left = new Set<string>();
    for (const [k, list] of windows) {
      if (
        list.length < STANDARD_WINDOW_DAYS.length ||
        list.some(row => row.as_of !== today)
      ) {
        const { entityRef, kpi } = list.length
          ? { entityRef: list[0].entity_ref, kpi: list[0].kpi as KpiId }
          : open.get(k)!;
        // Rows of an earlier day are the roll-over's work (a rebuild over the whole history): not a reader's.
        if (bounded && list.length > 0) left.add(entityRef);
        else {
          rebuild.push({ entityRef, kpi });
          refreshed++;
        }
        continue;
      }
      refreshed++;
      for (const row of list) {
        const live = withOpenDay(toWindowAggregates(row), open.get(k));
        updates.push({
          entity_ref: row.entity_ref,
          kpi: row.kpi,
          window_days: row.window_days,
          ...summaryColumns(live.kpi, live.current, live.previous),
          sources: JSON.stringify(live.sources),
          last_data_at: live.lastDataAt,
        });
      }
    }
    await lockedTransaction(db, async trx => {
      await rebuildWindows(trx, rebuild, today);
      // Only the summary columns: an ingest that changed the closed days meanwhile keeps its aggregates (and
      // its newer mark, so that the next refresh takes it up).
      await bulkUpdate(trx, WINDOW_SUMMARIES, SUMMARY_COLUMNS, updates, [
        ...WINDOW_KEY_NAMES,
      ]);
      await clearEntityMarks(
        trx,
        batch.filter(m => !left.has(m.entityRef)),
      );
    });
  }
  return refreshed;
}
