// Ingest's first step: stores a batch's raw observations and classifies each as new, unchanged or replaced.
import {
  Observation,
  observationDay,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import { bulkInsertMissing, bulkUpdate, whereInList } from '../../bulk';
import { IngestCounts } from '../../KpiStore';
import { OBSERVATIONS, OBSERVATION_COLUMNS } from '../../tables';
import { canonicalJson } from '../../util';
import { Operation } from '../types';

/** What storing a batch's raw rows found: the counts, and what the aggregates must take. */
export interface StoredBatch {
  counts: Omit<IngestCounts, 'retracted'>;
  /** The un-merges of replaced observations first (at their old day and entity), then the adds. */
  operations: Operation[];
}

/**
 * Stores the raw rows of a batch of one source, in the caller's transaction. A new observation is inserted; one
 * stored with the same canonical JSON is unchanged; one with another payload replaces the stored row, and its old
 * version is un-merged. Within a batch the last occurrence of an id wins, as if the items had arrived one after
 * the other.
 */
export async function storeObservations(
  trx: Knex.Transaction,
  source: string,
  observations: readonly Observation[],
  nowIso: string,
): Promise<StoredBatch> {
  const byId = new Map<string, Observation>();
  for (const observation of observations) byId.set(observation.id, observation);
  const rows = [...byId].map(([id, observation]) => ({
    source,
    observation_id: id,
    kpi: observation.kpi,
    entity_ref: observation.entityRef,
    day: observationDay(observation),
    payload: canonicalJson(observation),
    received_at: nowIso,
  }));
  // Most observations are new: they go in at once, and only ids already stored are read back and compared.
  const inserted = new Set(
    await bulkInsertMissing(
      trx,
      OBSERVATIONS,
      OBSERVATION_COLUMNS,
      rows,
      ['source', 'observation_id'],
      'observation_id',
    ),
  );
  const seenBefore = rows.filter(row => !inserted.has(row.observation_id));
  const stored = new Map<string, { day: string; payload: string }>();
  if (seenBefore.length > 0) {
    const storedRows = await trx(OBSERVATIONS)
      .where({ source })
      .where(
        whereInList(
          trx,
          'observation_id',
          seenBefore.map(row => row.observation_id),
        ),
      )
      .select('observation_id', 'day', 'payload');
    for (const row of storedRows) stored.set(row.observation_id, row);
  }

  const counts: StoredBatch['counts'] = {
    inserted: inserted.size,
    unchanged: 0,
    replaced: 0,
  };
  const adds: Operation[] = [];
  const removals: Operation[] = [];
  const replacements: Record<string, unknown>[] = [];
  for (const row of rows) {
    const old = stored.get(row.observation_id);
    if (old && old.payload === row.payload) {
      counts.unchanged++;
      continue;
    }
    if (old) {
      counts.replaced++;
      replacements.push(row);
      removals.push({
        observation: JSON.parse(old.payload),
        day: old.day,
        sign: -1,
      });
    }
    adds.push({
      observation: byId.get(row.observation_id)!,
      day: row.day,
      sign: 1,
    });
  }
  await bulkUpdate(trx, OBSERVATIONS, OBSERVATION_COLUMNS, replacements, [
    'source',
    'observation_id',
  ]);
  return { counts, operations: [...removals, ...adds] };
}
