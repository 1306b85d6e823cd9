import { kpiAggregators } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import { componentRecord } from '../../../__testUtils__/entities';
import {
  CHECKOUT,
  SEARCH,
  npsAnswers,
  ticket,
} from '../../../__testUtils__/observations';
import { describeOnEachDatabase } from '../../__testUtils__/migratedDatabases';
import { EntityStore } from '../../EntityStore';
import { KnexKpiStore } from '../../KnexKpiStore';
import { lockedTransaction } from '../lock';
import { rebuildAllWindows, rebuildWindows } from './rebuildWindows';

jest.setTimeout(60_000);

describeOnEachDatabase('rebuilding windows', db => {
  let knex: Knex;
  let today: Date;
  let store: KnexKpiStore;

  beforeEach(() => {
    knex = db();
    today = new Date('2026-06-30T10:00:00Z');
    store = new KnexKpiStore(knex, { now: () => today });
  });

  it('rebuilds every window summary from the daily buckets', async () => {
    await store.ingest('push', [
      ...npsAnswers('a', [10, 9, 3], '2026-06-29'),
      ...npsAnswers('b', [0], '2026-06-28', SEARCH),
      ticket('t-1', 60, '2026-05-01'),
    ]);
    const before = await store.readWindows(CHECKOUT, 90);
    await knex('customer_kpis_window_summaries').delete();

    expect(await store.rebuildAllWindows()).toBe(3);

    expect(await store.readWindows(CHECKOUT, 90)).toEqual(before);
    const [search] = await store.readWindows(SEARCH, 30, ['recommend']);
    expect(kpiAggregators.recommend.summarise(search.current as any).n).toBe(1);
  });

  it("stores the closed days only, and summary columns with the day's buckets merged in", async () => {
    await store.ingest('push', [
      ...npsAnswers('past', [10, 10], '2026-06-29'),
      ...npsAnswers('today', [0, 0], '2026-06-30'),
    ]);
    await knex('customer_kpis_window_summaries').delete();

    await lockedTransaction(knex, trx =>
      rebuildWindows(
        trx,
        [{ entityRef: CHECKOUT, kpi: 'recommend' }],
        '2026-06-30',
      ),
    );

    const [row] = await knex('customer_kpis_window_summaries').where({
      entity_ref: CHECKOUT,
      window_days: 30,
    });
    expect(
      kpiAggregators.recommend.summarise(
        kpiAggregators.recommend.parse(row.current_aggregate),
      ),
    ).toMatchObject({ n: 2, value: 100 });
    expect({ asOf: row.as_of, value: row.value, n: row.n }).toEqual({
      asOf: '2026-06-30',
      value: 0,
      n: 4,
    });
  });

  it('marks every group of the catalog mirror changed after a rebuild of all windows', async () => {
    await new EntityStore(knex).replaceAll(
      [
        componentRecord(CHECKOUT, { system: 'system:default/shop' }),
        componentRecord(SEARCH, { domain: 'domain:default/commerce' }),
      ],
      today.toISOString(),
    );
    await knex('customer_kpis_group_changes').delete();

    expect(await rebuildAllWindows(knex, '2026-06-30')).toBe(0);

    expect(
      await knex('customer_kpis_group_changes')
        .orderBy(['group_by', 'group_ref'])
        .select('group_by', 'group_ref', 'version'),
    ).toEqual([
      { group_by: 'domain', group_ref: 'domain:default/commerce', version: 1 },
      { group_by: 'owner', group_ref: 'group:default/team-a', version: 1 },
      { group_by: 'system', group_ref: 'system:default/shop', version: 1 },
    ]);
  });

  it('rebuilds a ticket window exactly as ingest built it', async () => {
    await store.ingest('push', [ticket('t-1', 60, '2026-06-01')]);
    const before = await knex('customer_kpis_window_summaries').orderBy([
      'window_days',
    ]);
    await knex('customer_kpis_window_summaries').delete();

    await rebuildAllWindows(knex, '2026-06-30');

    expect(
      await knex('customer_kpis_window_summaries').orderBy(['window_days']),
    ).toEqual(before);
  });
});
