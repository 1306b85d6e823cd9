// Runs a store test suite on every test database (SQLite, and PostgreSQL when configured), migrated afresh per test.
import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../../__testUtils__/databases';
import { applyDatabaseMigrations } from '../migrations';

/** Declares `tests` once per test database; `db()` is that test's migrated database. */
export function describeOnEachDatabase(
  title: string,
  tests: (db: () => Knex, databaseId: TestDatabaseId) => void,
): void {
  const databases = createTestDatabases();
  describe.each(databases.eachSupportedId())(`${title} on %p`, databaseId => {
    let knex: Knex;
    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
    });
    afterEach(async () => {
      await knex.destroy();
    });
    tests(() => knex, databaseId);
  });
}
