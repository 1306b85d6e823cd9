// Ingest's retractions: deletes the raw rows of retracted ids and hands their observations back to be un-merged.
import { Knex } from 'knex';
import { whereInList } from '../../bulk';
import { OBSERVATIONS } from '../../tables';
import { Operation } from '../types';

/** What retracting a batch's ids found. */
export interface RetractedBatch {
  /** Stored observations removed. */
  retracted: number;
  /** Ids that were not stored (never sent, already retracted, or their raw row past retention): no-ops. */
  notStored: number;
  /** The un-merge of each removed observation, at the day and entity it was stored with. */
  operations: Operation[];
}

/**
 * Deletes the stored raw rows of the source's retracted ids, in the caller's transaction, and returns their
 * observations as removals. An id given twice is retracted once; an id not stored is a no-op.
 */
export async function retractObservations(
  trx: Knex.Transaction,
  source: string,
  ids: readonly string[],
): Promise<RetractedBatch> {
  const unique = [...new Set(ids)];
  if (unique.length === 0)
    return { retracted: 0, notStored: 0, operations: [] };
  const stored: { observation_id: string; day: string; payload: string }[] =
    await trx(OBSERVATIONS)
      .where({ source })
      .where(whereInList(trx, 'observation_id', unique))
      .select('observation_id', 'day', 'payload');
  if (stored.length > 0) {
    await trx(OBSERVATIONS)
      .where({ source })
      .where(
        whereInList(
          trx,
          'observation_id',
          stored.map(row => row.observation_id),
        ),
      )
      .delete();
  }
  return {
    retracted: stored.length,
    notStored: unique.length - stored.length,
    operations: stored.map(row => ({
      observation: JSON.parse(row.payload),
      day: row.day,
      sign: -1 as const,
    })),
  };
}
