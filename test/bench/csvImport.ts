// Benchmark of the CSV import (`POST /imports`' work without HTTP): a generated file of BENCH_IMPORT_ROWS rows
// (default 100,000, the import's limit) is read and validated, then stored in one transaction and recorded as a
// run, as the route does. Part of `npm run bench`; run alone with
// `node --require @backstage/cli/config/nodeTransform.cjs test/bench/csvImport.ts` (BENCH_DATABASES as in bench.ts).
/* eslint-disable no-console */
import {
  MAX_IMPORT_ROWS,
  addDaysToDay,
  utcDay,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KnexKpiStore } from '../../plugins/customer-kpis-backend/src/database/KnexKpiStore';
import { applyDatabaseMigrations } from '../../plugins/customer-kpis-backend/src/database/migrations';
import { importCsv } from '../../plugins/customer-kpis-backend/src/imports/importCsv';
import { readCsvImport } from '../../plugins/customer-kpis-backend/src/imports/readCsvImport';
import { SourceStore } from '../../plugins/customer-kpis-backend/src/sources/SourceStore';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? MAX_IMPORT_ROWS);

/** A CSV file of NPS answers over 500 services and 60 days, as a survey tool exports it. */
export function generatedNpsCsv(rows: number): Buffer {
  const today = utcDay(new Date());
  const lines = ['id,entityRef,timestamp,score'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `answer-${i},component:default/service-${i % 500},${addDaysToDay(
        today,
        -1 - (i % 60),
      )}T${String(i % 24).padStart(2, '0')}:15:00Z,${(i * 7) % 11}`,
    );
  }
  return Buffer.from(lines.join('\n'));
}

/** Measures reading and importing the generated file on `db` (migrated here); `report` prints one figure. */
export async function benchCsvImport(
  db: Knex,
  report: (measurement: string, result: string) => void,
): Promise<void> {
  await applyDatabaseMigrations(db);
  const body = generatedNpsCsv(ROWS);
  const rate = (ms: number) =>
    `${Math.round((ROWS / ms) * 1000).toLocaleString('en-US')} rows/s (${(
      ms / 1000
    ).toFixed(1)} s)`;

  let started = Date.now();
  const read = await readCsvImport(body, { kpi: 'recommend', now: new Date() });
  if (!read.report.valid) throw new Error('the generated file is not valid');
  report(
    `CSV import: read and validate ${ROWS.toLocaleString('en-US')} rows (${(
      body.length / 1e6
    ).toFixed(1)} MB)`,
    rate(Date.now() - started),
  );

  started = Date.now();
  const outcome = await importCsv(
    {
      store: new KnexKpiStore(db),
      runs: new SourceStore(db),
      now: () => new Date(),
    },
    body,
    { kpi: 'recommend', source: `bench-csv-${Date.now()}` },
  );
  if (!outcome.ok || outcome.response.counts?.inserted !== ROWS)
    throw new Error('the import did not store every row');
  report(
    `CSV import: ${ROWS.toLocaleString(
      'en-US',
    )} new rows end to end (read, validate, one transaction, run recorded)`,
    rate(Date.now() - started),
  );
}

async function main() {
  const databases = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(
    ',',
  );
  const print = (name: string) => (measurement: string, result: string) =>
    console.log(`${name}: ${measurement}: ${result}`);
  if (databases.includes('sqlite')) {
    const file = path.join(os.tmpdir(), `customer-kpis-csv-${process.pid}.db`);
    const sqlite = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: file },
      useNullAsDefault: true,
    });
    try {
      await benchCsvImport(sqlite, print('SQLite'));
    } finally {
      await sqlite.destroy();
      fs.rmSync(file, { force: true });
    }
  }
  if (databases.includes('postgres')) {
    const server =
      process.env.BENCH_POSTGRES ?? 'postgresql://postgres@127.0.0.1:5432';
    const admin = knexFactory({ client: 'pg', connection: server });
    await admin.raw('drop database if exists customer_kpis_bench_csv');
    await admin.raw('create database customer_kpis_bench_csv');
    const pg = knexFactory({
      client: 'pg',
      connection: `${server}/customer_kpis_bench_csv`,
    });
    try {
      await benchCsvImport(pg, print('PostgreSQL'));
    } finally {
      await pg.destroy();
      await admin.raw('drop database if exists customer_kpis_bench_csv');
      await admin.destroy();
    }
  }
}

if (require.main === module) {
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
