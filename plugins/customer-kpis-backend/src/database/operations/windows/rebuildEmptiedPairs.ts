// Ingest's upkeep of the window rows when un-merges (retractions, moved replacements) emptied buckets of a source:
// the source may have left a window, which an incremental update of the rows cannot tell.
import { STANDARD_WINDOW_DAYS } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import { whereKeyIn } from '../../bulk';
import { BUCKET_TABLES, PAIR_KEY, WINDOW_SUMMARIES } from '../../tables';
import { earliestDayNeeded, pairKey } from '../../windowAccumulator';
import { EmptiedBucket } from '../buckets/applyToBuckets';
import { Pair } from '../types';
import { rebuildWindows } from './rebuildWindows';

/** The pairs of the buckets, once each, with whether one of their emptied days is within reach of a window. */
function pairsOf(
  emptied: readonly EmptiedBucket[],
  earliest: string,
): Map<string, Pair & { inReach: boolean }> {
  const pairs = new Map<string, Pair & { inReach: boolean }>();
  for (const { entityRef, kpi, day } of emptied) {
    const key = pairKey(entityRef, kpi);
    const pair = pairs.get(key) ?? { entityRef, kpi, inReach: false };
    pair.inReach ||= day >= earliest;
    pairs.set(key, pair);
  }
  return pairs;
}

/**
 * Brings the window rows of the pairs whose buckets the batch emptied in line with the buckets left, in the
 * caller's locked transaction and after the buckets were written: a pair left without any bucket (of any source,
 * any day) loses its window rows, as if it had never had data; a pair with an emptied day within reach of a window
 * is rebuilt from its buckets, so that its closed days, summary columns, sources and last data time are those of
 * the data that remains. Returns the keys ({@link pairKey}) of the pairs whose rows it deleted or rebuilt: ingest
 * leaves them out of the incremental update of the closed windows.
 */
export async function rebuildEmptiedPairs(
  trx: Knex.Transaction,
  emptied: readonly EmptiedBucket[],
  today: string,
): Promise<Set<string>> {
  if (emptied.length === 0) return new Set();
  const pairs = pairsOf(
    emptied,
    earliestDayNeeded(today, STANDARD_WINDOW_DAYS),
  );
  const keys = [...pairs.values()].map(p => ({
    entity_ref: p.entityRef,
    kpi: p.kpi,
  }));
  const withData = new Set<string>();
  for (const table of BUCKET_TABLES) {
    const rows: { entity_ref: string; kpi: string }[] = await whereKeyIn(
      trx,
      table,
      PAIR_KEY,
      keys,
    ).distinct('entity_ref', 'kpi');
    for (const row of rows) withData.add(pairKey(row.entity_ref, row.kpi));
  }
  const gone = [...pairs.keys()].filter(key => !withData.has(key));
  if (gone.length > 0) {
    await whereKeyIn(
      trx,
      WINDOW_SUMMARIES,
      PAIR_KEY,
      gone.map(key => {
        const { entityRef, kpi } = pairs.get(key)!;
        return { entity_ref: entityRef, kpi };
      }),
    ).delete();
  }
  const rebuild = [...pairs].filter(
    ([key, pair]) => withData.has(key) && pair.inReach,
  );
  await rebuildWindows(
    trx,
    rebuild.map(([, { entityRef, kpi }]) => ({ entityRef, kpi })),
    today,
  );
  return new Set([...gone, ...rebuild.map(([key]) => key)]);
}
