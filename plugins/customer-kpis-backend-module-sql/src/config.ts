// The config of an `sql` source instance: where the warehouse is, one query per KPI, and the limits of a run.
import {
  KPI_IDS,
  KpiId,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { CredentialTarget } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { z } from 'zod';

/** The knex clients the source runs on, named as in Backstage's `backend.database.client`. */
export const SQL_CLIENTS = ['pg', 'mysql2', 'better-sqlite3'] as const;

/** A knex client of {@link SQL_CLIENTS}. */
export type SqlClient = (typeof SQL_CLIENTS)[number];

/**
 * Leading comments and the first keyword of a query. A query must be one SELECT (or WITH … SELECT, or VALUES): a
 * write is refused here with a clear message, and by the read-only transaction whatever slips past this look.
 */
const FIRST_KEYWORD = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*([a-z]+)/i;

/** The first keyword of a query, lower-case, after whitespace and comments; `undefined` when there is none. */
export function firstKeyword(query: string): string | undefined {
  return FIRST_KEYWORD.exec(query)?.[1]?.toLowerCase();
}

const querySchema = z
  .string()
  .min(1)
  .refine(
    query => ['select', 'with', 'values'].includes(firstKeyword(query) ?? ''),
    {
      message:
        'must be one SELECT statement (or WITH … SELECT): sql sources only read, in a read-only transaction',
    },
  );

const connectionSchema = z.strictObject({
  host: z
    .string()
    .min(1)
    .meta({ title: 'Host' })
    .describe('Host name or address of the database server.'),
  port: z
    .number()
    .int()
    .min(1)
    .max(65535)
    .optional()
    .meta({ title: 'Port' })
    .describe(
      'Port of the database server; 5432 for pg (Redshift: 5439), 3306 for mysql2 when left out.',
    ),
  database: z
    .string()
    .min(1)
    .meta({ title: 'Database' })
    .describe('The database (schema) to read.'),
  user: z
    .string()
    .min(1)
    .meta({ title: 'User' })
    .describe(
      'The database user; give it SELECT on the tables the queries read, nothing more.',
    ),
  credential: z
    .string()
    .min(1)
    .meta({ title: 'Password credential' })
    .describe(
      "NAME of the credential holding the user's password: a key of customerKpis.credentials whose allowedUrls include postgresql://host:port/database (pg) or mysql://host:port/database (mysql2).",
    ),
  ssl: z
    .boolean()
    .default(false)
    .meta({ title: 'Use TLS' })
    .describe(
      "Connect with TLS, verifying the server's certificate against the system's trusted CAs.",
    ),
});

const queriesSchema = z
  .partialRecord(z.enum(KPI_IDS), querySchema)
  .refine(queries => Object.keys(queries).length > 0, {
    message: 'give at least one query, keyed by KPI id',
  })
  .meta({ title: 'Queries' })
  .describe(
    'One SELECT per KPI, keyed by KPI id (adoption, retention, time-to-value, time-to-resolve, satisfaction, customer-effort, recommend). Named parameters :since and :until (the period read), :entity_keys and :entity_refs (the bound entities, for IN (...)); result columns: the observation fields, an id where the KPI needs one, and entity_key or entity_ref.',
  );

/** Config of one `sql` source instance. */
export const sqlConfigSchema = z
  .strictObject({
    client: z
      .enum(SQL_CLIENTS)
      .meta({ title: 'Database driver' })
      .describe(
        'The database driver: pg (PostgreSQL, Redshift), mysql2 (MySQL, MariaDB) or better-sqlite3 (a SQLite file).',
      ),
    connection: connectionSchema
      .optional()
      .meta({ title: 'Connection' })
      .describe('Where the pg or mysql2 database is; not for better-sqlite3.'),
    filename: z
      .string()
      .min(1)
      .optional()
      .meta({ title: 'SQLite file' })
      .describe(
        'The SQLite file, opened read-only (better-sqlite3 only; SQLite has no password, so no credential).',
      ),
    queries: queriesSchema,
    statementTimeoutSeconds: z
      .number()
      .min(0.1)
      .max(3600)
      .default(60)
      .meta({ title: 'Statement timeout (seconds)' })
      .describe(
        'Longest time one query may run before the database cancels it and the run fails (pg and mysql2; SQLite cannot be interrupted).',
      ),
    maxRowsPerRun: z
      .number()
      .int()
      .min(1)
      .max(5_000_000)
      .default(100_000)
      .meta({ title: 'Max rows per run' })
      .describe(
        'Most rows one run reads over all its queries; more stops the run with an error (narrow the queries, or raise this).',
      ),
    initialLookbackDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(90)
      .meta({ title: 'Initial lookback (days)' })
      .describe('How far back the first run of each query reads (:since).'),
    lookbackHours: z
      .number()
      .min(0)
      .max(24 * 90)
      .default(48)
      .meta({ title: 'Lookback (hours)' })
      .describe(
        "Each later run starts this many hours before the previous run's :until, to pick up rows that arrived late; rows read again are no-ops (same ids), changed ones replace their earlier version.",
      ),
  })
  .superRefine((config, ctx) => {
    if (config.client === 'better-sqlite3') {
      if (config.filename === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['filename'],
          message: 'filename is required with client better-sqlite3',
        });
      }
      if (config.connection !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['connection'],
          message:
            'connection is for pg and mysql2; better-sqlite3 reads filename',
        });
      }
    } else {
      if (config.connection === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['connection'],
          message: `connection is required with client ${config.client}`,
        });
      }
      if (config.filename !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['filename'],
          message: 'filename is for better-sqlite3 only',
        });
      }
    }
  });

/** Parsed config of one `sql` source instance. */
export type SqlConfig = z.output<typeof sqlConfigSchema>;

/** The KPIs a config has a query for, in the order of the KPI ids. */
export function configuredKpis(config: SqlConfig): KpiId[] {
  return KPI_IDS.filter(kpi => config.queries[kpi] !== undefined);
}

const DEFAULT_PORTS = { pg: 5432, mysql2: 3306 } as const;

/** The port a config connects to. */
export function portOf(
  client: Exclude<SqlClient, 'better-sqlite3'>,
  connection: NonNullable<SqlConfig['connection']>,
): number {
  return connection.port ?? DEFAULT_PORTS[client];
}

/**
 * The URL the password is "sent to": `postgresql://host:port/database` or `mysql://host:port/database`. The
 * credential's allowedUrls must contain it (or the server's origin); `undefined` for SQLite, which has no password.
 */
export function databaseUrl(config: SqlConfig): string | undefined {
  if (config.client === 'better-sqlite3' || !config.connection) {
    return undefined;
  }
  const scheme = config.client === 'pg' ? 'postgresql' : 'mysql';
  const host = config.connection.host.includes(':')
    ? `[${config.connection.host}]`
    : config.connection.host;
  return `${scheme}://${host}:${portOf(
    config.client,
    config.connection,
  )}/${encodeURIComponent(config.connection.database)}`;
}

/** Where a config sends its credential: the database server and database (none for SQLite). */
export function sqlCredentialTargets(config: SqlConfig): CredentialTarget[] {
  const url = databaseUrl(config);
  if (!url || !config.connection) {
    return [];
  }
  return [
    {
      credential: config.connection.credential,
      credentialField: 'connection.credential',
      urlField: 'connection.host',
      url,
    },
  ];
}
