// Real test warehouses for the sql source: a database of its own on the machine's PostgreSQL and MariaDB, and a
// SQLite file, each seeded with tables for all seven KPIs. A server that does not answer is skipped, saying so.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Knex, knex as createKnex } from 'knex';
import { SqlClient } from '../config';

/** The servers the tests use: PostgreSQL (trust auth) and MariaDB (root, empty password) on this machine. */
const SERVERS = {
  pg: { host: '127.0.0.1', port: 5432, user: 'postgres', name: 'PostgreSQL' },
  mysql2: { host: '127.0.0.1', port: 3306, user: 'root', name: 'MariaDB' },
} as const;

/** Whether something answers on host:port, checked synchronously so that `describe.each` can leave a server out. */
function answers(host: string, port: number): boolean {
  try {
    execFileSync(
      process.execPath,
      [
        '-e',
        `const s=require('net').connect(${port},'${host}');s.setTimeout(2000);` +
          `s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1));s.on('timeout',()=>process.exit(1));`,
      ],
      { stdio: 'ignore', timeout: 5000 },
    );
    return true;
  } catch {
    return false;
  }
}

/** The clients to test on: SQLite always, PostgreSQL and MariaDB when they answer (with a warning when not). */
export function availableClients(): SqlClient[] {
  const clients: SqlClient[] = ['better-sqlite3'];
  for (const client of ['pg', 'mysql2'] as const) {
    const server = SERVERS[client];
    if (answers(server.host, server.port)) {
      clients.unshift(client);
    } else {
      // eslint-disable-next-line no-console
      console.warn(
        `sql source: ${server.name} tests are SKIPPED: nothing answers on ${server.host}:${server.port}`,
      );
    }
  }
  return clients;
}

/** A seeded warehouse of one client: a writable connection for the test, and the source config that reads it. */
export interface TestWarehouse {
  client: SqlClient;
  /** Writable, for seeding and checking; the source opens its own read-only connection. */
  db: Knex;
  /** `client` and `connection` or `filename`, for the source config. */
  target: Record<string, unknown>;
  /** The URL the credential must allow (none for SQLite). */
  url?: string;
  /** A column name or keyword quoted for this dialect. */
  quote(name: string): string;
  /** The day of a timestamp parameter, e.g. `CAST(:since AS date)`. */
  day(parameter: string): string;
  drop(): Promise<void>;
}

/** Creates a database of its own on the server of `client` (or a SQLite file). */
export async function createWarehouse(
  client: SqlClient,
  password?: string,
): Promise<TestWarehouse> {
  const name = `ckpi_sql_source_test_${randomBytes(5).toString('hex')}`;
  if (client === 'better-sqlite3') {
    const dir = mkdtempSync(join(tmpdir(), 'ckpi-sql-'));
    const filename = join(dir, `${name}.sqlite`);
    const db = createKnex({
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
    });
    return {
      client,
      db,
      target: { client, filename },
      quote: n => `"${n}"`,
      day: p => `date(${p})`,
      drop: async () => {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const server = SERVERS[client];
  const admin = createKnex({
    client,
    connection: {
      host: server.host,
      port: server.port,
      user: server.user,
      ...(client === 'pg' ? { database: 'postgres' } : {}),
    },
  });
  await admin.raw(`CREATE DATABASE ${name}`);
  const db = createKnex({
    client,
    connection: {
      host: server.host,
      port: server.port,
      user: server.user,
      database: name,
      ...(client === 'mysql2' ? { dateStrings: true, timezone: 'Z' } : {}),
    },
    // Seeded times are UTC wall times, whatever the server's time zone.
    pool: {
      afterCreate: (connection: any, done: (error?: Error) => void) => {
        const sql =
          client === 'pg' ? "SET TIME ZONE 'UTC'" : "SET time_zone = '+00:00'";
        connection.query(sql, (error?: Error) => done(error));
      },
    },
  });
  let user: string = server.user;
  if (client === 'mysql2' && password) {
    // A reader with a password of its own, so that the tests see the password travel and never come out.
    user = `${name}_r`.slice(0, 32);
    await admin.raw(`CREATE USER '${user}'@'%' IDENTIFIED BY ?`, [password]);
    await admin.raw(`GRANT SELECT, EXECUTE ON ${name}.* TO '${user}'@'%'`);
  }
  const scheme = client === 'pg' ? 'postgresql' : 'mysql';
  return {
    client,
    db,
    target: {
      client,
      connection: {
        host: server.host,
        port: server.port,
        database: name,
        user,
        credential: 'warehouse',
      },
    },
    url: `${scheme}://${server.host}:${server.port}/${name}`,
    quote: n => (client === 'pg' ? `"${n}"` : `\`${n}\``),
    day: p => (client === 'pg' ? `CAST(${p} AS date)` : `DATE(${p})`),
    drop: async () => {
      await db.destroy();
      if (client === 'pg') {
        await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } else {
        await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
        if (user !== server.user) await admin.raw(`DROP USER '${user}'@'%'`);
      }
      await admin.destroy();
    },
  };
}

const DAY_MS = 86_400_000;

/** The UTC day `offset` days from `today` (`YYYY-MM-DD`). */
export function dayFrom(today: Date, offset: number): string {
  return new Date(today.getTime() + offset * DAY_MS).toISOString().slice(0, 10);
}

/** A UTC timestamp `offset` days and `hours` hours from `today`'s midnight, as the warehouse stores it. */
export function timeFrom(today: Date, offset: number, hours: number): string {
  return new Date(
    Date.parse(`${dayFrom(today, offset)}T00:00:00Z`) + hours * 3_600_000,
  )
    .toISOString()
    .slice(0, 19)
    .replace('T', ' ');
}

/** The seed: warehouse rows of two products (keys `checkout` and `search`) and one unbound product (`legacy`). */
export function seedRows(today: Date) {
  const products = ['checkout', 'search', 'legacy'];
  return {
    usage: products.flatMap((product, p) =>
      [-5, -4, -3, -2, -1].map((offset, i) => ({
        product,
        day: dayFrom(today, offset),
        dau: 100 + 10 * p + i,
        wau: 300 + 10 * p + i,
        mau: 800 + 10 * p + i,
        eligible: 1000 + 100 * p,
      })),
    ),
    retention: products.flatMap((product, p) => [
      {
        product,
        period_start: dayFrom(today, -60),
        period_end: dayFrom(today, -31),
        customers_start: 200 + p,
        customers_end: 190 + p,
        customers_new: 12,
      },
      {
        product,
        period_start: dayFrom(today, -30),
        period_end: dayFrom(today, -1),
        customers_start: 190 + p,
        customers_end: 180 + p,
        customers_new: 5,
      },
    ]),
    journeys: products.flatMap((product, p) =>
      [1, 2, 3, 4, 5].map(n => ({
        journey_id: `${product}-j${n}`,
        product,
        started_at: timeFrom(today, -10 + n, 9),
        // The fifth journey has not reached value: censored.
        value_at: n === 5 ? null : timeFrom(today, -10 + n, 9 + n * (p + 1)),
        updated_at: timeFrom(today, -10 + n, 20),
      })),
    ),
    tickets: products.flatMap(product =>
      [1, 2, 3].map(n => ({
        ticket_id: 1000 + n,
        product,
        opened_at: timeFrom(today, -3, n),
        resolved_at: timeFrom(today, -2, n + 2),
        business_minutes: 60 * n,
      })),
    ),
    csat: products.flatMap(product =>
      [5, 4, 2].map((score, n) => ({
        response_id: `${product}-csat-${n}`,
        product,
        answered_at: timeFrom(today, -2, 10 + n),
        score,
      })),
    ),
    ces: products.flatMap(product =>
      [7, 6, 3].map((score, n) => ({
        response_id: `${product}-ces-${n}`,
        product,
        answered_at: timeFrom(today, -2, 11 + n),
        score,
        scale: 7,
      })),
    ),
    nps: [
      ['component:default/checkout-service', 10],
      ['component:default/checkout-service', 9],
      ['component:default/checkout-service', 3],
      ['component:default/search-service', 8],
      ['component:default/not-in-catalog', 10],
    ].map(([ref, score], n) => ({
      response_id: `nps-${n}`,
      entity_ref: ref as string,
      answered_at: timeFrom(today, -1, 8 + n),
      score: score as number,
    })),
  };
}

/** The seeded rows, by table. */
export type SeedRows = ReturnType<typeof seedRows>;

/** Creates and fills the seven tables. */
export async function seedWarehouse(
  warehouse: TestWarehouse,
  rows: SeedRows,
): Promise<void> {
  const { db } = warehouse;
  const time = (t: Knex.CreateTableBuilder, name: string, nullable = false) =>
    nullable ? t.dateTime(name).nullable() : t.dateTime(name).notNullable();
  await db.schema.createTable('product_usage_daily', t => {
    t.string('product');
    t.date('day');
    t.integer('dau');
    t.integer('wau');
    t.integer('mau');
    t.integer('eligible');
  });
  await db.schema.createTable('customer_retention', t => {
    t.string('product');
    t.date('period_start');
    t.date('period_end');
    t.integer('customers_start');
    t.integer('customers_end');
    t.integer('customers_new');
  });
  await db.schema.createTable('journeys', t => {
    t.string('journey_id');
    t.string('product');
    time(t, 'started_at');
    time(t, 'value_at', true);
    time(t, 'updated_at');
  });
  await db.schema.createTable('tickets', t => {
    t.integer('ticket_id');
    t.string('product');
    time(t, 'opened_at');
    time(t, 'resolved_at');
    t.decimal('business_minutes', 10, 2);
  });
  for (const table of ['csat_responses', 'ces_responses']) {
    await db.schema.createTable(table, t => {
      t.string('response_id');
      t.string('product');
      time(t, 'answered_at');
      t.integer('score');
      if (table === 'ces_responses') t.integer('scale');
    });
  }
  await db.schema.createTable('nps_responses', t => {
    t.string('response_id');
    t.string('entity_ref');
    time(t, 'answered_at');
    t.integer('score');
  });
  await db('product_usage_daily').insert(rows.usage);
  await db('customer_retention').insert(rows.retention);
  await db('journeys').insert(rows.journeys);
  await db('tickets').insert(rows.tickets);
  await db('csat_responses').insert(rows.csat);
  await db('ces_responses').insert(rows.ces);
  await db('nps_responses').insert(rows.nps);
}

/** One query per KPI on the seeded tables, in the warehouse's dialect. */
export function seedQueries(warehouse: TestWarehouse): Record<string, string> {
  const q = warehouse.quote;
  const sinceDay = warehouse.day(':since');
  const untilDay = warehouse.day(':until');
  return {
    adoption: `SELECT product AS entity_key, day AS date, dau, wau, mau, eligible
      FROM product_usage_daily
      WHERE product IN (:entity_keys) AND day >= ${sinceDay} AND day < ${untilDay}`,
    retention: `SELECT product AS entity_key, period_start, period_end,
        customers_start AS ${q('start')}, customers_end AS ${q(
      'end',
    )}, customers_new AS ${q('new')}
      FROM customer_retention
      WHERE period_end >= ${sinceDay} AND period_end < ${untilDay}`,
    'time-to-value': `-- late journeys reach value after they start: read by when they changed
      SELECT journey_id AS id, product AS entity_key, started_at, value_at
      FROM journeys WHERE updated_at >= :since AND updated_at < :until;`,
    'time-to-resolve': `SELECT ticket_id AS id, product AS entity_key, opened_at, resolved_at, business_minutes
      FROM tickets WHERE resolved_at >= :since AND resolved_at < :until`,
    satisfaction: `SELECT response_id AS id, product AS entity_key, answered_at AS ${q(
      'timestamp',
    )}, score
      FROM csat_responses WHERE answered_at >= :since AND answered_at < :until`,
    'customer-effort': `SELECT response_id AS id, product AS entity_key, answered_at AS ${q(
      'timestamp',
    )}, score, scale
      FROM ces_responses WHERE answered_at >= :since AND answered_at < :until`,
    recommend: `SELECT response_id AS id, entity_ref, answered_at AS ${q(
      'timestamp',
    )}, score
      FROM nps_responses WHERE entity_ref IN (:entity_refs) AND answered_at >= :since AND answered_at < :until`,
  };
}
