import {
  Observation,
  aggregatorFor,
  kpiAggregators,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import {
  CHECKOUT,
  npsAnswers,
  ticket,
} from '../../../__testUtils__/observations';
import { describeOnEachDatabase } from '../../__testUtils__/migratedDatabases';
import { KnexKpiStore } from '../../KnexKpiStore';
import {
  moveClosedRecentBuckets,
  rollWindowsForward,
} from './rollWindowsForward';

jest.setTimeout(60_000);

/** The NPS the engine computes from the observations themselves: what the store must agree with. */
function engineValue(observations: Observation[]) {
  const aggregator = aggregatorFor(observations[0].kpi);
  return aggregator.summarise(
    observations.reduce((a, o) => aggregator.add(a, o), aggregator.empty()),
  );
}

describeOnEachDatabase('the day roll-over', db => {
  let knex: Knex;
  let today: Date;
  let store: KnexKpiStore;

  beforeEach(() => {
    knex = db();
    today = new Date('2026-06-30T10:00:00Z');
    store = new KnexKpiStore(knex, { now: () => today });
  });

  it('rolls the windows forward when the day changes', async () => {
    await store.ingest('push', [
      ticket('t-1', 60, '2026-06-01'),
      ticket('t-2', 120, '2026-06-30'),
    ]);
    today = new Date('2026-07-15T08:00:00Z');

    expect(await store.rollWindowsForward()).toBe(1);

    const [w30] = await store.readWindows(CHECKOUT, 30, ['time-to-resolve']);
    expect(w30.asOf).toBe('2026-07-15');
    // What was today's bucket is a closed day now, in the stored summary too.
    const [stored] = await store.readSummariesOfEntities([CHECKOUT], 30);
    expect(stored.current).toEqual(
      kpiAggregators['time-to-resolve'].summarise(w30.current as any),
    );
    expect(stored.current.n).toBe(1);
    expect(
      kpiAggregators['time-to-resolve'].summarise(w30.current as any).n,
    ).toBe(1);
    expect(
      kpiAggregators['time-to-resolve'].summarise(w30.previous as any).n,
    ).toBe(1);
  });

  it("keeps today's buckets apart until the day closes, then moves them into the history without changing a KPI", async () => {
    const days = (table: string) =>
      knex(table)
        .where({ entity_ref: CHECKOUT, kpi: 'recommend' })
        .orderBy('day')
        .pluck('day');
    const yesterday = npsAnswers('y', [10, 3], '2026-06-29');
    const todays = npsAnswers('t', [9, 9, 0], '2026-06-30');
    await store.ingest('push', [...yesterday, ...todays]);
    expect(await days('customer_kpis_daily_buckets')).toEqual(['2026-06-29']);
    expect(await days('customer_kpis_recent_buckets')).toEqual(['2026-06-30']);

    // The next day, before the move: a correction of a recent bucket of a past day stays where the bucket is.
    today = new Date('2026-07-01T09:00:00Z');
    const corrected = { ...todays[2], score: 10 } as Observation;
    expect(await store.ingest('push', [corrected])).toMatchObject({
      replaced: 1,
    });
    expect(await days('customer_kpis_recent_buckets')).toEqual(['2026-06-30']);
    const expected = engineValue([
      ...yesterday,
      todays[0],
      todays[1],
      corrected,
    ]);
    const [before] = await store.readWindows(CHECKOUT, 30, ['recommend']);
    expect(kpiAggregators.recommend.summarise(before.current as any)).toEqual(
      expected,
    );

    await store.rollWindowsForward();

    expect(await days('customer_kpis_recent_buckets')).toEqual([]);
    expect(await days('customer_kpis_daily_buckets')).toEqual([
      '2026-06-29',
      '2026-06-30',
    ]);
    const [after] = await store.readWindows(CHECKOUT, 30, ['recommend']);
    expect(kpiAggregators.recommend.summarise(after.current as any)).toEqual(
      expected,
    );
    const series = await store.readDays(
      CHECKOUT,
      'recommend',
      '2026-06-29',
      '2026-07-01',
    );
    expect(series.map(d => d.day)).toEqual(['2026-06-29', '2026-06-30']);
    // Un-merging from a bucket that moved: it is found in the history now.
    await store.ingest('push', [{ ...corrected, score: 0 } as Observation]);
    const [undone] = await store.readWindows(CHECKOUT, 30, ['recommend']);
    expect(kpiAggregators.recommend.summarise(undone.current as any)).toEqual(
      engineValue([...yesterday, ...todays]),
    );
    expect(await days('customer_kpis_recent_buckets')).toEqual([]);
  });

  it('moves only the recent buckets of days before today', async () => {
    await store.ingest('push', [
      ...npsAnswers('a', [10], '2026-06-30'),
      ...npsAnswers('b', [0], '2026-07-01'),
    ]);

    expect(await moveClosedRecentBuckets(knex, '2026-07-01')).toBe(1);

    expect(await knex('customer_kpis_recent_buckets').pluck('day')).toEqual([
      '2026-07-01',
    ]);
    expect(await knex('customer_kpis_daily_buckets').pluck('day')).toEqual([
      '2026-06-30',
    ]);
  });

  it('rebuilds the pairs with rows of a past day as of today, and then has nothing to do', async () => {
    await store.ingest('push', [
      ...npsAnswers('a', [10], '2026-06-29'),
      ticket('t', 30, '2026-06-29'),
    ]);

    expect(await rollWindowsForward(knex, '2026-07-03')).toBe(2);

    expect(
      await knex('customer_kpis_window_summaries').distinct('as_of'),
    ).toEqual([{ as_of: '2026-07-03' }]);
    expect(await rollWindowsForward(knex, '2026-07-03')).toBe(0);
  });
});
