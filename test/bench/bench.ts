// Benchmark of the KPI store and the query services on SQLite and PostgreSQL at the scale of the issue (defaults:
// 5,000 entities × 7 KPIs × 730 days; scale with BENCH_ENTITIES and BENCH_DAYS). The history is seeded in bulk: day
// aggregates built with the KPI engine are copied into the daily buckets by INSERT … SELECT, and the store rebuilds
// the window summaries from them. On top of that it measures ingest throughput (batches of 1,000 for today), entity
// read and overview latencies (p50/p95), each read next to one hand-written SQL query on the same tables, and the
// peak RSS, and ends with a table to paste into the README.
/* eslint-disable no-console */
import {
  KPI_IDS,
  KpiId,
  Observation,
  addDaysToDay,
  aggregatorFor,
  overviewQuerySchema,
  parseObservation,
  utcDay,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import knexFactory, { Knex } from 'knex';
import { quantile } from 'd3-array';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  entityFacts,
  factsDigest,
} from '../../plugins/customer-kpis-backend/src/catalog/entityFacts';
import {
  EntityStore,
  MirroredEntity,
} from '../../plugins/customer-kpis-backend/src/database/EntityStore';
import { GroupSummaryStore } from '../../plugins/customer-kpis-backend/src/database/GroupSummaryStore';
import { KnexKpiStore } from '../../plugins/customer-kpis-backend/src/database/KnexKpiStore';
import { OverviewStore } from '../../plugins/customer-kpis-backend/src/database/OverviewStore';
import { applyDatabaseMigrations } from '../../plugins/customer-kpis-backend/src/database/migrations';
import { buildEntityKpis } from '../../plugins/customer-kpis-backend/src/service/entityKpis';
import { buildOverview } from '../../plugins/customer-kpis-backend/src/service/overview';
import { benchCsvImport } from './csvImport';

const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 5000);
const DAYS = Number(process.env.BENCH_DAYS ?? 730);
const READS = Number(process.env.BENCH_READS ?? 50);
const INGEST_BATCHES = Number(process.env.BENCH_INGEST_BATCHES ?? 40);
const PG = process.env.BENCH_POSTGRES ?? 'postgresql://postgres@127.0.0.1:5432';
/**
 * BENCH_KEEP=1 keeps the seeded PostgreSQL database (customer_kpis_bench) at the end; BENCH_REUSE=1 runs on a kept
 * one instead of seeding again, after deleting what the previous run ingested. For iterating on ingest and reads:
 * the figures in the README come from a fresh seed.
 */
const KEEP = process.env.BENCH_KEEP === '1';
const REUSE = process.env.BENCH_REUSE === '1';
/** Which databases to run, comma-separated: sqlite, postgres (both by default). */
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',');
/** Day aggregates per KPI that the seed picks from. */
const VARIANTS = 64;
/** Entities per bucket-seeding statement, which bounds each statement's sort and transaction. */
const SEED_CHUNK = 500;
const WINDOW_DAYS = 90;
const PAGE_SIZE = 50;
const today = utcDay(new Date());
const settings = {
  minimumSample: 30,
  retentionDays: 730,
  targets: {},
  weights: {},
};

/** A seeded PRNG (mulberry32), so that every run benchmarks the same data. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const entityRef = (i: number) => `component:default/service-${i}`;

/** The mirror's records of the components, with the facts a sync keeps for conditional permission decisions. */
function entityRecords(): MirroredEntity[] {
  return Array.from({ length: ENTITIES }, (_, i) => {
    const owner = `group:default/team-${i % 100}`;
    const system = `system:default/system-${i % 250}`;
    const facts = entityFacts({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `service-${i}`, title: `Service ${i}` },
      spec: { type: 'service', lifecycle: 'production', owner, system },
      relations: [{ type: 'ownedBy', targetRef: owner }],
    });
    return {
      entityRef: entityRef(i),
      kind: 'component',
      namespace: 'default',
      name: `service-${i}`,
      title: `Service ${i}`,
      owner,
      system,
      domain: `domain:default/domain-${i % 25}`,
      lifecycle: 'production',
      tags: [],
      annotations: {},
      facts,
      factsDigest: factsDigest(facts),
    };
  });
}

/**
 * One observation of `kpi` for entity `e` on `day`, validated by the engine's parser: adoption as the day's gauges,
 * retention as the 30-day period ending on the day. `tag` keeps the ids of several observations apart.
 */
function observation(
  kpi: KpiId,
  e: number,
  day: string,
  tag: string,
  next: () => number,
): Observation {
  const ref = entityRef(e);
  const envelope = { id: `${ref}:${kpi}:${day}:${tag}`, kpi, entityRef: ref };
  const at = `${day}T12:00:00.000Z`;
  const minutes = () => Math.round(30 + next() * 3000);
  // One payload per KPI; only the requested one is drawn, so each KPI takes its own numbers from the PRNG.
  const payloads: Record<KpiId, () => object> = {
    adoption: () => {
      const eligible = 1000 + e;
      const mau = Math.round(eligible * (0.3 + next() * 0.6));
      const wau = Math.round(mau * 0.7);
      return { date: day, dau: Math.round(wau * 0.5), wau, mau, eligible };
    },
    'time-to-value': () => {
      // Started at midnight and valued within the day: event times after now + 1 day are refused, and the
      // observation counts on its start day.
      const started = Date.parse(`${day}T00:00:00Z`);
      const valueMinutes = Math.round(30 + next() * 1400);
      return {
        startedAt: new Date(started).toISOString(),
        valueAt: new Date(started + valueMinutes * 60_000).toISOString(),
      };
    },
    'time-to-resolve': () => ({
      openedAt: new Date(Date.parse(at) - minutes() * 60_000).toISOString(),
      resolvedAt: at,
    }),
    'customer-effort': () => ({
      timestamp: at,
      score: 1 + Math.floor(next() * 7),
      scale: 7,
    }),
    satisfaction: () => ({ timestamp: at, score: 1 + Math.floor(next() * 5) }),
    retention: () => ({
      periodStart: addDaysToDay(day, -29),
      periodEnd: day,
      start: 500,
      end: 440 + Math.floor(next() * 60),
      new: 10,
    }),
    recommend: () => ({ timestamp: at, score: Math.floor(next() * 11) }),
  };
  return parseObservation({ ...envelope, ...payloads[kpi]() });
}

/** A row of the scratch table `bench_variants`: one day aggregate of a KPI; `d` its day (days ago), −1 for any day. */
interface Variant {
  kpi: KpiId;
  d: number;
  v: number;
  observations: number;
  aggregate: string;
}

/**
 * The day aggregates the seed copies into the buckets, built with the KPI engine: VARIANTS per KPI, each of 1–12
 * observations. An adoption aggregate holds the day it gauges and a source sends one gauge per entity and day, so
 * adoption has VARIANTS single-gauge aggregates per day instead.
 */
function variants(): Variant[] {
  const next = random(7);
  const result: Variant[] = [];
  const build = (kpi: KpiId, d: number, v: number, size: number) => {
    const aggregator = aggregatorFor(kpi);
    // Any-day variants are drawn on yesterday; their aggregates hold no day.
    const day = addDaysToDay(today, d === -1 ? -1 : -d);
    let aggregate = aggregator.empty();
    for (let j = 0; j < size; j++) {
      aggregate = aggregator.add(
        aggregate,
        observation(kpi, v, day, `${j}`, next),
      );
    }
    result.push({
      kpi,
      d,
      v,
      observations: aggregator.count(aggregate),
      aggregate: aggregator.serialise(aggregate),
    });
  };
  for (const kpi of KPI_IDS) {
    for (let v = 0; v < VARIANTS; v++) {
      if (kpi === 'adoption') {
        for (let d = 1; d < DAYS; d++) build(kpi, d, v, 1);
      } else {
        build(kpi, -1, v, 1 + Math.floor(next() * 12));
      }
    }
  }
  return result;
}

/**
 * Fills the daily buckets of days today−(DAYS−1) … today−1 (today stays empty for the ingest measurement) with
 * source `bench-seed`: scratch tables of variants, entities and days, then one INSERT … SELECT per entity range and
 * KPI that gives each (entity, day) a variant, in primary-key order. Bind parameters stay under SQLite's 999.
 */
async function seedBuckets(db: Knex) {
  await db.schema.createTable('bench_variants', table => {
    table.string('kpi', 40).notNullable();
    table.integer('d').notNullable();
    table.integer('v').notNullable();
    table.integer('observations').notNullable();
    table.text('aggregate').notNullable();
    table.primary(['kpi', 'd', 'v']);
  });
  await db.schema.createTable('bench_entities', table => {
    table.integer('i').primary();
    table.string('entity_ref', 400).notNullable();
  });
  await db.schema.createTable('bench_days', table => {
    table.integer('d').primary();
    table.string('day', 10).notNullable();
    // A typed column, so that the same INSERT … SELECT writes a timestamp on both databases.
    table.dateTime('updated_at', { useTz: true }).notNullable();
  });
  const nowIso = new Date().toISOString();
  await db.batchInsert('bench_variants', variants(), 150);
  await db.batchInsert(
    'bench_entities',
    Array.from({ length: ENTITIES }, (_, i) => ({
      i,
      entity_ref: entityRef(i),
    })),
    300,
  );
  await db.batchInsert(
    'bench_days',
    Array.from({ length: DAYS - 1 }, (_, k) => ({
      d: k + 1,
      day: addDaysToDay(today, -(k + 1)),
      updated_at: nowIso,
    })),
    300,
  );
  for (let from = 0; from < ENTITIES; from += SEED_CHUNK) {
    for (const kpi of KPI_IDS) {
      // Adoption's variants are per day. Each KPI's variants are independent draws, so sharing the slot formula
      // (i * 31 + d * 17) % VARIANTS does not correlate the KPIs.
      const variantDay = kpi === 'adoption' ? 'd.d' : '-1';
      await db.raw(
        `insert into customer_kpis_daily_buckets
           (entity_ref, kpi, source, day, observations, aggregate, updated_at)
         select e.entity_ref, v.kpi, 'bench-seed', d.day, v.observations, v.aggregate, d.updated_at
         from bench_entities e
         cross join bench_days d
         join bench_variants v
           on v.kpi = ? and v.d = ${variantDay} and v.v = (e.i * 31 + d.d * 17) % ${VARIANTS}
         where e.i >= ? and e.i < ?
         order by e.entity_ref, d.day`,
        [kpi, from, from + SEED_CHUNK],
      );
    }
  }
  for (const table of ['bench_variants', 'bench_entities', 'bench_days']) {
    await db.schema.dropTable(table);
  }
}

/** Today's observations for the ingest measurement: one per entity and KPI, cycling through the entities. */
function* todaysObservations(): Generator<Observation, never> {
  const next = random(42);
  for (let round = 0; ; round++) {
    for (let e = 0; e < ENTITIES; e++) {
      for (const kpi of KPI_IDS) {
        yield observation(kpi, e, today, `ingest-${round}`, next);
      }
    }
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function percentiles(runs: number, fn: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed(() => fn(i)));
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5)!, p95: quantile(times, 0.95)! };
}

type Sort = 'title' | KpiId;

/**
 * The one hand-written SQL query an overview read is compared with. By component: the page the API returns, the 50
 * entities sorted by title or by the KPI's value (no value last, ties by ref) with all seven window summaries. By
 * system: every system's seven group summaries of the window with the system's metadata, sorted by the KPI's pooled
 * value (or the title) — the rows the API turns into the page (it sorts all groups, so it reads them all). Both
 * answer for the caller: only entities in `visible`, only systems whose every component is visible.
 */
function sqlFor(
  db: Knex,
  groupBy: 'component' | 'system',
  sort: Sort,
  windowDays: number,
  visible: readonly string[],
): Knex.QueryBuilder {
  // The caller's visible refs as one bound value, as the API binds them.
  const isVisible = (column: string) =>
    db.client.config.client === 'pg'
      ? db.raw('?? = any(?::text[])', [column, [...visible]])
      : db.raw('?? in (select value from json_each(?))', [
          column,
          JSON.stringify(visible),
        ]);
  if (groupBy === 'system') {
    const sortKey = db('customer_kpis_group_summaries as k')
      .where({ 'k.group_by': 'system', 'k.window_days': windowDays })
      .where('k.kpi', sort === 'title' ? 'recommend' : sort)
      .select('k.group_ref', 'k.value as sort_key');
    return db('customer_kpis_group_summaries as g')
      .join(sortKey.as('k'), 'k.group_ref', 'g.group_ref')
      .leftJoin('customer_kpis_entities as e', 'e.entity_ref', 'g.group_ref')
      .where({ 'g.group_by': 'system', 'g.window_days': windowDays })
      .whereNotExists(
        db('customer_kpis_entities as m')
          .whereRaw('m.system = g.group_ref')
          .where({ 'm.in_catalog': true, 'm.kind': 'component' })
          .whereNot(isVisible('m.entity_ref')),
      )
      .select('g.group_ref', 'e.title', 'g.kpi', 'g.value', 'g.n', 'g.rollup')
      .orderByRaw(
        sort === 'title'
          ? 'lower(coalesce(e.title, g.group_ref)) desc, g.group_ref, g.kpi'
          : 'case when k.sort_key is null then 1 else 0 end, k.sort_key desc, g.group_ref, g.kpi',
      );
  }
  const page = db('customer_kpis_entities as e')
    .where({ 'e.in_catalog': true, 'e.kind': 'component' })
    .where(isVisible('e.entity_ref'))
    .select('e.entity_ref');
  if (sort === 'title') {
    page
      .select(db.raw('lower(coalesce(e.title, e.name)) as sort_key'))
      .orderByRaw('lower(coalesce(e.title, e.name)) desc');
  } else {
    page
      .leftJoin('customer_kpis_window_summaries as s', join =>
        join
          .on('s.entity_ref', '=', 'e.entity_ref')
          .andOn('s.kpi', '=', db.raw('?', [sort]))
          .andOn('s.window_days', '=', db.raw('?', [windowDays])),
      )
      .select('s.value as sort_key')
      .orderByRaw('case when s.value is null then 1 else 0 end, s.value desc');
  }
  page.orderBy('e.entity_ref').limit(PAGE_SIZE);
  return db
    .with('page', page)
    .from('page as p')
    .leftJoin('customer_kpis_window_summaries as w', join =>
      join
        .on('w.entity_ref', '=', 'p.entity_ref')
        .andOn('w.window_days', '=', db.raw('?', [windowDays])),
    )
    .select('p.entity_ref', 'w.kpi', 'w.value', 'w.n', 'w.summary')
    .orderByRaw(
      'case when p.sort_key is null then 1 else 0 end, p.sort_key desc, p.entity_ref, w.kpi',
    );
}

const ms = (t: number) => `${t.toFixed(1)} ms`;
const seconds = (t: number) => `${(t / 1000).toFixed(1)} s`;
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const peakRss = () => `${int(process.resourceUsage().maxRSS / 1024)} MiB`;

/** The lines of the final table: database, measurement, result, the SQL query's result, ratio. */
const table: string[][] = [];

async function bench(name: string, db: Knex) {
  const report = (
    measurement: string,
    result: string,
    sql = '',
    ratio = '',
  ) => {
    table.push([name, measurement, result, sql, ratio]);
    console.log(
      `${name}: ${measurement}: ${result}${
        sql ? `; one SQL query ${sql}; ratio p95 ${ratio}` : ''
      }`,
    );
  };
  await applyDatabaseMigrations(db);
  const store = new KnexKpiStore(db);
  const entities = new EntityStore(db);
  const groups = new GroupSummaryStore(db, store, entities);
  await entities.replaceAll(entityRecords(), new Date().toISOString());

  const reuse =
    REUSE &&
    (await db('customer_kpis_daily_buckets')
      .where({ source: 'bench-seed' })
      .first('day'));
  if (reuse) {
    // What the previous run ingested goes; the seeded history and its window rows stay.
    for (const ingested of [
      'customer_kpis_observations',
      'customer_kpis_daily_buckets',
      'customer_kpis_recent_buckets',
    ]) {
      await db(ingested).where({ source: 'bench' }).delete();
    }
    await db('customer_kpis_window_changes').delete();
    await db('customer_kpis_group_changes').delete();
    report('reused the kept database (BENCH_REUSE=1)', 'no seed');
  } else {
    const seedMs = await timed(() => seedBuckets(db));
    const [{ rows, observations }] = await db('customer_kpis_daily_buckets')
      .count({ rows: '*' })
      .sum({ observations: 'observations' });
    report(
      `seed daily buckets, ${int(Number(rows))} rows of ${int(
        Number(observations),
      )} observations`,
      seconds(seedMs),
    );
    // Fresh planner statistics, as autovacuum (PostgreSQL) would keep them after a load of this size; without them
    // PostgreSQL picks a nested loop for the overview's join and a read takes 100× longer.
    report('analyze', seconds(await timed(() => db.raw('analyze'))));
    let pairs = 0;
    const rebuildMs = await timed(async () => {
      pairs = await store.rebuildAllWindows();
    });
    const [{ summaries }] = await db('customer_kpis_window_summaries').count({
      summaries: '*',
    });
    report(
      `rebuildAllWindows, ${int(pairs)} pairs, ${int(
        Number(summaries),
      )} summary rows`,
      seconds(rebuildMs),
    );
  }
  report('peak RSS of the bench process after seeding', peakRss());
  // And for the summaries the rebuild wrote.
  await db.raw('analyze');

  const stream = todaysObservations();
  const batches = Array.from({ length: INGEST_BATCHES }, () =>
    Array.from({ length: 1000 }, () => stream.next().value),
  );
  const ingestMs = await timed(async () => {
    for (const batch of batches) await store.ingest('bench', batch);
  });
  report(
    `ingest for today, ${INGEST_BATCHES} batches of 1,000`,
    `${int((INGEST_BATCHES * 1000) / (ingestMs / 1000))} observations/s`,
  );
  let unchanged = 0;
  const resendMs = await timed(async () => {
    unchanged = (await store.ingest('bench', batches[0])).unchanged;
  });
  report(
    `re-send one batch of 1,000 (${int(unchanged)} unchanged)`,
    ms(resendMs),
  );
  // The ingest marked every pair and group it touched. A reader does not wait for that upkeep beyond its budget:
  // the first overview after the ingest answers from the stored summaries and says how many entities are behind.
  const firstRefs = new Set(entityRecords().map(r => r.entityRef));
  const overviewDeps = {
    store,
    entities,
    groups,
    overviews: new OverviewStore(db),
    settings,
    now: () => new Date(),
  };
  let firstPending = { entities: 0, groups: 0 };
  const firstOverviewMs = await timed(async () => {
    const answer = await buildOverview(
      overviewDeps,
      overviewQuerySchema.parse({
        groupBy: 'component',
        sort: 'recommend',
        window: `${WINDOW_DAYS}d`,
        pageSize: PAGE_SIZE,
      }),
      firstRefs,
    );
    firstPending = answer.pending ?? firstPending;
  });
  report(
    `first overview after the ingest (bounded upkeep; ${int(
      firstPending.entities,
    )} entities left pending)`,
    ms(firstOverviewMs),
  );
  // The scheduled upkeep (one run of the task) takes up the rest. Timed here, so that the reads below are warm
  // and the cost is on record.
  let pairsRefreshed = 0;
  const pairsMs = await timed(async () => {
    pairsRefreshed = await store.refreshSummaries();
  });
  report(
    `refreshSummaries of the entity KPIs after the ingest, ${int(
      pairsRefreshed,
    )} pairs`,
    seconds(pairsMs),
  );
  report(
    'ingest with upkeep counted (ingest, first overview and summary refresh together)',
    `${int(
      (INGEST_BATCHES * 1000) / ((ingestMs + firstOverviewMs + pairsMs) / 1000),
    )} observations/s`,
  );
  let refreshed = 0;
  const refreshMs = await timed(async () => {
    refreshed = await groups.refreshStale();
  });
  report(
    `recomputing all ${int(
      refreshed,
    )} group summaries after a load touching every entity (refreshStale)`,
    seconds(refreshMs),
  );

  const refs = entityRecords().map(r => r.entityRef);
  const entityRead = await percentiles(READS, i =>
    buildEntityKpis(
      store,
      settings,
      {
        entityRef: refs[(i * 7919) % refs.length],
        annotations: {},
        bound: true,
      },
      WINDOW_DAYS,
      new Date(),
    ),
  );
  const entitySql = await percentiles(READS, i =>
    db('customer_kpis_window_summaries')
      .where({
        entity_ref: refs[(i * 7919) % refs.length],
        window_days: WINDOW_DAYS,
      })
      .select('kpi', 'value', 'n', 'current_aggregate'),
  );
  report(
    `entity read (${WINDOW_DAYS}d, 7 KPIs + sparklines), p50 / p95`,
    `${ms(entityRead.p50)} / ${ms(entityRead.p95)}`,
    `${ms(entitySql.p50)} / ${ms(entitySql.p95)}`,
    `${(entityRead.p95 / entitySql.p95).toFixed(1)}×`,
  );

  const visible = new Set(refs);
  const deps = overviewDeps;
  // As many runs as the entity read: a p95 of ten runs is their slowest one.
  const runs = READS;
  for (const groupBy of ['component', 'system'] as const) {
    for (const sort of ['title', ...KPI_IDS] as const) {
      const query = overviewQuerySchema.parse({
        groupBy,
        sort,
        order: 'desc',
        window: `${WINDOW_DAYS}d`,
        pageSize: PAGE_SIZE,
      });
      const api = await percentiles(runs, () =>
        buildOverview(deps, query, visible),
      );
      const sql = await percentiles(runs, () =>
        sqlFor(db, groupBy, sort, query.window, refs),
      );
      report(
        `overview groupBy=${groupBy} sort=${sort}, p50 / p95`,
        `${ms(api.p50)} / ${ms(api.p95)}`,
        `${ms(sql.p50)} / ${ms(sql.p95)}`,
        `${(api.p95 / sql.p95).toFixed(1)}×`,
      );
    }
  }
  await benchCsvImport(db, report);
  report('peak RSS of the bench process so far', peakRss());
}

async function main() {
  console.log(
    `customer-kpis bench: ${ENTITIES} entities × ${
      KPI_IDS.length
    } KPIs × ${DAYS} days (${DAYS - 1} days seeded in bulk, today ingested)`,
  );
  // A file, not :memory:, so that the buckets do not sit in the process's RSS.
  const file = path.join(os.tmpdir(), `customer-kpis-bench-${process.pid}.db`);
  console.log(
    `SQLite: ${file}, journal_mode = WAL, synchronous = NORMAL (deleted at the end)`,
  );
  const sqlite = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
    pool: {
      afterCreate: (
        connection: { pragma(source: string): unknown },
        done: (error: Error | null, connection: unknown) => void,
      ) => {
        connection.pragma('journal_mode = WAL');
        connection.pragma('synchronous = NORMAL');
        done(null, connection);
      },
    },
  });
  try {
    if (DATABASES.includes('sqlite')) await bench('SQLite', sqlite);
  } finally {
    await sqlite.destroy();
    for (const suffix of ['', '-wal', '-shm'])
      fs.rmSync(`${file}${suffix}`, { force: true });
  }

  const admin = knexFactory({ client: 'pg', connection: PG });
  let pgReady = DATABASES.includes('postgres');
  if (pgReady)
    try {
      const kept =
        REUSE &&
        (
          await admin.raw(
            "select 1 from pg_database where datname = 'customer_kpis_bench'",
          )
        ).rows.length > 0;
      if (!kept) {
        await admin.raw('drop database if exists customer_kpis_bench');
        await admin.raw('create database customer_kpis_bench');
      }
    } catch (error) {
      pgReady = false;
      console.log(
        `PostgreSQL skipped (${
          (error as Error).message
        }); set BENCH_POSTGRES to a connection string`,
      );
    }
  await admin.destroy();
  if (pgReady) {
    const pg = knexFactory({
      client: 'pg',
      connection: `${PG}/customer_kpis_bench`,
    });
    try {
      await bench('PostgreSQL', pg);
    } finally {
      await pg.destroy();
      // The full-size database takes gigabytes; nothing reads it afterwards unless it is kept.
      if (!KEEP) {
        const cleanup = knexFactory({ client: 'pg', connection: PG });
        await cleanup.raw('drop database if exists customer_kpis_bench');
        await cleanup.destroy();
      }
    }
  }

  console.log(
    `\n${ENTITIES} entities × ${KPI_IDS.length} KPIs × ${DAYS} days\n`,
  );
  const header = [
    'database',
    'measurement',
    'result',
    'one SQL query',
    'ratio p95',
  ];
  for (const line of [header, header.map(() => '---'), ...table]) {
    console.log(`| ${line.join(' | ')} |`);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
