// The set-based refresh of every group in one pass: its stored rollups must equal the rollups computed per request
// from the members' aggregates, whatever mix of fresh and pending member summaries it met.
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { componentRecord } from '../__testUtils__/entities';
import {
  CHECKOUT,
  SEARCH,
  csatAnswer,
  npsAnswers,
  ticket,
} from '../__testUtils__/observations';
import { EntityStore } from './EntityStore';
import { GROUP_COLUMNS, GroupSummaryStore } from './GroupSummaryStore';
import { KnexKpiStore } from './KnexKpiStore';
import { applyDatabaseMigrations } from './migrations';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const CART = 'component:default/cart';
const SHOP = 'system:default/shop';
const OTHER = 'system:default/other';

describe.each(databases.eachSupportedId())(
  'GroupSummaryStore.refreshStale on %p',
  databaseId => {
    let knex: Knex;
    let store: KnexKpiStore;
    let entities: EntityStore;
    let groups: GroupSummaryStore;
    const now = () => new Date('2026-06-30T10:00:00Z');

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      store = new KnexKpiStore(knex, { now });
      entities = new EntityStore(knex);
      groups = new GroupSummaryStore(knex, store, entities, now);
      // Two systems, one domain and one owner for all: each component belongs to three groups.
      const domain = 'domain:default/commerce';
      await entities.replaceAll(
        [
          componentRecord(CHECKOUT, { system: SHOP, domain }),
          componentRecord(SEARCH, { system: SHOP, domain }),
          componentRecord(CART, { system: OTHER, domain }),
        ],
        now().toISOString(),
      );
    });

    afterEach(async () => {
      await knex.destroy();
    });

    it('stores for every column the rollups that the members aggregates give', async () => {
      const resolvedIn = (
        id: string,
        minutes: number,
        day: string,
        entityRef: string,
        business?: number,
      ) => {
        const t = ticket(id, minutes, day, entityRef);
        return business === undefined ? t : { ...t, businessMinutes: business };
      };
      // Checkout's tickets all have business time (its own summary reads it); the shop's pool reads calendar time.
      await store.ingest('push', [
        resolvedIn('t1', 600, '2026-06-20', CHECKOUT, 60),
        resolvedIn('t2', 900, '2026-06-30', CHECKOUT, 90),
        resolvedIn('t3', 30, '2026-06-29', SEARCH),
        resolvedIn('t4', 45, '2026-04-15', CART),
        ...npsAnswers('c', [10, 9, 3], '2026-06-30'),
        ...npsAnswers('s', [0, 6], '2026-05-01', SEARCH),
        csatAnswer('x', 5, '2026-06-30', CART),
      ] as any);
      await store.refreshSummaries();
      // Search gets data after its summaries were refreshed: its stored summary is behind (marked), so the
      // refresh must not take it.
      await store.ingest('push', [
        ...npsAnswers('s2', [10, 10, 10, 10], '2026-06-30', SEARCH),
        resolvedIn('t5', 4000, '2026-06-30', SEARCH),
      ]);

      expect(await groups.refreshStale()).toBe(4); // two systems, the domain, the owner

      for (const column of GROUP_COLUMNS) {
        const members = await entities.listGroupMembers(column);
        for (const windowDays of [30, 90, 365]) {
          const stored = await groups.read(column, windowDays, members);
          const computed = await groups.rollUp([...members], windowDays);
          expect(stored).toEqual(computed);
        }
      }
      const shop = (
        await groups.read(
          'system',
          30,
          await entities.listGroupMembers('system'),
        )
      ).get(SHOP)!;
      // Checkout: two promoters and a detractor; search: four promoters today (its May answers are outside).
      expect(shop.recommend.current.pooled.n).toBe(7);
      expect(shop['time-to-resolve'].current.pooled.basis).toBe('calendar');
      expect(shop['time-to-resolve'].current.entitiesWithData).toBe(2);
    });
  },
);
