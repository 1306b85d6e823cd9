// The sql source run by the real backend into the real store (SQLite, and PostgreSQL when configured): the figures
// of adoption, retention and time to value are exactly those the common engine computes from the same rows.
import {
  SourceTestBackend,
  sourceTestDatabaseIds,
  startSourceTestBackend,
} from '@customer-kpis/backstage-plugin-customer-kpis-backend/testUtils';
import {
  KpiId,
  Observation,
  SQL_KEY_ANNOTATION,
  aggregatorFor,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { testEntity } from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
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

const USAGE_KPIS: KpiId[] = ['adoption', 'retention', 'time-to-value'];

/** What the engine makes of the observations of one entity and KPI: every one added, then summarised. */
function engineSummary(kpi: KpiId, observations: Observation[]) {
  const aggregator = aggregatorFor(kpi);
  let aggregate = aggregator.empty();
  for (const observation of observations) {
    aggregate = aggregator.add(aggregate, observation);
  }
  return aggregator.summarise(aggregate);
}

describe.each(sourceTestDatabaseIds())(
  'sql source into the store on %p',
  databaseId => {
    let warehouse: TestWarehouse;
    let backend: SourceTestBackend;
    const today = new Date(
      `${new Date().toISOString().slice(0, 10)}T00:00:00Z`,
    );
    const rows = seedRows(today);

    beforeAll(async () => {
      warehouse = await createWarehouse('better-sqlite3');
      await seedWarehouse(warehouse, rows);
      const queries = seedQueries(warehouse);
      backend = await startSourceTestBackend({
        databaseId,
        features: [customerKpisModuleSql],
        entities: [
          testEntity('checkout-service', { [SQL_KEY_ANNOTATION]: 'checkout' }),
          testEntity('search-service', { [SQL_KEY_ANNOTATION]: 'search' }),
        ],
        sources: [
          {
            id: 'warehouse',
            type: 'sql',
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
            config: {
              ...warehouse.target,
              queries: {
                retention: `UPDATE customer_retention SET customers_end = 0`,
              },
            },
          },
        ],
      });
    });

    afterAll(async () => {
      await backend?.stop();
      await warehouse?.drop();
    });

    const summaries = () => backend.summaries(CHECKOUT, { window: '90d' });

    it('stores exactly the figures the engine computes from the same rows, and a second run stores nothing new', async () => {
      const expected = expectedObservations(rows);
      const first = await backend.runSource('warehouse');
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

      const second = await backend.runSource('warehouse');
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
      const failed = await backend.runSource('warehouse-writes');
      expect(failed.status).toBe('failed');
      expect(failed.error).toContain(
        'config.queries.retention: must be one SELECT statement (or WITH … SELECT): sql sources only read',
      );
      expect(await warehouse.db('customer_retention').select()).toEqual(before);
    });
  },
);
