// Runs a configured query on the warehouse: read-only transaction, statement timeout and row limit, on pg, mysql2
// or better-sqlite3 through knex, with the period and the bound entities as named bindings.
import { LoggerService } from '@backstage/backend-plugin-api';
import { KpiId } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex, knex as createKnex } from 'knex';
import { SqlConfig, portOf } from './config';

/** The named parameters a query may use. */
export interface QueryParameters {
  /** Start of the period read, inclusive. */
  since: Date;
  /** End of the period read, exclusive. */
  until: Date;
  /** The keys of the bound entities' `customer-kpis.io/sql-key` annotations. */
  entityKeys: readonly string[];
  /** The refs of the bound entities. */
  entityRefs: readonly string[];
}

/** A query failed in a way worth showing as is: timed out, tried to write, hit the row limit, or was refused. */
export class SqlQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlQueryError';
  }
}

/**
 * Every column as the server's text: dates and timestamps are then read the same way whatever the backend's time
 * zone (node-postgres would parse `date` and `timestamp` in local time), and numbers the way `rows.ts` reads them.
 */
const PG_TEXT_TYPES = {
  getTypeParser: () => (value: unknown) => value,
};

/**
 * A time of the period as a binding, in the form the dialect compares best with its own columns (the times are
 * whole seconds): PostgreSQL ISO 8601 with `Z` (right for timestamptz, date and timestamp columns); MySQL and
 * MariaDB `YYYY-MM-DD HH:MM:SS` in UTC (an offset in DATETIME text is refused or warned about, and the session runs
 * in UTC); SQLite the same text, which is what its `datetime()` writes, so that text columns compare as times.
 */
export function timeBinding(client: SqlConfig['client'], time: Date): string {
  const iso = time.toISOString();
  return client === 'pg' ? iso : iso.slice(0, 19).replace('T', ' ');
}

function knexConfig(
  config: SqlConfig,
  password: string | undefined,
  logger: LoggerService,
): Knex.Config {
  const common = {
    pool: { min: 0, max: 1 },
    acquireConnectionTimeout: 30_000,
    // The query text, not the bindings, prefixes a driver error; `errorMessage` cuts it off again.
    compileSqlOnError: false,
    log: {
      warn: (message: unknown) => logger.warn(String(message)),
      error: (message: unknown) => logger.error(String(message)),
      deprecate: (message: unknown) => logger.debug(String(message)),
      debug: (message: unknown) => logger.debug(String(message)),
    },
  };
  if (config.client === 'better-sqlite3') {
    return {
      ...common,
      client: 'better-sqlite3',
      useNullAsDefault: true,
      connection: {
        filename: config.filename!,
        options: { readonly: true, fileMustExist: true },
      } as Knex.Sqlite3ConnectionConfig,
    };
  }
  const connection = config.connection!;
  if (config.client === 'pg') {
    return {
      ...common,
      client: 'pg',
      connection: {
        host: connection.host,
        port: portOf('pg', connection),
        database: connection.database,
        user: connection.user,
        password,
        ssl: connection.ssl ? { rejectUnauthorized: true } : false,
        application_name: 'backstage-customer-kpis-sql-source',
        connectionTimeoutMillis: 15_000,
        types: PG_TEXT_TYPES,
      } as Knex.PgConnectionConfig,
    };
  }
  return {
    ...common,
    client: 'mysql2',
    connection: {
      host: connection.host,
      port: portOf('mysql2', connection),
      database: connection.database,
      user: connection.user,
      password,
      ...(connection.ssl ? { ssl: { rejectUnauthorized: true } } : {}),
      dateStrings: true,
      timezone: 'Z',
      supportBigNumbers: true,
      multipleStatements: false,
      connectTimeout: 15_000,
    } as Knex.MySql2ConnectionConfig,
  };
}

/** The rows of a raw result, whichever driver produced it. */
function rowsOf(
  client: SqlConfig['client'],
  result: any,
): Record<string, unknown>[] {
  if (client === 'pg') return result.rows;
  if (client === 'mysql2') return result[0];
  return result;
}

/** A driver error of a query: what kind, and the database's own message without the query text knex prefixes. */
function classify(
  client: SqlConfig['client'],
  error: any,
  sentSql: string,
): { kind: 'timeout' | 'write' | 'other'; message: string } {
  let message = String(error?.message ?? error);
  if (client === 'mysql2' && typeof error?.sqlMessage === 'string') {
    message = error.sqlMessage;
  } else if (message.startsWith(`${sentSql} - `)) {
    message = message.slice(sentSql.length + 3);
  }
  const code = error?.code;
  const errno = error?.errno;
  if (
    (client === 'pg' && code === '57014') ||
    (client === 'mysql2' && (errno === 1969 || errno === 3024))
  ) {
    return { kind: 'timeout', message };
  }
  if (
    (client === 'pg' && code === '25006') ||
    (client === 'mysql2' && errno === 1792) ||
    (client === 'better-sqlite3' && String(code).startsWith('SQLITE_READONLY'))
  ) {
    return { kind: 'write', message };
  }
  return { kind: 'other', message };
}

/** Strips trailing semicolons, so that the query can be wrapped to apply the row limit. */
function withoutTrailingSemicolons(query: string): string {
  return query.replace(/[\s;]+$/, '');
}

/**
 * A connection to the warehouse of one source run (one pooled connection, closed by {@link Warehouse.close}).
 *
 * Each query runs in its own read-only transaction: PostgreSQL `SET TRANSACTION READ ONLY` and
 * `SET LOCAL statement_timeout`; MySQL and MariaDB `SET TRANSACTION READ ONLY` before `BEGIN` (what
 * `START TRANSACTION READ ONLY` does), with MariaDB's `max_statement_time` (seconds) or MySQL's
 * `max_execution_time` (milliseconds) and a UTC session; SQLite a read-only connection with `PRAGMA query_only`
 * (better-sqlite3 runs synchronously and cannot interrupt a query, so SQLite has no statement timeout). The query is
 * wrapped as `SELECT * FROM (<query>) LIMIT n+1`: the database stops after the row limit, and the wrapping and the
 * always-present binding admit one SELECT only, so no second statement can end the transaction.
 */
export class Warehouse {
  private readonly db: Knex;
  private flavour: 'mysql' | 'mariadb' | undefined;

  constructor(
    private readonly config: SqlConfig,
    password: string | undefined,
    logger: LoggerService,
  ) {
    this.db = createKnex(knexConfig(config, password, logger));
  }

  /** Closes the connection. */
  async close(): Promise<void> {
    await this.db.destroy();
  }

  private async readOnly(trx: Knex.Transaction): Promise<void> {
    const { client, statementTimeoutSeconds } = this.config;
    if (client === 'pg') {
      await trx.raw('SET TRANSACTION READ ONLY');
      await trx.raw("SELECT set_config('statement_timeout', ?, true)", [
        String(Math.ceil(statementTimeoutSeconds * 1000)),
      ]);
    } else if (client === 'mysql2') {
      if (!this.flavour) {
        const [rows] = await trx.raw('SELECT VERSION() AS version');
        this.flavour = /mariadb/i.test(String(rows[0]?.version))
          ? 'mariadb'
          : 'mysql';
      }
      await trx.raw("SET SESSION time_zone = '+00:00'");
      if (this.flavour === 'mariadb') {
        await trx.raw('SET SESSION max_statement_time = ?', [
          statementTimeoutSeconds,
        ]);
      } else {
        await trx.raw('SET SESSION max_execution_time = ?', [
          Math.ceil(statementTimeoutSeconds * 1000),
        ]);
      }
    } else {
      await trx.raw('PRAGMA query_only = ON');
    }
  }

  /**
   * The rows of the `kpi` query with these parameters, at most `maxRows`; throws a {@link SqlQueryError} when it
   * returns more, times out or tries to write, naming the KPI's query.
   */
  async rows(
    kpi: KpiId,
    query: string,
    parameters: QueryParameters,
    maxRows: number,
  ): Promise<Record<string, unknown>[]> {
    const { client, statementTimeoutSeconds } = this.config;
    const list = (values: readonly string[]) =>
      values.length > 0
        ? this.db.raw(values.map(() => '?').join(', '), [...values])
        : this.db.raw('NULL');
    const wrapped = `SELECT * FROM (\n${withoutTrailingSemicolons(
      query,
    )}\n) ckpi_rows LIMIT :ckpi_row_limit`;
    const bindings = {
      since: timeBinding(client, parameters.since),
      until: timeBinding(client, parameters.until),
      entity_keys: list(parameters.entityKeys),
      entity_refs: list(parameters.entityRefs),
      ckpi_row_limit: maxRows + 1,
    };
    const statement = this.db.raw(wrapped, bindings);
    const sentSql = (this.db.client as any).positionBindings(
      statement.toSQL().sql,
    );
    let rows: Record<string, unknown>[];
    try {
      rows = await this.db.transaction(
        async trx => {
          await this.readOnly(trx);
          return rowsOf(client, await trx.raw(wrapped, bindings));
        },
        client === 'mysql2' ? { readOnly: true } : undefined,
      );
    } catch (error) {
      const { kind, message } = classify(client, error, sentSql);
      if (kind === 'timeout') {
        throw new SqlQueryError(
          `the ${kpi} query ran longer than statementTimeoutSeconds (${statementTimeoutSeconds} s) and was cancelled: ${message}`,
        );
      }
      if (kind === 'write') {
        throw new SqlQueryError(
          `the ${kpi} query tried to write, which the read-only transaction refused (sql sources only read): ${message}`,
        );
      }
      throw new SqlQueryError(`the ${kpi} query failed: ${message}`);
    }
    if (rows.length > maxRows) {
      throw new SqlQueryError(
        `the ${kpi} query returned more rows than this run may still read (${maxRows} of maxRowsPerRun ${this.config.maxRowsPerRun}); narrow the query or its period (initialLookbackDays, lookbackHours), or raise maxRowsPerRun`,
      );
    }
    return rows;
  }
}
