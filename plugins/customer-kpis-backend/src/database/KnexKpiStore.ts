// The knex implementation of the KPI store, for SQLite and PostgreSQL.
import {
  KPI_IDS,
  KpiId,
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
} from './KpiStore';
import {
  AccumulatedWindow,
  BucketRow,
  accumulateWindows,
  earliestDayNeeded,
  pairKey,
} from './windowAccumulator';
import { markGroupsOfEntitiesChanged } from './GroupSummaryStore';
import { TRUSTED, canonicalJson, chunks, toIso } from './util';

const OBSERVATIONS = 'customer_kpis_observations';
const BUCKETS = 'customer_kpis_daily_buckets';
const WINDOWS = 'customer_kpis_window_summaries';

// Bind parameters per statement stay well under SQLite's and PostgreSQL's limits.
const IN_CHUNK = 500;
const INSERT_CHUNK = 200;

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
      const stored = new Map<string, { day: string; payload: string }>();
      for (const ids of chunks([...byId.keys()], IN_CHUNK)) {
        const rows = await trx(OBSERVATIONS)
          .where({ source })
          .whereIn('observation_id', ids)
          .select('observation_id', 'day', 'payload');
        for (const row of rows) stored.set(row.observation_id, row);
      }

      const counts: IngestCounts = { inserted: 0, unchanged: 0, replaced: 0 };
      const operations: Operation[] = [];
      const writes: Record<string, unknown>[] = [];
      for (const [id, observation] of byId) {
        const payload = canonicalJson(observation);
        const day = observationDay(observation);
        const old = stored.get(id);
        if (old && old.payload === payload) {
          counts.unchanged++;
          continue;
        }
        if (old) {
          counts.replaced++;
          operations.push({
            observation: JSON.parse(old.payload),
            day: old.day,
            sign: -1,
          });
        } else {
          counts.inserted++;
        }
        operations.push({ observation, day, sign: 1 });
        writes.push({
          source,
          observation_id: id,
          kpi: observation.kpi,
          entity_ref: observation.entityRef,
          day,
          payload,
          received_at: nowIso,
        });
      }
      for (const batch of chunks(writes, INSERT_CHUNK)) {
        await trx(OBSERVATIONS)
          .insert(batch)
          .onConflict(['source', 'observation_id'])
          .merge();
      }

      if (operations.length > 0) {
        await this.applyToBuckets(trx, source, operations, nowIso);
        await this.applyToWindows(trx, source, operations, today, nowIso);
        await markGroupsOfEntitiesChanged(trx, [
          ...new Set(operations.map(o => o.observation.entityRef)),
        ]);
      }
      await options.withinTransaction?.(trx);
      return counts;
    });
  }

  /** Adds and un-merges the operations in the daily buckets of the source. */
  private async applyToBuckets(
    trx: Knex.Transaction,
    source: string,
    operations: readonly Operation[],
    nowIso: string,
  ) {
    const key = (entityRef: string, kpi: string, day: string) =>
      `${kpi}|${day}|${entityRef}`;
    const buckets = new Map<
      string,
      {
        entityRef: string;
        kpi: KpiId;
        day: string;
        aggregate: unknown;
        existed: boolean;
      }
    >();
    const refs = [...new Set(operations.map(o => o.observation.entityRef))];
    const kpis = [...new Set(operations.map(o => o.observation.kpi))];
    const days = [...new Set(operations.map(o => o.day))];
    // The IN lists select a superset of the buckets touched; the key filters it down.
    const wanted = new Set(
      operations.map(o =>
        key(o.observation.entityRef, o.observation.kpi, o.day),
      ),
    );
    for (const refChunk of chunks(refs, IN_CHUNK)) {
      for (const dayChunk of chunks(days, IN_CHUNK)) {
        const rows = await trx(BUCKETS)
          .where({ source })
          .whereIn('entity_ref', refChunk)
          .whereIn('kpi', kpis)
          .whereIn('day', dayChunk)
          .select('entity_ref', 'kpi', 'day', 'aggregate');
        for (const row of rows) {
          const k = key(row.entity_ref, row.kpi, row.day);
          if (!wanted.has(k)) continue;
          buckets.set(k, {
            entityRef: row.entity_ref,
            kpi: row.kpi,
            day: row.day,
            aggregate: aggregatorFor(row.kpi).parse(row.aggregate, TRUSTED),
            existed: true,
          });
        }
      }
    }

    for (const { observation, day, sign } of operations) {
      const aggregator = aggregatorFor(observation.kpi);
      const k = key(observation.entityRef, observation.kpi, day);
      const bucket = buckets.get(k) ?? {
        entityRef: observation.entityRef,
        kpi: observation.kpi,
        day,
        aggregate: aggregator.empty(),
        existed: false,
      };
      bucket.aggregate =
        sign > 0
          ? aggregator.add(bucket.aggregate, observation)
          : aggregator.remove(bucket.aggregate, observation);
      buckets.set(k, bucket);
    }

    const upserts: Record<string, unknown>[] = [];
    for (const bucket of buckets.values()) {
      const aggregator = aggregatorFor(bucket.kpi);
      const count = aggregator.count(bucket.aggregate);
      if (count === 0) {
        if (bucket.existed) {
          await trx(BUCKETS)
            .where({
              entity_ref: bucket.entityRef,
              kpi: bucket.kpi,
              day: bucket.day,
              source,
            })
            .delete();
        }
        continue;
      }
      upserts.push({
        entity_ref: bucket.entityRef,
        kpi: bucket.kpi,
        source,
        day: bucket.day,
        observations: count,
        aggregate: aggregator.serialise(bucket.aggregate),
        updated_at: nowIso,
      });
    }
    for (const batch of chunks(upserts, INSERT_CHUNK)) {
      await trx(BUCKETS)
        .insert(batch)
        .onConflict(['entity_ref', 'kpi', 'day', 'source'])
        .merge();
    }
  }

  /**
   * Keeps the standard window summaries of the touched pairs current: rows already as of today take the
   * operations incrementally; missing or older rows are rebuilt from the (already updated) buckets.
   */
  private async applyToWindows(
    trx: Knex.Transaction,
    source: string,
    operations: readonly Operation[],
    today: string,
    nowIso: string,
  ) {
    const byPair = new Map<string, Operation[]>();
    for (const operation of operations) {
      const k = pairKey(
        operation.observation.entityRef,
        operation.observation.kpi,
      );
      const list = byPair.get(k) ?? [];
      list.push(operation);
      byPair.set(k, list);
    }
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
    const rebuild: { entityRef: string; kpi: KpiId }[] = [];
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
        const ops = byPair
          .get(k)!
          .filter(o => o.day <= today && o.day >= previousFrom);
        const currentOps = ops.filter(o => o.day >= currentFrom);
        const previousOps = ops.filter(o => o.day < currentFrom);
        // Aggregates are parsed, changed and serialised only when an operation falls into them.
        const apply = (text: string, list: Operation[]) =>
          aggregator.windowPart(
            list.reduce(
              (aggregate, { observation, sign }) =>
                sign > 0
                  ? aggregator.add(aggregate, observation)
                  : aggregator.remove(aggregate, observation),
              aggregator.parse(text, TRUSTED),
            ),
          );
        const sources = new Set<string>(JSON.parse(row.sources));
        if (ops.some(o => o.sign > 0)) sources.add(source);
        const current = currentOps.length
          ? apply(row.current_aggregate, currentOps)
          : undefined;
        const summary =
          current === undefined
            ? { value: row.value, n: row.n }
            : aggregator.summarise(current);
        updates.push({
          entity_ref: pair.entityRef,
          kpi: pair.kpi,
          window_days: row.window_days,
          as_of: today,
          current_aggregate:
            current === undefined
              ? row.current_aggregate
              : aggregator.serialise(current),
          previous_aggregate: previousOps.length
            ? aggregator.serialise(apply(row.previous_aggregate, previousOps))
            : row.previous_aggregate,
          value: summary.value,
          n: summary.n,
          sources: JSON.stringify([...sources].sort()),
          last_data_at: nowIso,
        });
      }
    }
    await this.writeWindowRows(trx, updates);
    await this.rebuildWindows(trx, rebuild, today, nowIso);
  }

  private windowRow(
    entityRef: string,
    kpi: KpiId,
    windowDays: number,
    asOf: string,
    current: unknown,
    previous: unknown,
    sources: string[],
    lastDataAt: string | null,
  ): Record<string, unknown> {
    const aggregator = aggregatorFor(kpi);
    const summary = aggregator.summarise(current);
    return {
      entity_ref: entityRef,
      kpi,
      window_days: windowDays,
      as_of: asOf,
      current_aggregate: aggregator.serialise(aggregator.windowPart(current)),
      previous_aggregate: aggregator.serialise(aggregator.windowPart(previous)),
      value: summary.value,
      n: summary.n,
      sources: JSON.stringify(sources),
      last_data_at: lastDataAt,
    };
  }

  private async writeWindowRows(
    trx: Knex | Knex.Transaction,
    rows: Record<string, unknown>[],
  ) {
    for (const batch of chunks(rows, INSERT_CHUNK)) {
      await trx(WINDOWS)
        .insert(batch)
        .onConflict(['entity_ref', 'kpi', 'window_days'])
        .merge();
    }
  }

  private async loadWindowRows(
    trx: Knex | Knex.Transaction,
    pairs: ReadonlyArray<{ entityRef: string; kpi: KpiId }>,
  ): Promise<Map<string, WindowRow>> {
    const result = new Map<string, WindowRow>();
    const wanted = new Set(pairs.map(p => pairKey(p.entityRef, p.kpi)));
    const kpis = [...new Set(pairs.map(p => p.kpi))];
    for (const refs of chunks(
      [...new Set(pairs.map(p => p.entityRef))],
      IN_CHUNK,
    )) {
      const rows: WindowRow[] = await trx(WINDOWS)
        .whereIn('entity_ref', refs)
        .whereIn('kpi', kpis);
      for (const row of rows) {
        const k = pairKey(row.entity_ref, row.kpi);
        if (wanted.has(k)) result.set(`${k}|${row.window_days}`, row);
      }
    }
    return result;
  }

  /** Reads the buckets the standard windows of the pairs need, as of `asOf`. */
  private async readBucketsOfPairs(
    trx: Knex | Knex.Transaction,
    pairs: ReadonlyArray<{ entityRef: string; kpi: KpiId }>,
    asOf: string,
    windows: readonly number[],
  ): Promise<BucketRow[]> {
    const from = earliestDayNeeded(asOf, windows);
    const rows: BucketRow[] = [];
    for (const kpi of KPI_IDS) {
      const refs = [
        ...new Set(pairs.filter(p => p.kpi === kpi).map(p => p.entityRef)),
      ];
      for (const refChunk of chunks(refs, IN_CHUNK)) {
        rows.push(
          ...(await trx(BUCKETS)
            .where({ kpi })
            .whereIn('entity_ref', refChunk)
            .whereBetween('day', [from, asOf])
            .select(
              'entity_ref',
              'kpi',
              'day',
              'source',
              'aggregate',
              'updated_at',
            )),
        );
      }
    }
    return rows;
  }

  /** Rebuilds the standard window rows of the pairs from their buckets. */
  private async rebuildWindows(
    trx: Knex | Knex.Transaction,
    pairs: ReadonlyArray<{ entityRef: string; kpi: KpiId }>,
    asOf: string,
    lastDataAt?: string,
  ) {
    if (pairs.length === 0) return;
    const rows = await this.readBucketsOfPairs(
      trx,
      pairs,
      asOf,
      STANDARD_WINDOW_DAYS,
    );
    const accumulated = accumulateWindows(
      rows,
      asOf,
      STANDARD_WINDOW_DAYS,
      pairs,
    );
    const writes: Record<string, unknown>[] = [];
    for (const windows of accumulated.values()) {
      for (const w of windows) {
        writes.push(
          this.windowRow(
            w.entityRef,
            w.kpi,
            w.windowDays,
            asOf,
            w.current,
            w.previous,
            w.sources,
            lastDataAt ?? w.lastDataAt,
          ),
        );
      }
    }
    await this.writeWindowRows(trx, writes);
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

  private fromAccumulated(
    w: AccumulatedWindow,
    asOf: string,
  ): WindowAggregates {
    return { ...w, asOf };
  }

  async readWindows(
    entityRef: string,
    windowDays: number,
    kpis: readonly KpiId[] = KPI_IDS,
  ): Promise<WindowAggregates[]> {
    const today = utcDay(this.now());
    const pairs = kpis.map(kpi => ({ entityRef, kpi }));
    if (!(STANDARD_WINDOW_DAYS as readonly number[]).includes(windowDays)) {
      const rows = await this.readBucketsOfPairs(this.db, pairs, today, [
        windowDays,
      ]);
      const accumulated = accumulateWindows(rows, today, [windowDays], pairs);
      return pairs.map(p =>
        this.fromAccumulated(
          accumulated.get(pairKey(p.entityRef, p.kpi))![0],
          today,
        ),
      );
    }
    let rows = await this.db<WindowRow>(WINDOWS)
      .where({ entity_ref: entityRef, window_days: windowDays })
      .whereIn('kpi', kpis);
    const stale = rows.filter(row => row.as_of !== today);
    if (stale.length > 0) {
      await this.db.transaction(trx =>
        this.rebuildWindows(
          trx,
          stale.map(r => ({ entityRef, kpi: r.kpi as KpiId })),
          today,
        ),
      );
      rows = await this.db<WindowRow>(WINDOWS)
        .where({ entity_ref: entityRef, window_days: windowDays })
        .whereIn('kpi', kpis);
    }
    const byKpi = new Map(rows.map(row => [row.kpi, row]));
    return kpis.map(kpi => {
      const row = byKpi.get(kpi);
      if (row) return this.toWindowAggregates(row);
      const aggregator = aggregatorFor(kpi);
      return {
        entityRef,
        kpi,
        windowDays,
        asOf: today,
        current: aggregator.empty(),
        previous: aggregator.empty(),
        sources: [],
        lastDataAt: null,
      };
    });
  }

  async readWindowsOfEntities(
    entityRefs: readonly string[],
    windowDays: number,
  ): Promise<WindowAggregates[]> {
    const result: WindowAggregates[] = [];
    for (const refs of chunks(entityRefs, IN_CHUNK)) {
      const rows: WindowRow[] = await this.db(WINDOWS)
        .whereIn('entity_ref', refs)
        .where({ window_days: windowDays });
      result.push(...rows.map(row => this.toWindowAggregates(row)));
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
    const rows = await this.db(BUCKETS)
      .where({ entity_ref: entityRef, kpi })
      .whereBetween('day', [from, to])
      .orderBy('day')
      .select('day', 'aggregate');
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
    // Summaries are written as of today, so within a day only a write racing midnight can leave a stale one:
    // looking once a minute is enough and spares every overview request a scan of the summaries.
    const last = this.lastRollCheck;
    if (last?.day === today && now.getTime() - last.at < 60_000) return 0;
    this.lastRollCheck = { day: today, at: now.getTime() };
    const stale = await this.db(WINDOWS)
      .where('as_of', '<', today)
      .distinct('entity_ref', 'kpi');
    await this.rebuildPairsInBatches(stale, today);
    return stale.length;
  }

  async rebuildAllWindows(): Promise<number> {
    const today = utcDay(this.now());
    const pairs = await this.db(BUCKETS).distinct('entity_ref', 'kpi');
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
      await this.db.transaction(trx =>
        this.rebuildWindows(
          trx,
          batch.map(r => ({ entityRef: r.entity_ref, kpi: r.kpi as KpiId })),
          today,
        ),
      );
    }
  }

  async deleteObservationsReceivedBefore(before: string): Promise<number> {
    return this.db(OBSERVATIONS).where('received_at', '<', before).delete();
  }

  async deleteEntityData(entityRefs: readonly string[]): Promise<void> {
    await this.db.transaction(async trx => {
      for (const refs of chunks(entityRefs, IN_CHUNK)) {
        await trx(OBSERVATIONS).whereIn('entity_ref', refs).delete();
        await trx(BUCKETS).whereIn('entity_ref', refs).delete();
        await trx(WINDOWS).whereIn('entity_ref', refs).delete();
      }
    });
  }

  async listDataPresence(): Promise<DataPresence[]> {
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
    const rows = await this.db(WINDOWS)
      .distinct('entity_ref')
      .orderBy('entity_ref');
    return rows.map(r => r.entity_ref);
  }
}
