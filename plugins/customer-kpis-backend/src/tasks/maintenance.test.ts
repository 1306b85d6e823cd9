import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { componentRecord } from '../__testUtils__/entities';
import { CHECKOUT, SEARCH, npsAnswers } from '../__testUtils__/observations';
import { EntityStore } from '../database/EntityStore';
import { KnexKpiStore } from '../database/KnexKpiStore';
import { applyDatabaseMigrations } from '../database/migrations';
import { cleanup } from './maintenance';

jest.setTimeout(60_000);
const databases = createTestDatabases();

const record = (entityRef: string) => componentRecord(entityRef);

describe.each(databases.eachSupportedId())(
  'daily cleanup on %p',
  databaseId => {
    let knex: Knex;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
    });
    afterEach(async () => {
      await knex.destroy();
    });

    it('deletes raw observations past retention and every trace of entities that left the catalog', async () => {
      let now = new Date('2026-01-10T00:00:00Z');
      const store = new KnexKpiStore(knex, { now: () => now });
      const entities = new EntityStore(knex);
      await entities.replaceAll(
        [record(CHECKOUT), record(SEARCH)],
        now.toISOString(),
      );
      await store.ingest('push', npsAnswers('old', [10, 9], '2026-01-09'));
      now = new Date('2026-06-10T00:00:00Z');
      await store.ingest('push', npsAnswers('new', [3], '2026-06-09', SEARCH));
      await entities.replaceAll([record(CHECKOUT)], now.toISOString()); // product-search left the catalog

      const result = await cleanup({
        store,
        entities,
        retentionDays: 90,
        now,
        logger: mockServices.logger.mock(),
      });

      expect(result).toEqual({ observations: 2, entities: 1 });
      expect(await store.listEntityRefsWithData()).toEqual([CHECKOUT]);
      expect(await entities.listGone()).toEqual([]);
      const remaining = await knex('customer_kpis_observations').select(
        'observation_id',
      );
      expect(remaining).toEqual([]);
      // The checkout answers were past retention as raw rows, but their daily aggregate stays.
      expect(
        (
          await store.readDays(
            CHECKOUT,
            'recommend',
            '2026-01-01',
            '2026-01-31',
          )
        ).map(d => d.day),
      ).toEqual(['2026-01-09']);
    });
  },
);
