// The databases every store and router test runs on: SQLite always, PostgreSQL when a connection string is set.
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

const POSTGRES_VARIABLE =
  /^BACKSTAGE_TEST_DATABASE_POSTGRES(\d+)_CONNECTION_STRING$/;

function postgresIds(): TestDatabaseId[] {
  return Object.keys(process.env)
    .map(name => POSTGRES_VARIABLE.exec(name)?.[1])
    .filter((major): major is string => Boolean(major))
    .map(major => `POSTGRES_${major}` as TestDatabaseId);
}

let warned = false;

/** Creates the test databases; says clearly when PostgreSQL is skipped. */
export function createTestDatabases(): TestDatabases {
  const ids: TestDatabaseId[] = ['SQLITE_3', ...postgresIds()];
  if (!warned && ids.length > 1) {
    warned = true;
    // Said once per test file, so that a CI log shows the PostgreSQL runs happened.
    // eslint-disable-next-line no-console
    console.info(`customer-kpis store tests run on ${ids.join(' and ')}`);
  }
  if (ids.length === 1 && !warned) {
    warned = true;
    // eslint-disable-next-line no-console
    console.warn(
      'customer-kpis: PostgreSQL store tests are SKIPPED. Set BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING ' +
        '(e.g. BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres@127.0.0.1:5432) to run them.',
    );
  }
  return TestDatabases.create({ ids, disableDocker: true });
}
