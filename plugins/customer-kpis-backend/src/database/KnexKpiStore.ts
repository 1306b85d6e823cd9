// The knex implementation of the KPI store, for SQLite and PostgreSQL.
import {
  KPI_IDS,
  KpiId,
  KpiSummary,
  Observation,
  STANDARD_WINDOW_DAYS,
  addDaysToDay,
  aggregatorFor,
  observationDay,
  utcDay,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import {
  DataPresence,
  DayAggregate,
  IngestCounts,
  IngestOptions,
  KpiStore,
  WindowAggregates,
  WindowSummaries,
} from './KpiStore';
import {
  AccumulatedWindow,
  BucketRow,
  OpenDay,
  accumulateWindows,
  earliestDayNeeded,
  openDaysByPair,
  pairKey,
  withOpenDay,
} from './windowAccumulator';
import { markGroupsOfEntitiesChanged } from './GroupSummaryStore';
import { TRUSTED, canonicalJson, chunks, toIso } from './util';
import {
  BulkColumn,
  bulkInsertMissing,
  bulkUpdate,
  bulkUpsert,
  isPostgres,
  whereInList,
  whereKeyIn,
} from './bulk';

const OBSERVATIONS = 'customer_kpis_observations';
const BUCKETS = 'customer_kpis_daily_buckets';
/**
 * Buckets of the open day (today) and later, until the day closes and {@link KnexKpiStore.rollWindowsForward} moves
 * them into {@link BUCKETS}. A bucket is in one of the two tables: a day before today in either (the move is late
 * after a pause), today or later only here.
 */
const RECENT = 'customer_kpis_recent_buckets';
const BUCKET_TABLES = [BUCKETS, RECENT];

/** One statement over both bucket tables: `refine` gives each the same filters and columns (`union all`). */
function fromBothBucketTables(
  db: Knex | Knex.Transaction,
  refine: (query: Knex.QueryBuilder) => Knex.QueryBuilder,
): Knex.QueryBuilder {
  return refine(db(BUCKETS)).unionAll(refine(db(RECENT)));
}
const WINDOWS = 'customer_kpis_window_summaries';
const CHANGES = 'customer_kpis_window_changes';
/** Marked entities whose summaries one refresh step recomputes. */
const REFRESH_CHUNK = 100;

/** Entities per read of window rows or buckets, which bounds what one statement returns. */
const IN_CHUNK = 500;
/** Window rows per write: their aggregates make them large. */
const WINDOW_WRITE_CHUNK = 200;

const textColumn = (name: string): BulkColumn => ({ name, type: 'text' });
const OBSERVATION_COLUMNS: BulkColumn[] = [
  textColumn('source'),
  textColumn('observation_id'),
  textColumn('kpi'),
  textColumn('entity_ref'),
  textColumn('day'),
  textColumn('payload'),
  { name: 'received_at', type: 'timestamptz' },
];
const BUCKET_KEY: BulkColumn[] = [
  textColumn('entity_ref'),
  textColumn('kpi'),
  textColumn('day'),
];
const BUCKET_COLUMNS: BulkColumn[] = [
  ...BUCKET_KEY,
  textColumn('source'),
  { name: 'observations', type: 'integer' },
  textColumn('aggregate'),
  { name: 'updated_at', type: 'timestamptz' },
];
/** The columns of a {@link BucketRow}. */
const BUCKET_ROW_COLUMNS = [
  'entity_ref',
  'kpi',
  'day',
  'source',
  'aggregate',
  'updated_at',
];
const PAIR_KEY: BulkColumn[] = [textColumn('entity_ref'), textColumn('kpi')];
const WINDOW_KEY: BulkColumn[] = [
  ...PAIR_KEY,
  { name: 'window_days', type: 'integer' },
];
const SUMMARY_COLUMNS: BulkColumn[] = [
  ...WINDOW_KEY,
  { name: 'value', type: 'double precision' },
  { name: 'n', type: 'integer' },
  textColumn('summary'),
  textColumn('sources'),
  { name: 'last_data_at', type: 'timestamptz' },
];
const WINDOW_COLUMNS: BulkColumn[] = [
  ...SUMMARY_COLUMNS,
  textColumn('as_of'),
  textColumn('current_aggregate'),
  textColumn('previous_aggregate'),
];
const MARK_COLUMNS: BulkColumn[] = [
  textColumn('entity_ref'),
  { name: 'version', type: 'bigint' },
];

/** One observation's effect on the aggregates: added (+1) or un-merged (−1). */
interface Operation {
  observation: Observation;
  day: string;
  sign: 1 | -1;
}

interface WindowRow {
  entity_ref: string;
  kpi: string;
  window_days: number;
  as_of: string;
  value: number | null;
  n: number;
  current_aggregate: string;
  previous_aggregate: string;
  sources: string;
  last_data_at: unknown;
  summary: string | null;
}

type Pair = { entityRef: string; kpi: KpiId };

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

/** The key of a bucket of one source in maps. */
const bucketKey = (entityRef: string, kpi: string, day: string) =>
  `${kpi}|${day}|${entityRef}`;

/** What the summary columns of a window row hold (the summaries travel as JSON). */
interface StoredSummaries {
  current: KpiSummary;
  previous: KpiSummary;
}

/** Options of {@link KnexKpiStore}. */
export interface KnexKpiStoreOptions {
  /** The clock that decides "today" (UTC); tests pass a fixed one. */
  now?: () => Date;
}

/** The KPI store on a knex database (SQLite or PostgreSQL). */
export class KnexKpiStore implements KpiStore {
  private readonly now: () => Date;
  /** When this process last looked for summaries of a past day (readers call the roll-over on every overview). */
  private lastRollCheck?: { day: string; at: number };

  constructor(private readonly db: Knex, options: KnexKpiStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Ingest reads aggregates, changes them in the backend and writes them back; so do rebuilds. On PostgreSQL
   * such transactions take one transaction-level advisory lock, so that two of them never interleave on the same
   * bucket or window row (SQLite has a single writer already).
   */
  private async serialiseWrites(trx: Knex.Transaction) {
    if (isPostgres(this.db)) {
      await trx.raw(
        "select pg_advisory_xact_lock(hashtext('customer-kpis-aggregates'))",
      );
    }
  }

  async ingest(
    source: string,
    observations: readonly Observation[],
    options: IngestOptions = {},
  ): Promise<IngestCounts> {
    const now = this.now();
    const today = utcDay(now);
    const nowIso = now.toISOString();
    // Within one batch the last occurrence of an id wins, as if the items had arrived one after the other.
    const byId = new Map<string, Observation>();
    for (const observation of observations)
      byId.set(observation.id, observation);

    return this.db.transaction(async trx => {
      await this.serialiseWrites(trx);
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

      const counts: IngestCounts = {
        inserted: inserted.size,
        unchanged: 0,
        replaced: 0,
      };
      const operations: Operation[] = [];
      const replacements: Record<string, unknown>[] = [];
      const removals: Operation[] = [];
      for (const row of rows) {
        const observation = byId.get(row.observation_id)!;
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
        operations.push({ observation, day: row.day, sign: 1 });
      }
      operations.unshift(...removals);
      if (operations.length === 0) {
        await options.withinTransaction?.(trx);
        return counts;
      }
      // A replaced observation is un-merged from its old bucket, which may be another day or entity.
      const buckets = await this.readSourceBuckets(
        trx,
        source,
        operations.map(o => ({
          entity_ref: o.observation.entityRef,
          kpi: o.observation.kpi,
          day: o.day,
        })),
        today,
      );
      const writes = this.mergeIntoBuckets(buckets, operations);
      const touched = [
        ...new Set(operations.map(o => o.observation.entityRef)),
      ];
      await bulkUpdate(trx, OBSERVATIONS, OBSERVATION_COLUMNS, replacements, [
        'source',
        'observation_id',
      ]);
      await this.writeBuckets(trx, source, writes, nowIso, today);
      await this.markEntitiesChanged(trx, touched);
      await markGroupsOfEntitiesChanged(trx, touched);
      // After the buckets: a window row that must be rebuilt reads them.
      await this.applyToClosedWindows(trx, source, operations, today, nowIso);
      await options.withinTransaction?.(trx);
      return counts;
    });
  }

  /**
   * The source's stored buckets of the given (entity, KPI, day) keys, by {@link bucketKey}. Keys of today or later
   * are looked up in the recent buckets only: the history's index is not touched by data for today.
   */
  private async readSourceBuckets(
    trx: Knex.Transaction,
    source: string,
    keys: ReadonlyArray<{ entity_ref: string; kpi: string; day: string }>,
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
      [RECENT, all],
      [BUCKETS, past],
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
  private mergeIntoBuckets(
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
   * today or later, to the history otherwise. A bucket left without observations is deleted.
   */
  private async writeBuckets(
    trx: Knex.Transaction,
    source: string,
    buckets: ReadonlyMap<string, MergedBucket>,
    nowIso: string,
    today: string,
  ) {
    const upserts = new Map<string, Record<string, unknown>[]>(
      BUCKET_TABLES.map(t => [t, []]),
    );
    const emptied = new Map<string, Record<string, unknown>[]>(
      BUCKET_TABLES.map(t => [t, []]),
    );
    for (const bucket of buckets.values()) {
      const aggregator = aggregatorFor(bucket.kpi);
      const count = aggregator.count(bucket.aggregate);
      const row = {
        entity_ref: bucket.entityRef,
        kpi: bucket.kpi,
        day: bucket.day,
      };
      if (count === 0) {
        if (bucket.table) emptied.get(bucket.table)!.push(row);
        continue;
      }
      const table = bucket.table ?? (bucket.day >= today ? RECENT : BUCKETS);
      upserts.get(table)!.push({
        ...row,
        source,
        observations: count,
        aggregate: aggregator.serialise(bucket.aggregate),
        updated_at: nowIso,
      });
    }
    for (const table of BUCKET_TABLES) {
      const gone = emptied.get(table)!;
      if (gone.length > 0) {
        await whereKeyIn(trx, table, BUCKET_KEY, gone)
          .where({ source })
          .delete();
      }
      await bulkUpsert(trx, table, BUCKET_COLUMNS, upserts.get(table)!, [
        'entity_ref',
        'kpi',
        'day',
        'source',
      ]);
    }
  }

  /**
   * Keeps the closed days of the touched pairs' window rows current: an operation on a past day within reach of
   * the longest previous window is applied incrementally to rows already as of today; missing or older rows are
   * rebuilt from the (already updated) buckets. Operations on today touch no window row: today's buckets are
   * merged in when read, and the summary columns follow from the change marks.
   */
  private async applyToClosedWindows(
    trx: Knex.Transaction,
    source: string,
    operations: readonly Operation[],
    today: string,
    nowIso: string,
  ) {
    const earliest = earliestDayNeeded(today, STANDARD_WINDOW_DAYS);
    const byPair = new Map<string, Operation[]>();
    for (const operation of operations) {
      if (operation.day >= today || operation.day < earliest) continue;
      const k = pairKey(
        operation.observation.entityRef,
        operation.observation.kpi,
      );
      const list = byPair.get(k) ?? [];
      list.push(operation);
      byPair.set(k, list);
    }
    if (byPair.size === 0) return;
    const pairs = [...byPair.values()].map(list => ({
      entityRef: list[0].observation.entityRef,
      kpi: list[0].observation.kpi,
    }));
    const existing = await this.loadWindowRows(trx, pairs);

    // Day arithmetic once per window length, not once per row.
    const windowStarts = new Map(
      STANDARD_WINDOW_DAYS.map(w => [
        w as number,
        {
          currentFrom: addDaysToDay(today, -(w - 1)),
          previousFrom: addDaysToDay(today, -(2 * w - 1)),
        },
      ]),
    );
    const rebuild: Pair[] = [];
    const updates: Record<string, unknown>[] = [];
    for (const pair of pairs) {
      const k = pairKey(pair.entityRef, pair.kpi);
      const rows = STANDARD_WINDOW_DAYS.map(w => existing.get(`${k}|${w}`));
      const aggregator = aggregatorFor(pair.kpi);
      // A stored window part (adoption keeps its latest day) cannot take a removal: rebuild from the buckets.
      const partCannotTake =
        aggregator.hasWindowPart && byPair.get(k)!.some(o => o.sign < 0);
      if (partCannotTake || rows.some(row => !row || row.as_of !== today)) {
        rebuild.push(pair);
        continue;
      }
      for (const row of rows as WindowRow[]) {
        const { currentFrom, previousFrom } = windowStarts.get(
          row.window_days,
        )!;
        const ops = byPair.get(k)!.filter(o => o.day >= previousFrom);
        if (ops.length === 0) continue;
        const currentOps = ops.filter(o => o.day >= currentFrom);
        const previousOps = ops.filter(o => o.day < currentFrom);
        // Aggregates are parsed, changed and serialised only when an operation falls into them.
        const apply = (text: string, list: Operation[]) =>
          list.length === 0
            ? text
            : aggregator.serialise(
                aggregator.windowPart(
                  list.reduce(
                    (aggregate, { observation, sign }) =>
                      sign > 0
                        ? aggregator.add(aggregate, observation)
                        : aggregator.remove(aggregate, observation),
                    aggregator.parse(text, TRUSTED),
                  ),
                ),
              );
        const sources = new Set<string>(JSON.parse(row.sources));
        if (ops.some(o => o.sign > 0)) sources.add(source);
        // The summary columns stay as they are until the pair's change mark is taken up.
        updates.push({
          ...row,
          current_aggregate: apply(row.current_aggregate, currentOps),
          previous_aggregate: apply(row.previous_aggregate, previousOps),
          sources: JSON.stringify([...sources].sort()),
          last_data_at: nowIso,
        });
      }
    }
    await this.writeWindowRows(trx, updates);
    await this.rebuildWindows(trx, rebuild, today);
  }

  /** The summary columns of a window: the window as it stands now (closed days and today) and the one before. */
  private summaryColumns(
    kpi: KpiId,
    current: unknown,
    previous: unknown,
  ): { value: number | null; n: number; summary: string } {
    const aggregator = aggregatorFor(kpi);
    const summaries: StoredSummaries = {
      current: aggregator.summarise(current),
      previous: aggregator.summarise(previous),
    };
    return {
      value: summaries.current.value,
      n: summaries.current.n,
      summary: JSON.stringify(summaries),
    };
  }

  /** A window row from its closed days, with the summary columns of the window as it stands with `open`. */
  private windowRow(
    closed: AccumulatedWindow,
    open: OpenDay | undefined,
    asOf: string,
  ): Record<string, unknown> {
    const aggregator = aggregatorFor(closed.kpi);
    const live = withOpenDay(closed, open);
    return {
      entity_ref: closed.entityRef,
      kpi: closed.kpi,
      window_days: closed.windowDays,
      as_of: asOf,
      current_aggregate: aggregator.serialise(
        aggregator.windowPart(closed.current),
      ),
      previous_aggregate: aggregator.serialise(
        aggregator.windowPart(closed.previous),
      ),
      ...this.summaryColumns(closed.kpi, live.current, closed.previous),
      sources: JSON.stringify(live.sources),
      last_data_at: live.lastDataAt,
    };
  }

  private async writeWindowRows(
    trx: Knex | Knex.Transaction,
    rows: Record<string, unknown>[],
  ) {
    for (const batch of chunks(rows, WINDOW_WRITE_CHUNK)) {
      await bulkUpsert(trx, WINDOWS, WINDOW_COLUMNS, batch, [
        'entity_ref',
        'kpi',
        'window_days',
      ]);
    }
  }

  private async loadWindowRows(
    trx: Knex | Knex.Transaction,
    pairs: readonly Pair[],
  ): Promise<Map<string, WindowRow>> {
    const result = new Map<string, WindowRow>();
    for (const batch of chunks(pairs, IN_CHUNK)) {
      const rows: WindowRow[] = await whereKeyIn(
        trx,
        WINDOWS,
        PAIR_KEY,
        batch.map(p => ({ entity_ref: p.entityRef, kpi: p.kpi })),
      );
      for (const row of rows) {
        result.set(
          `${pairKey(row.entity_ref, row.kpi)}|${row.window_days}`,
          row,
        );
      }
    }
    return result;
  }

  /** Reads the buckets of the pairs' KPIs of the entities from `from` to `to`, inclusive. */
  private async readBuckets(
    trx: Knex | Knex.Transaction,
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
          ...(await fromBothBucketTables(trx, query =>
            query
              .where({ kpi })
              .where(whereInList(trx, 'entity_ref', refChunk))
              .whereBetween('day', [from, to])
              .select(...BUCKET_ROW_COLUMNS),
          )),
        );
      }
    }
    return rows;
  }

  /** Rebuilds the standard window rows of the pairs from their buckets, summary columns included. */
  private async rebuildWindows(
    trx: Knex | Knex.Transaction,
    pairs: readonly Pair[],
    asOf: string,
  ) {
    if (pairs.length === 0) return;
    const rows = await this.readBuckets(
      trx,
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
      for (const w of windows) {
        writes.push(this.windowRow(w, open.get(key), asOf));
      }
    }
    await this.writeWindowRows(trx, writes);
  }

  /** Marks the summary columns of the entities' KPIs as behind (bumps their version). */
  private async markEntitiesChanged(
    trx: Knex.Transaction,
    entityRefs: readonly string[],
  ) {
    // A stable order keeps concurrent writers from locking the same rows in opposite orders.
    await bulkUpsert(
      trx,
      CHANGES,
      MARK_COLUMNS,
      [...entityRefs].sort().map(entity_ref => ({ entity_ref, version: 1 })),
      ['entity_ref'],
      `"version" = "${CHANGES}"."version" + 1`,
    );
  }

  /** Today's buckets of the entities, every KPI, merged per pair (all of them are recent buckets). */
  private async readOpenDaysOfEntities(
    db: Knex | Knex.Transaction,
    entityRefs: readonly string[],
    today: string,
  ): Promise<Map<string, OpenDay>> {
    return openDaysByPair(
      await db(RECENT)
        .where(whereInList(db, 'entity_ref', entityRefs))
        .where({ day: today })
        .select(...BUCKET_ROW_COLUMNS),
    );
  }

  async refreshSummaries(): Promise<number> {
    const today = utcDay(this.now());
    const marks: { entity_ref: string; version: string | number }[] =
      await this.db(CHANGES).select('entity_ref', 'version');
    let refreshed = 0;
    for (const batch of chunks(marks, REFRESH_CHUNK)) {
      const refs = batch.map(m => m.entity_ref);
      const rows: WindowRow[] = await this.db(WINDOWS).where(
        whereInList(this.db, 'entity_ref', refs),
      );
      const open = await this.readOpenDaysOfEntities(this.db, refs, today);
      // The entities' pairs: those with rows and those whose first data came today.
      const windows = new Map<string, WindowRow[]>();
      for (const row of rows) {
        const k = pairKey(row.entity_ref, row.kpi);
        windows.set(k, [...(windows.get(k) ?? []), row]);
      }
      for (const k of open.keys()) if (!windows.has(k)) windows.set(k, []);
      const rebuild: Pair[] = [];
      const updates: Record<string, unknown>[] = [];
      for (const [k, list] of windows) {
        refreshed++;
        if (
          list.length < STANDARD_WINDOW_DAYS.length ||
          list.some(row => row.as_of !== today)
        ) {
          const { entityRef, kpi } = list.length
            ? { entityRef: list[0].entity_ref, kpi: list[0].kpi as KpiId }
            : open.get(k)!;
          rebuild.push({ entityRef, kpi });
          continue;
        }
        for (const row of list) {
          const live = withOpenDay(this.toWindowAggregates(row), open.get(k));
          updates.push({
            entity_ref: row.entity_ref,
            kpi: row.kpi,
            window_days: row.window_days,
            ...this.summaryColumns(live.kpi, live.current, live.previous),
            sources: JSON.stringify(live.sources),
            last_data_at: live.lastDataAt,
          });
        }
      }
      await this.db.transaction(async trx => {
        await this.serialiseWrites(trx);
        await this.rebuildWindows(trx, rebuild, today);
        // Only the summary columns: an ingest that changed the closed days meanwhile keeps its aggregates (and
        // its newer mark, so that the next refresh takes it up).
        await bulkUpdate(trx, WINDOWS, SUMMARY_COLUMNS, updates, [
          'entity_ref',
          'kpi',
          'window_days',
        ]);
        await whereKeyIn(
          trx,
          CHANGES,
          MARK_COLUMNS,
          batch.map(m => ({ ...m, version: Number(m.version) })),
        ).delete();
      });
    }
    return refreshed;
  }

  private toWindowAggregates(row: WindowRow): WindowAggregates {
    const aggregator = aggregatorFor(row.kpi);
    return {
      entityRef: row.entity_ref,
      kpi: row.kpi as KpiId,
      windowDays: row.window_days,
      asOf: row.as_of,
      current: aggregator.parse(row.current_aggregate, TRUSTED),
      previous: aggregator.parse(row.previous_aggregate, TRUSTED),
      sources: JSON.parse(row.sources),
      lastDataAt: toIso(row.last_data_at),
    };
  }

  async readWindows(
    entityRef: string,
    windowDays: number,
    kpis: readonly KpiId[] = KPI_IDS,
  ): Promise<WindowAggregates[]> {
    const today = utcDay(this.now());
    const pairs = kpis.map(kpi => ({ entityRef, kpi }));
    if (!(STANDARD_WINDOW_DAYS as readonly number[]).includes(windowDays)) {
      const rows = await this.readBuckets(
        this.db,
        pairs,
        earliestDayNeeded(today, [windowDays]),
        today,
      );
      const accumulated = accumulateWindows(rows, today, [windowDays], pairs);
      return pairs.map(p => ({
        ...accumulated.get(pairKey(p.entityRef, p.kpi))![0],
        asOf: today,
      }));
    }
    const read = () =>
      this.db<WindowRow>(WINDOWS)
        .where({ entity_ref: entityRef, window_days: windowDays })
        .whereIn('kpi', kpis);
    let rows = await read();
    const stale = rows.filter(row => row.as_of !== today);
    if (stale.length > 0) {
      await this.db.transaction(async trx => {
        await this.serialiseWrites(trx);
        await this.rebuildWindows(
          trx,
          stale.map(r => ({ entityRef, kpi: r.kpi as KpiId })),
          today,
        );
      });
      rows = await read();
    }
    const open = await this.readOpenDaysOfEntities(this.db, [entityRef], today);
    const byKpi = new Map(rows.map(row => [row.kpi, row]));
    return kpis.map(kpi => {
      const row = byKpi.get(kpi);
      const closed = row
        ? this.toWindowAggregates(row)
        : this.emptyWindow(entityRef, kpi, windowDays, today);
      return withOpenDay(closed, open.get(pairKey(entityRef, kpi)));
    });
  }

  private emptyWindow(
    entityRef: string,
    kpi: KpiId,
    windowDays: number,
    asOf: string,
  ): WindowAggregates {
    const aggregator = aggregatorFor(kpi);
    return {
      entityRef,
      kpi,
      windowDays,
      asOf,
      current: aggregator.empty(),
      previous: aggregator.empty(),
      sources: [],
      lastDataAt: null,
    };
  }

  async readWindowsOfEntities(
    entityRefs: readonly string[],
    windowDays: number,
  ): Promise<WindowAggregates[]> {
    const today = utcDay(this.now());
    const result: WindowAggregates[] = [];
    for (const refs of chunks(entityRefs, IN_CHUNK)) {
      const rows: WindowRow[] = await this.db(WINDOWS)
        .whereIn('entity_ref', refs)
        .where({ window_days: windowDays });
      const open = await this.readOpenDaysOfEntities(this.db, refs, today);
      for (const row of rows) {
        const k = pairKey(row.entity_ref, row.kpi);
        result.push(withOpenDay(this.toWindowAggregates(row), open.get(k)));
        open.delete(k);
      }
      // Pairs whose first data came today have no row until their mark is taken up.
      for (const day of open.values()) {
        result.push(
          withOpenDay(
            this.emptyWindow(day.entityRef, day.kpi, windowDays, today),
            day,
          ),
        );
      }
    }
    return result;
  }

  async readSummariesOfEntities(
    entityRefs: readonly string[],
    windowDays: number,
  ): Promise<WindowSummaries[]> {
    const result: WindowSummaries[] = [];
    for (const refs of chunks(entityRefs, IN_CHUNK)) {
      const rows: Pick<
        WindowRow,
        'entity_ref' | 'kpi' | 'window_days' | 'summary'
      >[] = await this.db(WINDOWS)
        .whereIn('entity_ref', refs)
        .where({ window_days: windowDays })
        .whereNotNull('summary')
        .select('entity_ref', 'kpi', 'window_days', 'summary');
      for (const row of rows) {
        const summaries: StoredSummaries = JSON.parse(row.summary!);
        result.push({
          entityRef: row.entity_ref,
          kpi: row.kpi as KpiId,
          windowDays: row.window_days,
          ...summaries,
        });
      }
    }
    return result;
  }

  async readDays(
    entityRef: string,
    kpi: KpiId,
    from: string,
    to: string,
  ): Promise<DayAggregate[]> {
    const aggregator = aggregatorFor(kpi);
    const rows: { day: string; aggregate: string }[] =
      await fromBothBucketTables(this.db, query =>
        query
          .where({ entity_ref: entityRef, kpi })
          .whereBetween('day', [from, to])
          .select('day', 'aggregate'),
      ).orderBy('day');
    const days: DayAggregate[] = [];
    for (const row of rows) {
      const aggregate = aggregator.parse(row.aggregate, TRUSTED);
      const last = days[days.length - 1];
      if (last && last.day === row.day) {
        last.aggregate = aggregator.merge(last.aggregate, aggregate);
      } else {
        days.push({ day: row.day, aggregate });
      }
    }
    return days;
  }

  async rollWindowsForward(): Promise<number> {
    const now = this.now();
    const today = utcDay(now);
    // Rows are written as of today, so within a day only a write racing midnight can leave a stale one:
    // looking once a minute is enough and spares every overview request a scan of the summaries.
    const last = this.lastRollCheck;
    if (last?.day === today && now.getTime() - last.at < 60_000) return 0;
    this.lastRollCheck = { day: today, at: now.getTime() };
    await this.moveClosedRecentBuckets(today);
    const stale = await this.db(WINDOWS)
      .where('as_of', '<', today)
      .distinct('entity_ref', 'kpi');
    await this.rebuildPairsInBatches(stale, today);
    return stale.length;
  }

  /** Moves the recent buckets of days before today into the history, in one transaction. */
  private async moveClosedRecentBuckets(today: string) {
    await this.db.transaction(async trx => {
      await this.serialiseWrites(trx);
      const columns = BUCKET_COLUMNS.map(c => c.name);
      await trx
        .into(trx.raw('?? (??)', [BUCKETS, columns]))
        .insert(trx(RECENT).where('day', '<', today).select(columns));
      await trx(RECENT).where('day', '<', today).delete();
    });
  }

  async rebuildAllWindows(): Promise<number> {
    const today = utcDay(this.now());
    // `union` (not `all`): a pair with buckets in both tables is rebuilt once.
    const pairs: { entity_ref: string; kpi: string }[] = await this.db(BUCKETS)
      .distinct('entity_ref', 'kpi')
      .union(this.db(RECENT).distinct('entity_ref', 'kpi'));
    // Group summaries are recomputed from the rebuilt entity summaries when next read.
    await this.db('customer_kpis_group_summaries').delete();
    await this.rebuildPairsInBatches(pairs, today);
    return pairs.length;
  }

  /** Rebuilds the windows of (entity_ref, kpi) rows, 200 pairs per transaction. */
  private async rebuildPairsInBatches(
    rows: ReadonlyArray<{ entity_ref: string; kpi: string }>,
    today: string,
  ) {
    for (const batch of chunks(rows, 200)) {
      await this.db.transaction(async trx => {
        await this.serialiseWrites(trx);
        await this.rebuildWindows(
          trx,
          batch.map(r => ({ entityRef: r.entity_ref, kpi: r.kpi as KpiId })),
          today,
        );
      });
    }
  }

  async deleteObservationsReceivedBefore(before: string): Promise<number> {
    return this.db(OBSERVATIONS).where('received_at', '<', before).delete();
  }

  async deleteEntityData(entityRefs: readonly string[]): Promise<void> {
    await this.db.transaction(async trx => {
      for (const refs of chunks(entityRefs, IN_CHUNK)) {
        await trx(OBSERVATIONS).whereIn('entity_ref', refs).delete();
        for (const table of BUCKET_TABLES)
          await trx(table).whereIn('entity_ref', refs).delete();
        await trx(WINDOWS).whereIn('entity_ref', refs).delete();
        await trx(CHANGES).whereIn('entity_ref', refs).delete();
      }
    });
  }

  async listDataPresence(): Promise<DataPresence[]> {
    // Pairs with marks (a first observation today has no row yet) are brought up to date first.
    await this.refreshSummaries();
    // The longest standard window covers the most sources; its row is kept for every pair that ever had data.
    const rows = await this.db(WINDOWS)
      .where({ window_days: Math.max(...STANDARD_WINDOW_DAYS) })
      .select('entity_ref', 'kpi', 'last_data_at', 'sources');
    return rows.map(row => ({
      entityRef: row.entity_ref,
      kpi: row.kpi,
      lastDataAt: toIso(row.last_data_at),
      sources: JSON.parse(row.sources),
    }));
  }

  async listEntityRefsWithData(): Promise<string[]> {
    await this.refreshSummaries();
    const rows = await this.db(WINDOWS)
      .distinct('entity_ref')
      .orderBy('entity_ref');
    return rows.map(r => r.entity_ref);
  }
}
