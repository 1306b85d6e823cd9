// The day roll-over: closed days' recent buckets move into the history, and window rows of a past day are
// rebuilt as of today (what was today's bucket becomes a closed day).
import { Knex } from 'knex';
import {
  BUCKET_COLUMNS,
  DAILY_BUCKETS,
  RECENT_BUCKETS,
  WINDOW_SUMMARIES,
} from '../../tables';
import { lockedTransaction } from '../lock';
import { rebuildPairsInBatches } from '../windows/rebuildWindows';

/** Moves the recent buckets of days before `today` into the history, in one transaction. Returns how many. */
export async function moveClosedRecentBuckets(
  db: Knex,
  today: string,
): Promise<number> {
  return lockedTransaction(db, async trx => {
    const columns = BUCKET_COLUMNS.map(c => c.name);
    await trx
      .into(trx.raw('?? (??)', [DAILY_BUCKETS, columns]))
      .insert(trx(RECENT_BUCKETS).where('day', '<', today).select(columns));
    return trx(RECENT_BUCKETS).where('day', '<', today).delete();
  });
}

/**
 * Moves the closed days' recent buckets into the history, then rebuilds every pair with a window row of a past
 * day as of `today`. Returns the number of pairs rebuilt.
 */
export async function rollWindowsForward(
  db: Knex,
  today: string,
): Promise<number> {
  await moveClosedRecentBuckets(db, today);
  const stale: { entity_ref: string; kpi: string }[] = await db(
    WINDOW_SUMMARIES,
  )
    .where('as_of', '<', today)
    .distinct('entity_ref', 'kpi');
  await rebuildPairsInBatches(db, stale, today);
  return stale.length;
}
