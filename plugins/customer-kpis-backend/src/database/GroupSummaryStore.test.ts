import {
  Observation,
  aggregatorFor,
  kpiAggregators,
  rollup,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { componentRecord } from '../__testUtils__/entities';
import {
  CHECKOUT,
  SEARCH,
  npsAnswers,
  ticket,
} from '../__testUtils__/observations';
import { EntityStore, MirroredEntity } from './EntityStore';
import { GroupSummaryStore } from './GroupSummaryStore';
import { KnexKpiStore } from './KnexKpiStore';
import { applyDatabaseMigrations } from './migrations';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const SHOP = 'system:default/shop';
const OTHER = 'system:default/other';

const component = (entityRef: string, system: string): MirroredEntity =>
  componentRecord(entityRef, { system, domain: 'domain:default/commerce' });

/** The aggregate the engine builds from the observations themselves. */
function aggregateOf(observations: Observation[]) {
  const aggregator = aggregatorFor(observations[0].kpi);
  return observations.reduce(
    (a, o) => aggregator.add(a, o),
    aggregator.empty(),
  );
}

describe.each(databases.eachSupportedId())(
  'GroupSummaryStore on %p',
  databaseId => {
    let knex: Knex;
    let today: Date;
    let store: KnexKpiStore;
    let entities: EntityStore;
    let groups: GroupSummaryStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      today = new Date('2026-06-30T10:00:00Z');
      const now = () => today;
      store = new KnexKpiStore(knex, { now });
      entities = new EntityStore(knex);
      groups = new GroupSummaryStore(knex, store, entities, now);
      await entities.replaceAll(
        [component(CHECKOUT, SHOP), component(SEARCH, SHOP)],
        today.toISOString(),
      );
    });

    afterEach(async () => {
      await knex.destroy();
    });

    /** The shop's rollups as the overview reads them: brought up to date first, then read. */
    const readShop = async (windowDays = 30) => {
      const members = await entities.listGroupMembers('system');
      await groups.bringUpToDate('system', members);
      return (await groups.read('system', windowDays, members)).get(SHOP)!;
    };

    it('rolls up the members exactly as the engine does, and keeps the result', async () => {
      const checkout = npsAnswers('c', [10, 10, 9, 3], '2026-06-20');
      const search = npsAnswers('s', [0, 6], '2026-06-21', SEARCH);
      const before = npsAnswers('p', [10], '2026-05-20');
      await store.ingest('push', [...checkout, ...search, ...before]);

      const shop = await readShop();

      const expected = rollup('recommend', [
        aggregateOf(checkout),
        aggregateOf(search),
      ] as any);
      expect(shop.recommend.current).toEqual(expected);
      expect(shop.recommend.previous).toEqual(
        kpiAggregators.recommend.summarise(aggregateOf(before) as any),
      );
      expect(shop['time-to-resolve'].current.pooled.n).toBe(0);
      // Read again, nothing changed: the stored rows give the same rollups as the recomputation did.
      expect(await readShop()).toEqual(shop);
      expect(
        Number(
          (await knex('customer_kpis_group_summaries').count({ n: '*' }))[0].n,
        ),
      ).toBe(7 * 3); // the one group read: every KPI, every standard window
    });

    it('recomputes a group after its members got data', async () => {
      await store.ingest('push', npsAnswers('a', [10, 10], '2026-06-29'));
      expect((await readShop()).recommend.current.pooled.value).toBe(100);

      await store.ingest('push', npsAnswers('b', [0, 0], '2026-06-29', SEARCH));

      const shop = await readShop();
      expect(shop.recommend.current.pooled.value).toBe(0);
      expect(shop.recommend.current.unweightedMean).toBe(0);
      // The system's change mark is cleared; the domain and the owner were not read and stay marked.
      expect(
        (await knex('customer_kpis_group_changes').select('group_by')).map(
          r => r.group_by,
        ),
      ).toEqual(expect.arrayContaining(['domain', 'owner']));
      expect(
        await knex('customer_kpis_group_changes').where({ group_by: 'system' }),
      ).toEqual([]);
    });

    it('recomputes a group whose members changed in the catalog', async () => {
      await store.ingest('push', [
        ...npsAnswers('a', [10, 10], '2026-06-29'),
        ...npsAnswers('b', [0, 0], '2026-06-29', SEARCH),
      ]);
      expect((await readShop()).recommend.current.pooled.n).toBe(4);

      await entities.replaceAll(
        [component(CHECKOUT, SHOP), component(SEARCH, OTHER)],
        today.toISOString(),
      );

      const shop = await readShop();
      expect(shop.recommend.current.pooled.n).toBe(2);
      expect(shop.recommend.current.entities).toBe(1);
    });

    it('moves the windows on when the day changes', async () => {
      await store.ingest('push', [ticket('t-1', 60, '2026-06-29')]);
      expect((await readShop())['time-to-resolve'].current.pooled.n).toBe(1);

      today = new Date('2026-08-15T10:00:00Z');
      await store.rollWindowsForward();

      const shop = await readShop();
      expect(shop['time-to-resolve'].current.pooled.n).toBe(0);
      expect(shop['time-to-resolve'].previous.n).toBe(1);
    });

    it('reads without writing: a group without stored summaries is rolled up from its members, as a refresh stores it', async () => {
      const checkout = npsAnswers('c', [10, 0, 9], '2026-06-20');
      await store.ingest('push', checkout);
      const members = await entities.listGroupMembers('system');

      const read = (await groups.read('system', 90, members)).get(SHOP)!;

      expect(
        Number(
          (await knex('customer_kpis_group_summaries').count({ n: '*' }))[0].n,
        ),
      ).toBe(0);
      expect(read.recommend.current).toEqual(
        rollup('recommend', [
          aggregateOf(checkout),
          aggregatorFor('recommend').empty(),
        ] as any),
      );
      expect(await groups.bringUpToDate('system', members)).toBe(1);
      expect((await groups.read('system', 90, members)).get(SHOP)).toEqual(
        read,
      );
      expect(await groups.bringUpToDate('system', members)).toBe(0);
    });

    it('refreshes every stale group of every column in bulk and forgets groups without members', async () => {
      await store.ingest('push', npsAnswers('a', [10], '2026-06-29'));

      expect(await groups.refreshStale()).toBe(3); // the system, the domain and the owner
      expect(await groups.refreshStale()).toBe(0);

      await entities.replaceAll(
        [component(CHECKOUT, OTHER), component(SEARCH, OTHER)],
        today.toISOString(),
      );
      // Only the new system: the domain and the owner kept the same members.
      expect(await groups.refreshStale()).toBe(1);
      const systems = await knex('customer_kpis_group_summaries')
        .where({ group_by: 'system' })
        .distinct('group_ref');
      expect(systems).toEqual([{ group_ref: OTHER }]);
    });
  },
);
