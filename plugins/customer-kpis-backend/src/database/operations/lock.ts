// The one lock of the KPI store's read-modify-write transactions (ingest, rebuilds, refreshes, the roll-over).
import { Knex } from 'knex';
import { isPostgres } from '../bulk';

/**
 * Ingest reads aggregates, changes them in the backend and writes them back; so do rebuilds and refreshes. On
 * PostgreSQL such a transaction takes one transaction-level advisory lock first, so that two of them never
 * interleave on the same bucket or window row (SQLite has a single writer already).
 */
export async function serialiseWrites(trx: Knex.Transaction): Promise<void> {
  if (isPostgres(trx)) {
    await trx.raw(
      "select pg_advisory_xact_lock(hashtext('customer-kpis-aggregates'))",
    );
  }
}

/** Runs `work` in a transaction that holds the store's write lock. */
export function lockedTransaction<T>(
  db: Knex,
  work: (trx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  return db.transaction(async trx => {
    await serialiseWrites(trx);
    return work(trx);
  });
}
