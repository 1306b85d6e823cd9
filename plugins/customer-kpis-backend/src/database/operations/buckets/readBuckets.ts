// Reads of the daily buckets, over the history and the recent buckets alike: for windows, series and today.
import {
  KPI_IDS,
  KpiId,
  aggregatorFor,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import { DayAggregate } from '../../KpiStore';
import { whereInList } from '../../bulk';
import {
  BUCKET_ROW_COLUMNS,
  DAILY_BUCKETS,
  RECENT_BUCKETS,
} from '../../tables';
import { TRUSTED, chunks } from '../../util';
import { BucketRow, OpenDay, openDaysByPair } from '../../windowAccumulator';
import { Db, Pair } from '../types';

/** Entities per read, which bounds what one statement returns. */
const IN_CHUNK = 500;

/** One statement over both bucket tables: `refine` gives each the same filters and columns (`union all`). */
export function fromBothBucketTables(
  db: Db,
  refine: (query: Knex.QueryBuilder) => Knex.QueryBuilder,
): Knex.QueryBuilder {
  return refine(db(DAILY_BUCKETS)).unionAll(refine(db(RECENT_BUCKETS)));
}

/** The buckets (every source) of the pairs from `from` to `to`, inclusive. */
export async function readBucketsOfPairs(
  db: Db,
  pairs: readonly Pair[],
  from: string,
  to: string,
): Promise<BucketRow[]> {
  const rows: BucketRow[] = [];
  for (const kpi of KPI_IDS) {
    const refs = [
      ...new Set(pairs.filter(p => p.kpi === kpi).map(p => p.entityRef)),
    ];
    for (const refChunk of chunks(refs, IN_CHUNK)) {
      rows.push(
        ...(await fromBothBucketTables(db, query =>
          query
            .where({ kpi })
            .where(whereInList(db, 'entity_ref', refChunk))
            .whereBetween('day', [from, to])
            .select(...BUCKET_ROW_COLUMNS),
        )),
      );
    }
  }
  return rows;
}

/** Daily aggregates of one KPI of one entity over an inclusive day range, merged across sources, ascending. */
export function readDays(
  db: Db,
  entityRef: string,
  kpi: KpiId,
  from: string,
  to: string,
): Promise<DayAggregate[]> {
  return readDaysOfEntities(db, [entityRef], kpi, from, to);
}

/**
 * Daily aggregates of one KPI over an inclusive day range, each day merged across the sources and the entities
 * (a product and its members: the pooled series), ascending. An entity listed twice counts once.
 */
export async function readDaysOfEntities(
  db: Db,
  entityRefs: readonly string[],
  kpi: KpiId,
  from: string,
  to: string,
): Promise<DayAggregate[]> {
  const aggregator = aggregatorFor(kpi);
  const byDay = new Map<string, unknown>();
  for (const refs of chunks([...new Set(entityRefs)], IN_CHUNK)) {
    const rows: { day: string; aggregate: string }[] =
      await fromBothBucketTables(db, query =>
        query
          .where({ kpi })
          .where(whereInList(db, 'entity_ref', refs))
          .whereBetween('day', [from, to])
          .select('day', 'aggregate'),
      );
    for (const row of rows) {
      const aggregate = aggregator.parse(row.aggregate, TRUSTED);
      const merged = byDay.get(row.day);
      byDay.set(
        row.day,
        merged === undefined ? aggregate : aggregator.merge(merged, aggregate),
      );
    }
  }
  return [...byDay.keys()]
    .sort()
    .map(day => ({ day, aggregate: byDay.get(day) }));
}

/** Today's buckets of the entities, every KPI, merged per pair (all of them are recent buckets). */
export async function readOpenDays(
  db: Db,
  entityRefs: readonly string[],
  today: string,
): Promise<Map<string, OpenDay>> {
  return openDaysByPair(
    await db(RECENT_BUCKETS)
      .where(whereInList(db, 'entity_ref', entityRefs))
      .where({ day: today })
      .select(...BUCKET_ROW_COLUMNS),
  );
}
