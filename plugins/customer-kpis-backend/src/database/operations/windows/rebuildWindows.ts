// Rebuilds stored window rows from the daily buckets: for pairs ingest cannot update in place, after the day
// rolled over, and for every pair after a restore or a bulk load of buckets.
import {
  KpiId,
  STANDARD_WINDOW_DAYS,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import { DAILY_BUCKETS, RECENT_BUCKETS } from '../../tables';
import { chunks } from '../../util';
import {
  accumulateWindows,
  earliestDayNeeded,
  openDaysByPair,
} from '../../windowAccumulator';
import { readBucketsOfPairs } from '../buckets/readBuckets';
import { lockedTransaction } from '../lock';
import { markAllGroupsChanged } from '../summaries/changeMarks';
import { Db, Pair } from '../types';
import { windowRow, writeWindowRows } from './windowRows';

/** Pairs per transaction of a bulk rebuild. */
const PAIRS_PER_TRANSACTION = 200;

/**
 * Rebuilds the standard window rows of the pairs as of `asOf` from their buckets: the closed days' aggregates and
 * the summary columns with the buckets of `asOf` merged in. The caller holds the write lock.
 */
export async function rebuildWindows(
  db: Db,
  pairs: readonly Pair[],
  asOf: string,
): Promise<void> {
  if (pairs.length === 0) return;
  const rows = await readBucketsOfPairs(
    db,
    pairs,
    earliestDayNeeded(asOf, STANDARD_WINDOW_DAYS),
    asOf,
  );
  const open = openDaysByPair(rows.filter(row => row.day === asOf));
  const accumulated = accumulateWindows(
    rows,
    asOf,
    STANDARD_WINDOW_DAYS,
    pairs,
    { closedOnly: true },
  );
  const writes: Record<string, unknown>[] = [];
  for (const [key, windows] of accumulated) {
    for (const w of windows) writes.push(windowRow(w, open.get(key), asOf));
  }
  await writeWindowRows(db, writes);
}

/** Rebuilds the windows of (entity_ref, kpi) rows as of `asOf`, a few hundred pairs per locked transaction. */
export async function rebuildPairsInBatches(
  db: Knex,
  rows: ReadonlyArray<{ entity_ref: string; kpi: string }>,
  asOf: string,
): Promise<void> {
  for (const batch of chunks(rows, PAIRS_PER_TRANSACTION)) {
    await lockedTransaction(db, trx =>
      rebuildWindows(
        trx,
        batch.map(r => ({ entityRef: r.entity_ref, kpi: r.kpi as KpiId })),
        asOf,
      ),
    );
  }
}

/**
 * Rebuilds the window rows of every pair that has buckets in either table, and marks every group changed so that
 * its rollup is recomputed from the rebuilt rows. Returns the number of pairs.
 */
export async function rebuildAllWindows(
  db: Knex,
  today: string,
): Promise<number> {
  // `union` (not `all`): a pair with buckets in both tables is rebuilt once.
  const pairs: { entity_ref: string; kpi: string }[] = await db(DAILY_BUCKETS)
    .distinct('entity_ref', 'kpi')
    .union(db(RECENT_BUCKETS).distinct('entity_ref', 'kpi'));
  await rebuildPairsInBatches(db, pairs, today);
  await lockedTransaction(db, trx => markAllGroupsChanged(trx));
  return pairs.length;
}
