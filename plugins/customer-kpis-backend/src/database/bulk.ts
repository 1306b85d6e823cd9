// Set-based statements that take a whole list of rows as one bound JSON value: PostgreSQL expands it with
// `json_to_recordset`, SQLite with `json_each`. One statement per list instead of one per few hundred rows, and
// no statement grows with the number of bind parameters.
import { Knex } from 'knex';

/** A column of a bulk statement and its PostgreSQL type (SQLite takes the JSON value as it is). */
export interface BulkColumn {
  name: string;
  type: 'text' | 'integer' | 'bigint' | 'double precision' | 'timestamptz';
}

/** Whether the database is PostgreSQL (otherwise SQLite). */
export function isPostgres(db: Knex | Knex.Transaction): boolean {
  return ['pg', 'postgres', 'postgresql'].includes(
    String(db.client.config.client),
  );
}

/** `select <columns> from <the rows>` as SQL, with the rows' JSON as its one binding. */
function rowsSource(
  db: Knex,
  columns: readonly BulkColumn[],
  rows: readonly Record<string, unknown>[],
): { sql: string; json: string } {
  const json = JSON.stringify(
    rows.map(row =>
      Object.fromEntries(columns.map(c => [c.name, row[c.name]])),
    ),
  );
  if (isPostgres(db)) {
    const definition = columns.map(c => `"${c.name}" ${c.type}`).join(', ');
    const names = columns.map(c => `"${c.name}"`).join(', ');
    return {
      sql: `select ${names} from json_to_recordset(?::json) as x(${definition})`,
      json,
    };
  }
  const extracts = columns
    .map(c => `json_extract(value, '$."${c.name}"') as "${c.name}"`)
    .join(', ');
  return { sql: `select ${extracts} from json_each(?)`, json };
}

/** `insert … select … on conflict (key)` of the rows, for the caller to finish with its conflict action. */
function insertOnConflict(
  db: Knex | Knex.Transaction,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly Record<string, unknown>[],
  conflict: readonly string[],
): { sql: string; json: string } {
  const source = rowsSource(db, columns, rows);
  const names = columns.map(c => `"${c.name}"`).join(', ');
  const keys = conflict.map(c => `"${c}"`).join(', ');
  // SQLite needs a WHERE after INSERT … SELECT to tell ON CONFLICT from a join constraint.
  return {
    sql: `insert into "${table}" (${names}) ${source.sql} where true on conflict (${keys})`,
    json: source.json,
  };
}

/**
 * Inserts the rows; a row whose `conflict` key exists updates the row instead: with `set` (SQL of the update's
 * assignments, `excluded` being the new row) or else every column outside the key.
 */
export async function bulkUpsert(
  db: Knex | Knex.Transaction,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly Record<string, unknown>[],
  conflict: readonly string[],
  set?: string,
): Promise<void> {
  if (rows.length === 0) return;
  const insert = insertOnConflict(db, table, columns, rows, conflict);
  const assignments =
    set ??
    columns
      .filter(c => !conflict.includes(c.name))
      .map(c => `"${c.name}" = excluded."${c.name}"`)
      .join(', ');
  await db.raw(`${insert.sql} do update set ${assignments}`, [insert.json]);
}

/**
 * Inserts the rows whose `conflict` key is not taken yet and leaves the others alone; returns the `returning`
 * column of the rows it inserted.
 */
export async function bulkInsertMissing(
  db: Knex | Knex.Transaction,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly Record<string, unknown>[],
  conflict: readonly string[],
  returning: string,
): Promise<unknown[]> {
  if (rows.length === 0) return [];
  const insert = insertOnConflict(db, table, columns, rows, conflict);
  const result = await db.raw(
    `${insert.sql} do nothing returning "${returning}"`,
    [insert.json],
  );
  // PostgreSQL answers with a result object, SQLite with the rows.
  const inserted: Record<string, unknown>[] = Array.isArray(result)
    ? result
    : result.rows;
  return inserted.map(row => row[returning]);
}

/** Updates the columns outside `key` of the rows that exist, matched on `key`. */
export async function bulkUpdate(
  db: Knex | Knex.Transaction,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly Record<string, unknown>[],
  key: readonly string[],
): Promise<void> {
  if (rows.length === 0) return;
  const source = rowsSource(db, columns, rows);
  const assignments = columns
    .filter(c => !key.includes(c.name))
    .map(c => `"${c.name}" = x."${c.name}"`)
    .join(', ');
  const match = key.map(k => `"${table}"."${k}" = x."${k}"`).join(' and ');
  await db.raw(
    `update "${table}" set ${assignments} from (${source.sql}) as x where ${match}`,
    [source.json],
  );
}

/**
 * Rows of `table` whose `key` columns equal those of one of `keys`, as a query to refine (`where`, `select`).
 * Key values are compared as text.
 */
export function whereKeyIn(
  db: Knex | Knex.Transaction,
  table: string,
  key: readonly BulkColumn[],
  keys: readonly Record<string, unknown>[],
): Knex.QueryBuilder {
  const source = rowsSource(db, key, keys);
  const tuple = key.map(k => `"${table}"."${k.name}"`).join(', ');
  return db(table).whereRaw(`(${tuple}) in (${source.sql})`, [source.json]);
}

/** The whole list as one bound value: `column = any(?)` on PostgreSQL, `column in (json_each)` on SQLite. */
export function whereInList(
  db: Knex | Knex.Transaction,
  column: string,
  values: readonly string[],
): Knex.Raw {
  return isPostgres(db)
    ? db.raw('?? = any(?::text[])', [column, [...values]])
    : db.raw('?? in (select value from json_each(?))', [
        column,
        JSON.stringify(values),
      ]);
}

/** Inserts the rows as one statement (rows without a key of their own, such as an entity's facts). */
export async function bulkInsert(
  db: Knex | Knex.Transaction,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const source = rowsSource(db, columns, rows);
  const names = columns.map(c => `"${c.name}"`).join(', ');
  await db.raw(`insert into "${table}" (${names}) ${source.sql}`, [
    source.json,
  ]);
}
