import { kpiAggregators } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import {
  CHECKOUT,
  SEARCH,
  npsAnswers,
} from '../../../__testUtils__/observations';
import { componentRecord } from '../../../__testUtils__/entities';
import { describeOnEachDatabase } from '../../__testUtils__/migratedDatabases';
import { EntityStore } from '../../EntityStore';
import { KnexKpiStore } from '../../KnexKpiStore';
import { ingest } from './ingest';

jest.setTimeout(60_000);

const count = async (knex: Knex, table: string) =>
  Number((await knex(table).count({ n: '*' }))[0].n);

describeOnEachDatabase('ingest', db => {
  let knex: Knex;
  let today: Date;
  let store: KnexKpiStore;

  beforeEach(() => {
    knex = db();
    today = new Date('2026-06-30T10:00:00Z');
    store = new KnexKpiStore(knex, { now: () => today });
  });

  it('stores nothing when the transaction fails after the observations were written', async () => {
    await expect(
      store.ingest('push', npsAnswers('x', [10, 9], '2026-06-29'), {
        withinTransaction: async () => {
          throw new Error('cursor write failed');
        },
      }),
    ).rejects.toThrow('cursor write failed');

    expect(await knex('customer_kpis_observations').count({ n: '*' })).toEqual([
      { n: expect.anything() },
    ]);
    expect(
      Number((await knex('customer_kpis_observations').count({ n: '*' }))[0].n),
    ).toBe(0);
    expect(
      await store.readDays(CHECKOUT, 'recommend', '2026-06-01', '2026-06-30'),
    ).toEqual([]);
  });

  it("writes only raw rows, recent buckets and change marks for today's data", async () => {
    await new EntityStore(knex).replaceAll(
      [componentRecord(CHECKOUT, { system: 'system:default/shop' })],
      today.toISOString(),
    );

    expect(
      await ingest(knex, 'push', npsAnswers('t', [10, 9], '2026-06-30'), today),
    ).toEqual({ inserted: 2, unchanged: 0, replaced: 0, retracted: 0 });

    expect(await count(knex, 'customer_kpis_observations')).toBe(2);
    expect(await count(knex, 'customer_kpis_recent_buckets')).toBe(1);
    expect(await count(knex, 'customer_kpis_daily_buckets')).toBe(0);
    expect(await count(knex, 'customer_kpis_window_summaries')).toBe(0);
    expect(
      await knex('customer_kpis_window_changes').pluck('entity_ref'),
    ).toEqual([CHECKOUT]);
    expect(
      await knex('customer_kpis_group_changes')
        .orderBy('group_by')
        .select('group_by', 'group_ref'),
    ).toEqual([
      { group_by: 'owner', group_ref: 'group:default/team-a' },
      { group_by: 'system', group_ref: 'system:default/shop' },
    ]);
  });

  it("updates the closed days of a past day's windows in the same transaction", async () => {
    await ingest(
      knex,
      'push',
      npsAnswers('p', [10, 0], '2026-06-29', SEARCH),
      today,
    );

    const rows = await knex('customer_kpis_window_summaries')
      .where({ entity_ref: SEARCH })
      .orderBy('window_days')
      .select('kpi', 'window_days', 'as_of', 'sources', 'current_aggregate');
    expect(
      rows.map(row => ({
        ...row,
        current_aggregate: kpiAggregators.recommend.summarise(
          kpiAggregators.recommend.parse(row.current_aggregate),
        ).value,
      })),
    ).toEqual(
      [30, 90, 365].map(windowDays => ({
        kpi: 'recommend',
        window_days: windowDays,
        as_of: '2026-06-30',
        sources: '["push"]',
        current_aggregate: 0,
      })),
    );
  });

  it('writes nothing but the raw rows when every observation is unchanged', async () => {
    const batch = npsAnswers('u', [7], '2026-06-29');
    await ingest(knex, 'push', batch, today);
    await knex('customer_kpis_window_changes').delete();

    expect(await ingest(knex, 'push', batch, today)).toEqual({
      inserted: 0,
      unchanged: 1,
      replaced: 0,
      retracted: 0,
    });
    expect(await count(knex, 'customer_kpis_window_changes')).toBe(0);
  });
});
