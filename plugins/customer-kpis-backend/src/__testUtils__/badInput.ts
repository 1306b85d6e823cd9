// The harness of the bad-input suite: the shape of a case, how it is sent, and the row counts that prove nothing
// was stored.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Knex } from 'knex';
import request from 'supertest';

/** The API's base path in a test backend. */
export const BASE = '/api/customer-kpis';

/** One malformed request and what the API must answer. */
export interface BadInputCase {
  name: string;
  method: 'get' | 'post' | 'put' | 'delete';
  /** The path below the plugin's base path, query included, exactly as sent (already percent-encoded). */
  path: string;
  /** A JSON body (a function for bodies too large to keep in memory between runs). */
  json?: unknown | (() => unknown);
  /** A body sent as it is, with its headers. */
  raw?: { body: string; headers: Record<string, string> };
  /** The status the API answers with: always a 4xx. */
  status: number;
  /** What the error message must say: the field and the reason. */
  message: RegExp;
}

/** A JSON object with an own `__proto__` key, as `JSON.parse` makes it (an object literal would set the prototype). */
export function withProtoKey(
  fields: Record<string, unknown>,
  proto: unknown = { polluted: true },
): Record<string, unknown> {
  return JSON.parse(
    `{"__proto__":${JSON.stringify(proto)},${JSON.stringify(fields).slice(1)}`,
  );
}

/** Sends a case as the given caller. */
export function sendCase(
  api: ReturnType<typeof request>,
  testCase: BadInputCase,
  authorization: string,
) {
  const req = api[testCase.method](`${BASE}${testCase.path}`).set(
    'Authorization',
    authorization,
  );
  if (testCase.raw) {
    req.set(testCase.raw.headers);
    return req.send(testCase.raw.body);
  }
  if (testCase.json !== undefined) {
    const body =
      typeof testCase.json === 'function' ? testCase.json() : testCase.json;
    // Serialised here, so that supertest sends exactly this text (lone surrogates escaped, own __proto__ kept).
    return req
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));
  }
  return req;
}

/** The tables the plugin's migrations create (and do not drop again), read from the migration files. */
export function migrationTables(): string[] {
  const dir = join(__dirname, '..', '..', 'migrations');
  const tables = new Set<string>();
  for (const file of readdirSync(dir)
    .filter(f => f.endsWith('.js'))
    .sort()) {
    // Only the `up` half: a `down` drops what its own `up` created.
    const up = readFileSync(join(dir, file), 'utf8').split(
      /exports\.down\s*=/,
    )[0];
    for (const match of up.matchAll(/createTable\(\s*'([a-z_]+)'/g))
      tables.add(match[1]);
    for (const match of up.matchAll(/dropTable(?:IfExists)?\(\s*'([a-z_]+)'/g))
      tables.delete(match[1]);
  }
  return [...tables].sort();
}

/** The number of rows of each table, in one statement. */
export async function countRows(
  knex: Knex,
  tables: readonly string[],
): Promise<Record<string, number>> {
  const counts = tables.map(table => knex(table).count({ n: '*' }).as(table));
  const [row] = await knex.select(counts);
  return Object.fromEntries(
    tables.map(table => [
      table,
      Number((row as Record<string, unknown>)[table]),
    ]),
  );
}
