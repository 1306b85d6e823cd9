import {
  kpiAggregators,
  parseObservation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import {
  CHECKOUT,
  npsAnswer,
  npsAnswers,
  ticket,
} from '../../../__testUtils__/observations';
import { describeOnEachDatabase } from '../../__testUtils__/migratedDatabases';
import { KnexKpiStore } from '../../KnexKpiStore';
import { lockedTransaction } from '../lock';
import { rebuildWindows } from './rebuildWindows';

jest.setTimeout(60_000);

describeOnEachDatabase("ingest's upkeep of the closed days", db => {
  let knex: Knex;
  let store: KnexKpiStore;
  const today = new Date('2026-06-30T10:00:00Z');

  beforeEach(() => {
    knex = db();
    store = new KnexKpiStore(knex, { now: () => today });
  });

  /** The pair's stored closed days and what a rebuild from the buckets stores instead. */
  async function storedAndRebuilt(kpi: 'recommend' | 'time-to-resolve') {
    const read = () =>
      knex('customer_kpis_window_summaries')
        .where({ entity_ref: CHECKOUT, kpi })
        .orderBy('window_days')
        .select(
          'window_days',
          'as_of',
          'current_aggregate',
          'previous_aggregate',
          'sources',
        );
    const stored = await read();
    await lockedTransaction(knex, trx =>
      rebuildWindows(trx, [{ entityRef: CHECKOUT, kpi }], '2026-06-30'),
    );
    return { stored, rebuilt: await read() };
  }

  it('applies adds and corrections of past days in place, exactly as a rebuild would store them', async () => {
    await store.ingest('push', npsAnswers('a', [10, 9, 0], '2026-06-20'));

    await store.ingest('push', [
      npsAnswer('a-2', 10, '2026-05-15'),
      npsAnswer('b', 6, '2026-04-01'),
      ticket('t', 90, '2026-06-29'),
    ]);

    const nps = await storedAndRebuilt('recommend');
    expect(nps.stored).toEqual(nps.rebuilt);
    expect(nps.stored.map(row => row.window_days)).toEqual([30, 90, 365]);
    const tickets = await storedAndRebuilt('time-to-resolve');
    expect(tickets.stored).toEqual(tickets.rebuilt);
  });

  it('leaves the closed days alone for data of today', async () => {
    await store.ingest('push', npsAnswers('a', [10], '2026-06-20'));
    const before = await knex('customer_kpis_window_summaries').orderBy(
      'window_days',
    );

    await store.ingest('push', npsAnswers('t', [0, 0], '2026-06-30'));

    expect(
      await knex('customer_kpis_window_summaries').orderBy('window_days'),
    ).toEqual(before);
  });

  it('rebuilds an adoption window when a correction takes its latest day away', async () => {
    const gauge = (id: string, date: string, mau: number) =>
      parseObservation({
        id,
        kpi: 'adoption',
        entityRef: CHECKOUT,
        date,
        dau: 10,
        wau: 20,
        mau,
        eligible: 100,
      });
    await store.ingest('push', [
      gauge('g-1', '2026-06-27', 40),
      gauge('g-2', '2026-06-28', 50),
    ]);

    await store.ingest('push', [gauge('g-2', '2026-06-20', 50)]);

    const [row] = await knex('customer_kpis_window_summaries').where({
      entity_ref: CHECKOUT,
      kpi: 'adoption',
      window_days: 30,
    });
    expect(
      Object.keys(kpiAggregators.adoption.parse(row.current_aggregate).days),
    ).toEqual(['2026-06-27']);
  });
});
