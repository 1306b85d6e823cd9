// Benchmark of the KPI store and the query services on SQLite and PostgreSQL: ingest throughput (batches of
// 1,000), entity read and overview latencies (p50/p95), each read next to one hand-written SQL query on the same
// tables, and the peak RSS. Scale with BENCH_ENTITIES and BENCH_DAYS (defaults are small enough for a laptop).
/* eslint-disable no-console */
import {
  KPI_IDS,
  Observation,
  addDaysToDay,
  overviewQuerySchema,
  parseObservation,
  utcDay,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import knexFactory, { Knex } from 'knex';
import { quantile } from 'd3-array';
import {
  EntityRecord,
  EntityStore,
} from '../../plugins/customer-kpis-backend/src/database/EntityStore';
import { KnexKpiStore } from '../../plugins/customer-kpis-backend/src/database/KnexKpiStore';
import { applyDatabaseMigrations } from '../../plugins/customer-kpis-backend/src/database/migrations';
import { buildEntityKpis } from '../../plugins/customer-kpis-backend/src/service/entityKpis';
import { buildOverview } from '../../plugins/customer-kpis-backend/src/service/overview';

const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 500);
const DAYS = Number(process.env.BENCH_DAYS ?? 60);
const READS = Number(process.env.BENCH_READS ?? 50);
const PG = process.env.BENCH_POSTGRES ?? 'postgresql://postgres@127.0.0.1:5432';
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

function entityRecords(): EntityRecord[] {
  return Array.from({ length: ENTITIES }, (_, i) => ({
    entityRef: `component:default/service-${i}`,
    kind: 'component',
    namespace: 'default',
    name: `service-${i}`,
    title: `Service ${i}`,
    owner: `group:default/team-${i % 100}`,
    system: `system:default/system-${i % 250}`,
    domain: `domain:default/domain-${i % 25}`,
    lifecycle: 'production',
    tags: [],
    annotations: {},
  }));
}

/** One observation per entity, KPI and day (adoption and retention as their gauges and periods). */
function* observations(): Generator<Observation> {
  const next = random(42);
  for (let d = DAYS - 1; d >= 0; d--) {
    const day = addDaysToDay(today, -d);
    for (let e = 0; e < ENTITIES; e++) {
      const entityRef = `component:default/service-${e}`;
      const id = (kpi: string) => `${entityRef}:${kpi}:${day}`;
      const at = `${day}T12:00:00.000Z`;
      const minutes = Math.round(30 + next() * 3000);
      const eligible = 1000 + e;
      const mau = Math.round(eligible * (0.3 + next() * 0.6));
      const wau = Math.round(mau * 0.7);
      const items = [
        {
          id: id('a'),
          kpi: 'adoption',
          entityRef,
          date: day,
          dau: Math.round(wau * 0.5),
          wau,
          mau,
          eligible,
        },
        {
          id: id('v'),
          kpi: 'time-to-value',
          entityRef,
          startedAt: `${day}T08:00:00.000Z`,
          valueAt: new Date(
            Date.parse(`${day}T08:00:00Z`) + minutes * 60_000,
          ).toISOString(),
        },
        {
          id: id('r'),
          kpi: 'time-to-resolve',
          entityRef,
          openedAt: new Date(Date.parse(at) - minutes * 60_000).toISOString(),
          resolvedAt: at,
        },
        {
          id: id('c'),
          kpi: 'customer-effort',
          entityRef,
          timestamp: at,
          score: 1 + Math.floor(next() * 7),
          scale: 7,
        },
        {
          id: id('s'),
          kpi: 'satisfaction',
          entityRef,
          timestamp: at,
          score: 1 + Math.floor(next() * 5),
        },
        {
          id: id('t'),
          kpi: 'retention',
          entityRef,
          periodStart: addDaysToDay(day, -29),
          periodEnd: day,
          start: 500,
          end: 440 + Math.floor(next() * 60),
          new: 10,
        },
        {
          id: id('n'),
          kpi: 'recommend',
          entityRef,
          timestamp: at,
          score: Math.floor(next() * 11),
        },
      ];
      for (const item of items) yield parseObservation(item);
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

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function bench(name: string, db: Knex) {
  await applyDatabaseMigrations(db);
  const store = new KnexKpiStore(db);
  const entities = new EntityStore(db);
  await entities.replaceAll(entityRecords(), new Date().toISOString());

  let batch: Observation[] = [];
  let count = 0;
  const ingestMs = await timed(async () => {
    for (const observation of observations()) {
      batch.push(observation);
      if (batch.length === 1000) {
        count += batch.length;
        await store.ingest('bench', batch);
        batch = [];
      }
    }
    if (batch.length) {
      count += batch.length;
      await store.ingest('bench', batch);
    }
  });
  console.log(
    `${name}: ingested ${count} observations in ${(ingestMs / 1000).toFixed(
      1,
    )} s = ${Math.round(
      count / (ingestMs / 1000),
    )} observations/s (batches of 1,000)`,
  );

  // Fresh planner statistics, as autovacuum (PostgreSQL) would keep them after a load of this size; without them
  // PostgreSQL picks a nested loop for the overview's join and a read takes 100× longer.
  await db.raw('analyze');

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
      90,
      new Date(),
    ),
  );
  const entitySql = await percentiles(READS, i =>
    db('customer_kpis_window_summaries')
      .where({ entity_ref: refs[(i * 7919) % refs.length], window_days: 90 })
      .select('kpi', 'value', 'n', 'current_aggregate'),
  );
  console.log(
    `${name}: entity read (90d, 7 KPIs + sparklines) p50 ${fmt(
      entityRead.p50,
    )} p95 ${fmt(entityRead.p95)}; one SQL query p50 ${fmt(
      entitySql.p50,
    )} p95 ${fmt(entitySql.p95)}; ratio p95 ${(
      entityRead.p95 / entitySql.p95
    ).toFixed(1)}×`,
  );

  const visible = new Set(refs);
  const deps = { store, entities, db, settings, now: () => new Date() };
  for (const [groupBy, sort] of [
    ['component', 'title'],
    ['component', 'recommend'],
    ['component', 'time-to-resolve'],
    ['system', 'recommend'],
    ['system', 'title'],
  ] as const) {
    const query = overviewQuerySchema.parse({ groupBy, sort, order: 'desc' });
    const api = await percentiles(Math.max(5, Math.round(READS / 5)), () =>
      buildOverview(deps, query, visible),
    );
    const sql = await percentiles(Math.max(5, Math.round(READS / 5)), () =>
      groupBy === 'component'
        ? db('customer_kpis_entities as e')
            .leftJoin('customer_kpis_window_summaries as s', j =>
              j
                .on('s.entity_ref', '=', 'e.entity_ref')
                .andOn(
                  's.kpi',
                  '=',
                  db.raw('?', [sort === 'title' ? 'recommend' : sort]),
                )
                .andOn('s.window_days', '=', db.raw('?', [90])),
            )
            .select('e.entity_ref', 's.value')
            .orderBy('s.value', 'desc')
            .limit(50)
        : db('customer_kpis_entities as e')
            .join(
              'customer_kpis_window_summaries as s',
              's.entity_ref',
              'e.entity_ref',
            )
            .where('s.window_days', 90)
            .groupBy('e.system', 's.kpi')
            .select('e.system', 's.kpi')
            .sum({ n: 's.n' }),
    );
    console.log(
      `${name}: overview groupBy=${groupBy} sort=${sort} p50 ${fmt(
        api.p50,
      )} p95 ${fmt(api.p95)}; one SQL query p95 ${fmt(sql.p95)}; ratio p95 ${(
        api.p95 / sql.p95
      ).toFixed(1)}×`,
    );
  }
  console.log(
    `${name}: peak RSS so far ${Math.round(
      process.resourceUsage().maxRSS / 1024,
    )} MiB`,
  );
}

async function main() {
  console.log(
    `customer-kpis bench: ${ENTITIES} entities × ${KPI_IDS.length} KPIs × ${DAYS} days, one observation per entity, KPI and day`,
  );
  const sqlite = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  await bench('SQLite', sqlite);
  await sqlite.destroy();

  const admin = knexFactory({ client: 'pg', connection: PG });
  try {
    await admin.raw('drop database if exists customer_kpis_bench');
    await admin.raw('create database customer_kpis_bench');
  } catch (error) {
    console.log(
      `PostgreSQL skipped (${
        (error as Error).message
      }); set BENCH_POSTGRES to a connection string`,
    );
    await admin.destroy();
    return;
  }
  await admin.destroy();
  const pg = knexFactory({
    client: 'pg',
    connection: `${PG}/customer_kpis_bench`,
  });
  await bench('PostgreSQL', pg);
  await pg.destroy();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
