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
import { rebuildEmptiedPairs } from '../windows/rebuildEmptiedPairs';
import { pairKey } from '../../windowAccumulator';
import { retractObservations } from './retractObservations';
import { storeObservations } from './storeObservations';

/** A batch that both observes and retracts an id: refused before anything is written. */
export class ObservedAndRetractedError extends Error {}

/**
 * Stores a batch of one source atomically: its raw rows (new, unchanged, replaced or retracted), the buckets the
 * changes touch, the change marks of the touched entities and their groups, and the closed days of their window
 * rows for data of past days; then `withinTransaction` (a source run's cursor). Data for today writes only raw
 * rows, recent buckets and marks, unless an un-merge empties a bucket of the source: then the pair's window rows are
 * rebuilt (or deleted, when the pair has no data left), so that their sources are those of the data that remains.
 */
export async function ingest(
  db: Knex,
  source: string,
  observations: readonly Observation[],
  now: Date,
  options: IngestOptions = {},
): Promise<IngestCounts> {
  const retractions = options.retractions ?? [];
  const observed = new Set(observations.map(o => o.id));
  const both = retractions.find(id => observed.has(id));
  if (both !== undefined) {
    throw new ObservedAndRetractedError(
      `observation id ${JSON.stringify(
        both,
      )} is both observed and retracted in one batch; nothing was stored`,
    );
  }
  const nowIso = now.toISOString();
  const today = utcDay(now);
  return lockedTransaction(db, async trx => {
    const retracted = await retractObservations(trx, source, retractions);
    const stored = await storeObservations(trx, source, observations, nowIso);
    // The retractions' un-merges first, like those of replaced observations: the adds come last.
    const operations = [...retracted.operations, ...stored.operations];
    if (operations.length > 0) {
      const emptied = await applyToBuckets(
        trx,
        source,
        operations,
        today,
        nowIso,
      );
      const touched = [
        ...new Set(operations.map(o => o.observation.entityRef)),
      ];
      await markEntitiesChanged(trx, touched);
      await markGroupsOfEntitiesChanged(trx, touched);
      // After the buckets: a window row that must be rebuilt reads them.
      const settled = await rebuildEmptiedPairs(trx, emptied, today);
      await applyToClosedWindows(
        trx,
        source,
        operations.filter(
          o =>
            !settled.has(pairKey(o.observation.entityRef, o.observation.kpi)),
        ),
        today,
        nowIso,
      );
    }
    await options.withinTransaction?.(trx);
    return {
      ...stored.counts,
      unchanged: stored.counts.unchanged + retracted.notStored,
      retracted: retracted.retracted,
    };
  });
}
