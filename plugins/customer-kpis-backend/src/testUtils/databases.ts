// The databases every store test runs on: SQLite always, and each PostgreSQL whose connection string is set.
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

const POSTGRES_VARIABLE =
  /^BACKSTAGE_TEST_DATABASE_POSTGRES(\d+)_CONNECTION_STRING$/;

let announced = false;

/**
 * The test databases of the customer-kpis store: `SQLITE_3`, and `POSTGRES_<NN>` for every
 * `BACKSTAGE_TEST_DATABASE_POSTGRES<NN>_CONNECTION_STRING` that is set (e.g.
 * `BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres@127.0.0.1:5432`). Says once per test
 * file which databases run, and warns when PostgreSQL is skipped, so that a CI log shows it.
 *
 * @public
 */
export function sourceTestDatabaseIds(): TestDatabaseId[] {
  const ids: TestDatabaseId[] = [
    'SQLITE_3',
    ...Object.keys(process.env)
      .map(name => POSTGRES_VARIABLE.exec(name)?.[1])
      .filter((major): major is string => Boolean(major))
      .map(major => `POSTGRES_${major}` as TestDatabaseId),
  ];
  if (!announced) {
    announced = true;
    if (ids.length > 1) {
      // eslint-disable-next-line no-console
      console.info(`customer-kpis store tests run on ${ids.join(' and ')}`);
    } else {
      // eslint-disable-next-line no-console
      console.warn(
        'customer-kpis: PostgreSQL store tests are SKIPPED. Set BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING ' +
          '(e.g. BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres@127.0.0.1:5432) to run them.',
      );
    }
  }
  return ids;
}

/**
 * Creates `TestDatabases` over {@link sourceTestDatabaseIds} (never Docker). Call it once at the top of a test file:
 * it registers the `afterAll` that drops the databases it created.
 *
 * @public
 */
export function createSourceTestDatabases(): TestDatabases {
  return TestDatabases.create({
    ids: sourceTestDatabaseIds(),
    disableDocker: true,
  });
}
