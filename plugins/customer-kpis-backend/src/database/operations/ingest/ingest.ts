// Ingest of one batch of one source, in one transaction: raw rows, buckets, change marks, closed windows.
import {
  Observation,
  utcDay,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import { IngestCounts, IngestOptions } from '../../KpiStore';
import { applyToBuckets } from '../buckets/applyToBuckets';
import { lockedTransaction } from '../lock';
import {
  markEntitiesChanged,
  markGroupsOfEntitiesChanged,
} from '../summaries/changeMarks';
import { applyToClosedWindows } from '../windows/applyToClosedWindows';
import { storeObservations } from './storeObservations';

/**
 * Stores a batch of one source atomically: its raw rows (new, unchanged or replaced), the buckets the changes
 * touch, the change marks of the touched entities and their groups, and the closed days of their window rows for
 * data of past days; then `withinTransaction` (a source run's cursor). Data for today writes only raw rows,
 * recent buckets and marks.
 */
export async function ingest(
  db: Knex,
  source: string,
  observations: readonly Observation[],
  now: Date,
  options: IngestOptions = {},
): Promise<IngestCounts> {
  const nowIso = now.toISOString();
  const today = utcDay(now);
  return lockedTransaction(db, async trx => {
    const { counts, operations } = await storeObservations(
      trx,
      source,
      observations,
      nowIso,
    );
    if (operations.length > 0) {
      await applyToBuckets(trx, source, operations, today, nowIso);
      const touched = [
        ...new Set(operations.map(o => o.observation.entityRef)),
      ];
      await markEntitiesChanged(trx, touched);
      await markGroupsOfEntitiesChanged(trx, touched);
      // After the buckets: a window row that must be rebuilt reads them.
      await applyToClosedWindows(trx, source, operations, today, nowIso);
    }
    await options.withinTransaction?.(trx);
    return counts;
  });
}
