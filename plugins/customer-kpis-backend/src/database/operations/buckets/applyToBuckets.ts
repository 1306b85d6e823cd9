// Ingest's read-modify-write of one source's daily buckets, over the history and the recent buckets.
import {
  KpiId,
  aggregatorFor,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import { bulkUpsert, whereKeyIn } from '../../bulk';
import {
  BUCKET_COLUMNS,
  BUCKET_KEY,
  BUCKET_TABLES,
  DAILY_BUCKETS,
  RECENT_BUCKETS,
} from '../../tables';
import { TRUSTED } from '../../util';
import { Operation } from '../types';

/** A daily bucket of one source as stored, and the table it is in. */
interface StoredBucket {
  entity_ref: string;
  kpi: string;
  day: string;
  aggregate: string;
  table: string;
}

/** A daily bucket with the batch's operations applied. */
interface MergedBucket {
  entityRef: string;
  kpi: KpiId;
  day: string;
  aggregate: unknown;
  /** The table the bucket is stored in; undefined for a new one. */
  table: string | undefined;
}

type BucketKey = { entity_ref: string; kpi: string; day: string };

/** A stored bucket of the source that a batch's removals emptied (and that was therefore deleted). */
export interface EmptiedBucket {
  entityRef: string;
  kpi: KpiId;
  day: string;
}

/** The key of a bucket of one source in maps. */
const bucketKey = (entityRef: string, kpi: string, day: string) =>
  `${kpi}|${day}|${entityRef}`;

/**
 * The source's stored buckets of the given keys, by {@link bucketKey}. Keys of today or later are looked up in the
 * recent buckets only: the history's index is not touched by data for today.
 */
async function readSourceBuckets(
  trx: Knex.Transaction,
  source: string,
  keys: readonly BucketKey[],
  today: string,
): Promise<Map<string, StoredBucket>> {
  const unique = new Map(
    keys.map(k => [
      bucketKey(k.entity_ref, k.kpi, k.day),
      { entity_ref: k.entity_ref, kpi: k.kpi, day: k.day },
    ]),
  );
  const all = [...unique.values()];
  const past = all.filter(k => k.day < today);
  const result = new Map<string, StoredBucket>();
  for (const [table, list] of [
    [RECENT_BUCKETS, all],
    [DAILY_BUCKETS, past],
  ] as const) {
    if (list.length === 0) continue;
    const rows: Omit<StoredBucket, 'table'>[] = await whereKeyIn(
      trx,
      table,
      BUCKET_KEY,
      list,
    )
      .where({ source })
      .select('entity_ref', 'kpi', 'day', 'aggregate');
    for (const row of rows) {
      result.set(bucketKey(row.entity_ref, row.kpi, row.day), {
        ...row,
        table,
      });
    }
  }
  return result;
}

/** Adds and un-merges the operations in the buckets they touch; returns those buckets with their new aggregates. */
function mergeIntoBuckets(
  stored: ReadonlyMap<string, StoredBucket>,
  operations: readonly Operation[],
): Map<string, MergedBucket> {
  const merged = new Map<string, MergedBucket>();
  for (const { observation, day, sign } of operations) {
    const aggregator = aggregatorFor(observation.kpi);
    const k = bucketKey(observation.entityRef, observation.kpi, day);
    let bucket = merged.get(k);
    if (!bucket) {
      const row = stored.get(k);
      bucket = {
        entityRef: observation.entityRef,
        kpi: observation.kpi,
        day,
        aggregate: row
          ? aggregator.parse(row.aggregate, TRUSTED)
          : aggregator.empty(),
        table: row?.table,
      };
      merged.set(k, bucket);
    }
    bucket.aggregate =
      sign > 0
        ? aggregator.add(bucket.aggregate, observation)
        : aggregator.remove(bucket.aggregate, observation);
  }
  return merged;
}

/**
 * Writes merged buckets of the source where they are stored; a new bucket goes to the recent buckets if it is of
 * today or later, to the history otherwise. A bucket left without observations is deleted; returns those.
 */
async function writeBuckets(
  trx: Knex.Transaction,
  source: string,
  buckets: ReadonlyMap<string, MergedBucket>,
  nowIso: string,
  today: string,
): Promise<EmptiedBucket[]> {
  const deleted: EmptiedBucket[] = [];
  const upserts = new Map<string, Record<string, unknown>[]>(
    BUCKET_TABLES.map(t => [t, []]),
  );
  const emptied = new Map<string, BucketKey[]>(BUCKET_TABLES.map(t => [t, []]));
  for (const bucket of buckets.values()) {
    const aggregator = aggregatorFor(bucket.kpi);
    const count = aggregator.count(bucket.aggregate);
    const key = {
      entity_ref: bucket.entityRef,
      kpi: bucket.kpi,
      day: bucket.day,
    };
    if (count === 0) {
      if (bucket.table) {
        emptied.get(bucket.table)!.push(key);
        deleted.push({
          entityRef: bucket.entityRef,
          kpi: bucket.kpi,
          day: bucket.day,
        });
      }
      continue;
    }
    const table =
      bucket.table ?? (bucket.day >= today ? RECENT_BUCKETS : DAILY_BUCKETS);
    upserts.get(table)!.push({
      ...key,
      source,
      observations: count,
      aggregate: aggregator.serialise(bucket.aggregate),
      updated_at: nowIso,
    });
  }
  for (const table of BUCKET_TABLES) {
    const gone = emptied.get(table)!;
    if (gone.length > 0) {
      await whereKeyIn(trx, table, BUCKET_KEY, gone).where({ source }).delete();
    }
    await bulkUpsert(trx, table, BUCKET_COLUMNS, upserts.get(table)!, [
      'entity_ref',
      'kpi',
      'day',
      'source',
    ]);
  }
  return deleted;
}

/**
 * Applies the operations (adds and un-merges, in order) to the source's buckets they touch, in the caller's
 * transaction. A replaced or retracted observation is un-merged from its old bucket, which may be another day or
 * entity, and may be in either table. Returns the stored buckets the un-merges emptied (and that were deleted): the
 * source no longer has data on those days.
 */
export async function applyToBuckets(
  trx: Knex.Transaction,
  source: string,
  operations: readonly Operation[],
  today: string,
  nowIso: string,
): Promise<EmptiedBucket[]> {
  const stored = await readSourceBuckets(
    trx,
    source,
    operations.map(o => ({
      entity_ref: o.observation.entityRef,
      kpi: o.observation.kpi,
      day: o.day,
    })),
    today,
  );
  return writeBuckets(
    trx,
    source,
    mergeIntoBuckets(stored, operations),
    nowIso,
    today,
  );
}
