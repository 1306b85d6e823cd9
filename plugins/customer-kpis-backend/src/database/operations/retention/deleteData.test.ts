import { kpiAggregators } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import {
  CHECKOUT,
  SEARCH,
  npsAnswers,
} from '../../../__testUtils__/observations';
import { describeOnEachDatabase } from '../../__testUtils__/migratedDatabases';
import { KnexKpiStore } from '../../KnexKpiStore';
import {
  deleteEntityData,
  deleteObservationsReceivedBefore,
} from './deleteData';

jest.setTimeout(60_000);

const count = async (knex: Knex, table: string) =>
  Number((await knex(table).count({ n: '*' }))[0].n);

describeOnEachDatabase('retention', db => {
  let knex: Knex;
  let today: Date;
  let store: KnexKpiStore;

  beforeEach(() => {
    knex = db();
    today = new Date('2026-06-30T10:00:00Z');
    store = new KnexKpiStore(knex, { now: () => today });
  });

  it('deletes old raw observations but keeps the aggregates, and deletes every trace of a removed entity', async () => {
    await store.ingest('push', npsAnswers('a', [10, 9], '2026-06-29'));
    await store.ingest('push', npsAnswers('b', [3], '2026-06-29', SEARCH));

    expect(
      await store.deleteObservationsReceivedBefore('2026-07-01T00:00:00Z'),
    ).toBe(3);
    const [w30] = await store.readWindows(CHECKOUT, 30, ['recommend']);
    expect(kpiAggregators.recommend.summarise(w30.current as any).n).toBe(2);

    await store.deleteEntityData([SEARCH]);
    expect(await store.listEntityRefsWithData()).toEqual([CHECKOUT]);
  });

  it('deletes only raw observations received before the time', async () => {
    await store.ingest('push', npsAnswers('old', [10], '2026-06-29'));
    today = new Date('2026-07-02T10:00:00Z');
    await store.ingest('push', npsAnswers('new', [9], '2026-07-02'));

    expect(
      await deleteObservationsReceivedBefore(knex, '2026-07-01T00:00:00.000Z'),
    ).toBe(1);

    expect(
      await knex('customer_kpis_observations').pluck('observation_id'),
    ).toEqual(['new-0']);
    expect(await count(knex, 'customer_kpis_daily_buckets')).toBe(1);
    expect(await count(knex, 'customer_kpis_recent_buckets')).toBe(1);
  });

  it('deletes every row of the entities in every KPI table and nothing of others', async () => {
    await store.ingest('push', [
      ...npsAnswers('a', [10], '2026-06-29'),
      ...npsAnswers('b', [0], '2026-06-30'),
      ...npsAnswers('c', [5], '2026-06-29', SEARCH),
    ]);

    await deleteEntityData(knex, [CHECKOUT]);

    const left: Record<string, unknown> = {};
    for (const table of [
      'customer_kpis_observations',
      'customer_kpis_daily_buckets',
      'customer_kpis_recent_buckets',
      'customer_kpis_window_summaries',
      'customer_kpis_window_changes',
    ]) {
      left[table] = await knex(table).distinct('entity_ref');
    }
    const search = [{ entity_ref: SEARCH }];
    expect(left).toEqual({
      customer_kpis_observations: search,
      customer_kpis_daily_buckets: search,
      customer_kpis_recent_buckets: [],
      customer_kpis_window_summaries: search,
      customer_kpis_window_changes: search,
    });
  });
});
