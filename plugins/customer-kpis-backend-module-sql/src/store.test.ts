// The sql source run by the real backend into the real store (SQLite, and PostgreSQL when configured): the figures
// of adoption, retention and time to value are exactly those the common engine computes from the same rows.
import {
  TestDatabaseId,
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import customerKpisPlugin from '@customer-kpis/backstage-plugin-customer-kpis-backend';
import {
  KpiId,
  Observation,
  SQL_KEY_ANNOTATION,
  aggregatorFor,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { AddressInfo } from 'node:net';
import customerKpisModuleSql from './index';
import { CHECKOUT, expectedObservations } from './__testUtils__/expected';
import {
  TestWarehouse,
  createWarehouse,
  seedQueries,
  seedRows,
  seedWarehouse,
} from './__testUtils__/warehouses';

jest.setTimeout(120_000);

const POSTGRES = /^BACKSTAGE_TEST_DATABASE_POSTGRES(\d+)_CONNECTION_STRING$/;
const storeIds: TestDatabaseId[] = [
  'SQLITE_3',
  ...Object.keys(process.env).flatMap(name => {
    const major = POSTGRES.exec(name)?.[1];
    return major ? [`POSTGRES_${major}` as TestDatabaseId] : [];
  }),
];
if (storeIds.length === 1) {
  // eslint-disable-next-line no-console
  console.warn(
    'sql source: the PostgreSQL store is SKIPPED; set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres@127.0.0.1:5432',
  );
}
const databases = TestDatabases.create({ ids: storeIds, disableDocker: true });

const ALICE = mockCredentials.user.header('user:default/alice');
const USAGE_KPIS: KpiId[] = ['adoption', 'retention', 'time-to-value'];

function component(name: string, key: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { [SQL_KEY_ANNOTATION]: key },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

/** What the engine makes of the observations of one entity and KPI: every one added, then summarised. */
function engineSummary(kpi: KpiId, observations: Observation[]) {
  const aggregator = aggregatorFor(kpi);
  let aggregate = aggregator.empty();
  for (const observation of observations) {
    aggregate = aggregator.add(aggregate, observation);
  }
  return aggregator.summarise(aggregate);
}

describe.each(databases.eachSupportedId())(
  'sql source into the store on %p',
  databaseId => {
    let warehouse: TestWarehouse;
    let stop: () => Promise<void>;
    let base: string;
    const today = new Date(
      `${new Date().toISOString().slice(0, 10)}T00:00:00Z`,
    );
    const rows = seedRows(today);

    beforeAll(async () => {
      warehouse = await createWarehouse('better-sqlite3');
      await seedWarehouse(warehouse, rows);
      const knex = await databases.init(databaseId);
      const queries = seedQueries(warehouse);
      const backend = await startTestBackend({
        features: [
          customerKpisPlugin,
          customerKpisModuleSql,
          catalogServiceMock.factory({
            entities: [
              component('checkout-service', 'checkout'),
              component('search-service', 'search'),
            ],
          }),
          mockServices.database.factory({ knex }),
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.rootConfig.factory({
            data: {
              customerKpis: {
                sources: [
                  {
                    id: 'warehouse',
                    type: 'sql',
                    schedule: { frequency: { hours: 6 } },
                    config: {
                      ...warehouse.target,
                      queries: Object.fromEntries(
                        USAGE_KPIS.map(kpi => [kpi, queries[kpi]]),
                      ),
                    },
                  },
                  {
                    id: 'warehouse-writes',
                    type: 'sql',
                    schedule: { frequency: { hours: 6 } },
                    config: {
                      ...warehouse.target,
                      queries: {
                        retention: `UPDATE customer_retention SET customers_end = 0`,
                      },
                    },
                  },
                ],
              },
            },
          }),
        ],
      });
      stop = () => backend.stop();
      base = `http://127.0.0.1:${
        (backend.server.address() as AddressInfo).port
      }/api/customer-kpis`;
    });

    afterAll(async () => {
      await stop?.();
      await warehouse?.drop();
    });

    async function api(method: string, path: string) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { Authorization: ALICE },
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    }

    async function run(id: string) {
      expect((await api('POST', `/sources/${id}/run`)).status).toBe(202);
      const runs = await api('GET', `/sources/${id}/runs`);
      return runs.body.items[0];
    }

    async function summaries() {
      const res = await api(
        'GET',
        '/entities/component/default/checkout-service/kpis?window=90d',
      );
      expect(res.status).toBe(200);
      return Object.fromEntries(
        res.body.kpis.map((k: { kpi: string; summary: unknown }) => [
          k.kpi,
          k.summary,
        ]),
      );
    }

    it('stores exactly the figures the engine computes from the same rows, and a second run stores nothing new', async () => {
      const expected = expectedObservations(rows);
      const first = await run('warehouse');
      expect(first).toMatchObject({
        status: 'succeeded',
        pages: 3,
        inserted: USAGE_KPIS.reduce((n, kpi) => n + expected[kpi].length, 0),
        replaced: 0,
        error: null,
      });

      const stored = await summaries();
      for (const kpi of USAGE_KPIS) {
        const mine = expected[kpi].filter(o => o.entityRef === CHECKOUT);
        expect(mine.length).toBeGreaterThan(0);
        expect(stored[kpi]).toEqual(engineSummary(kpi, mine));
      }

      const second = await run('warehouse');
      expect(second).toMatchObject({
        status: 'succeeded',
        inserted: 0,
        replaced: 0,
      });
      // The lookback (48 h) reads the latest rows again: unchanged, so no-ops.
      expect(second.unchanged).toBeGreaterThan(0);
      expect(await summaries()).toEqual(stored);
    });

    it('fails the run of a configured UPDATE and changes no row of the warehouse', async () => {
      const before = await warehouse.db('customer_retention').select();
      const failed = await run('warehouse-writes');
      expect(failed.status).toBe('failed');
      expect(failed.error).toContain(
        'config.queries.retention: must be one SELECT statement (or WITH … SELECT): sql sources only read',
      );
      expect(await warehouse.db('customer_retention').select()).toEqual(before);
    });
  },
);
