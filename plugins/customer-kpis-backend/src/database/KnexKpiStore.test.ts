import {
  Observation,
  aggregatorFor,
  kpiAggregators,
  parseObservation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  CHECKOUT,
  SEARCH,
  csatAnswer,
  npsAnswer,
  npsAnswers,
  ticket,
} from '../__testUtils__/observations';
import { KnexKpiStore } from './KnexKpiStore';
import {
  applyDatabaseMigrations,
  rollbackDatabaseMigrations,
  rollbackLatestDatabaseMigration,
} from './migrations';

jest.setTimeout(60_000);

const databases = createTestDatabases();

/** The NPS the engine computes from the observations themselves: what the store must agree with. */
function engineValue(observations: Observation[]) {
  const aggregator = aggregatorFor(observations[0].kpi);
  return aggregator.summarise(
    observations.reduce((a, o) => aggregator.add(a, o), aggregator.empty()),
  );
}

describe.each(databases.eachSupportedId())('KnexKpiStore on %p', databaseId => {
  let knex: Knex;
  let today = new Date('2026-06-30T10:00:00Z');
  let store: KnexKpiStore;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    today = new Date('2026-06-30T10:00:00Z');
    store = new KnexKpiStore(knex, { now: () => today });
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it('runs every migration down and up again', async () => {
    await rollbackDatabaseMigrations(knex);
    expect(await knex.schema.hasTable('customer_kpis_daily_buckets')).toBe(
      false,
    );
    await applyDatabaseMigrations(knex);
    expect(await knex.schema.hasTable('customer_kpis_daily_buckets')).toBe(
      true,
    );
    expect(await knex.schema.hasTable('customer_kpis_window_summaries')).toBe(
      true,
    );
  });

  it("moves today's buckets of an existing database into the recent buckets, and back on the way down", async () => {
    await rollbackLatestDatabaseMigration(knex);
    const now = new Date().toISOString().slice(0, 10);
    const bucket = (day: string) => ({
      entity_ref: CHECKOUT,
      kpi: 'recommend',
      source: 'push',
      day,
      observations: 1,
      aggregate: '{}',
      updated_at: new Date(),
    });
    await knex('customer_kpis_daily_buckets').insert([
      bucket('2020-01-01'),
      bucket(now),
    ]);

    await applyDatabaseMigrations(knex);
    expect(await knex('customer_kpis_daily_buckets').pluck('day')).toEqual([
      '2020-01-01',
    ]);
    expect(await knex('customer_kpis_recent_buckets').pluck('day')).toEqual([
      now,
    ]);

    await rollbackLatestDatabaseMigration(knex);
    expect(
      await knex('customer_kpis_daily_buckets').orderBy('day').pluck('day'),
    ).toEqual(['2020-01-01', now]);
  });

  it('counts inserted observations and a re-sent batch leaves every KPI where it was', async () => {
    const batch = [
      ...npsAnswers('a', [10, 9, 9, 7, 3], '2026-06-29'),
      csatAnswer('c-1', 5, '2026-06-28'),
    ];
    expect(await store.ingest('push', batch)).toEqual({
      inserted: 6,
      unchanged: 0,
      replaced: 0,
    });
    const before = await store.readWindows(CHECKOUT, 30);

    expect(await store.ingest('push', batch)).toEqual({
      inserted: 0,
      unchanged: 6,
      replaced: 0,
    });
    const after = await store.readWindows(CHECKOUT, 30);

    expect(after).toEqual(before);
    const nps = after.find(w => w.kpi === 'recommend')!;
    expect(kpiAggregators.recommend.summarise(nps.current as any).value).toBe(
      40,
    );
    expect(nps.sources).toEqual(['push']);
  });

  it('replaces a corrected observation: the KPI moves exactly as the engine says', async () => {
    const original = npsAnswers('a', [10, 10, 6, 8], '2026-06-20');
    await store.ingest('push', original);
    const corrected = npsAnswer('a-2', 9, '2026-06-20');

    expect(await store.ingest('push', [corrected])).toEqual({
      inserted: 0,
      unchanged: 0,
      replaced: 1,
    });

    const [window] = await store.readWindows(CHECKOUT, 90, ['recommend']);
    const expected = engineValue([
      original[0],
      original[1],
      corrected,
      original[3],
    ]);
    expect(kpiAggregators.recommend.summarise(window.current as any)).toEqual(
      expected,
    );
    expect(expected.value).toBe(75);
  });

  it('moves a corrected observation to its new day and entity', async () => {
    await store.ingest('push', [npsAnswer('moving', 10, '2026-06-01')]);
    await store.ingest('push', [npsAnswer('moving', 0, '2026-06-25', SEARCH)]);

    expect(
      await store.readDays(CHECKOUT, 'recommend', '2026-05-01', '2026-06-30'),
    ).toEqual([]);
    const days = await store.readDays(
      SEARCH,
      'recommend',
      '2026-05-01',
      '2026-06-30',
    );
    expect(days.map(d => d.day)).toEqual(['2026-06-25']);
    const [checkoutWindow] = await store.readWindows(CHECKOUT, 30, [
      'recommend',
    ]);
    expect(
      kpiAggregators.recommend.summarise(checkoutWindow.current as any).n,
    ).toBe(0);
  });

  it('keeps only the latest adoption day in a window and rebuilds it when that day is corrected away', async () => {
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
    const [before] = await store.readWindows(CHECKOUT, 30, ['adoption']);
    expect(Object.keys((before.current as any).days)).toEqual(['2026-06-28']);
    expect(kpiAggregators.adoption.summarise(before.current as any).value).toBe(
      50,
    );

    // The source corrects g-2 to an earlier day: the window falls back to 2026-06-27 again.
    await store.ingest('push', [gauge('g-2', '2026-06-20', 50)]);

    const [after] = await store.readWindows(CHECKOUT, 30, ['adoption']);
    expect(
      kpiAggregators.adoption.summarise(after.current as any),
    ).toMatchObject({
      value: 40,
      secondary: { date: '2026-06-27', gauges: 1 },
    });
  });

  it('keeps one observation id per source: the same id from two sources counts twice', async () => {
    await store.ingest('survey-a', [npsAnswer('same', 10, '2026-06-29')]);
    await store.ingest('survey-b', [npsAnswer('same', 0, '2026-06-29')]);

    const [window] = await store.readWindows(CHECKOUT, 30, ['recommend']);
    expect(kpiAggregators.recommend.summarise(window.current as any).n).toBe(2);
    expect(window.sources).toEqual(['survey-a', 'survey-b']);
    const [day] = await store.readDays(
      CHECKOUT,
      'recommend',
      '2026-06-29',
      '2026-06-29',
    );
    expect(kpiAggregators.recommend.summarise(day.aggregate as any).value).toBe(
      0,
    );
  });

  it('splits the current window from the previous one of the same length', async () => {
    await store.ingest('push', [
      ...npsAnswers('now', [10, 10, 10], '2026-06-30'),
      ...npsAnswers('before', [0, 0], '2026-05-31'),
      ...npsAnswers('too-old', [5], '2026-04-30'),
    ]);

    const [w30] = await store.readWindows(CHECKOUT, 30, ['recommend']);
    expect(kpiAggregators.recommend.summarise(w30.current as any).n).toBe(3);
    expect(kpiAggregators.recommend.summarise(w30.previous as any).n).toBe(2);
    const [w90] = await store.readWindows(CHECKOUT, 90, ['recommend']);
    expect(kpiAggregators.recommend.summarise(w90.current as any).n).toBe(6);
  });

  it('computes a non-standard window from the buckets, agreeing with the engine', async () => {
    const inside = npsAnswers('in', [9, 10, 4], '2026-06-25');
    await store.ingest('push', [...inside, npsAnswer('out', 0, '2026-06-20')]);

    const [w7] = await store.readWindows(CHECKOUT, 7, ['recommend']);

    expect(kpiAggregators.recommend.summarise(w7.current as any)).toEqual(
      engineValue(inside),
    );
    expect(kpiAggregators.recommend.summarise(w7.previous as any).n).toBe(1);
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

  it('catches up a stale window on read and then takes new observations incrementally', async () => {
    await store.ingest('push', npsAnswers('old', [10, 10], '2026-06-10'));
    today = new Date('2026-07-20T08:00:00Z');
    await store.ingest('push', npsAnswers('new', [0], '2026-07-19'));

    const [w30] = await store.readWindows(CHECKOUT, 30, ['recommend']);

    expect(kpiAggregators.recommend.summarise(w30.current as any).n).toBe(1);
    expect(kpiAggregators.recommend.summarise(w30.previous as any).n).toBe(2);
  });

  it("keeps today's data in its buckets only and merges it into the windows on read", async () => {
    const past = npsAnswers('past', [10, 9, 0], '2026-06-29');
    await store.ingest('push', past);
    await store.refreshSummaries();
    const storedBefore = await knex('customer_kpis_window_summaries')
      .where({ entity_ref: CHECKOUT, kpi: 'recommend' })
      .orderBy('window_days');

    const todays = npsAnswers('today', [10, 10], '2026-06-30');
    await store.ingest('push', todays);

    // The stored rows (closed days and summary columns) are untouched until the mark is taken up ...
    expect(
      await knex('customer_kpis_window_summaries')
        .where({ entity_ref: CHECKOUT, kpi: 'recommend' })
        .orderBy('window_days'),
    ).toEqual(storedBefore);
    // ... while a read of the window sees today's answers.
    const [w30] = await store.readWindows(CHECKOUT, 30, ['recommend']);
    expect(kpiAggregators.recommend.summarise(w30.current as any)).toEqual(
      engineValue([...past, ...todays]),
    );
    const [stale] = await store.readSummariesOfEntities([CHECKOUT], 30);
    expect(stale.current).toEqual(engineValue(past));

    expect(await store.refreshSummaries()).toBe(1);

    const [fresh] = await store.readSummariesOfEntities([CHECKOUT], 30);
    expect(fresh.current).toEqual(engineValue([...past, ...todays]));
    expect(fresh.current.value).toBeCloseTo(60, 9);
    expect(await store.refreshSummaries()).toBe(0);
  });

  it('gives a pair whose first data came today its rows when its mark is taken up', async () => {
    await store.ingest('push', [csatAnswer('c-1', 5, '2026-06-30')]);

    expect(await store.readSummariesOfEntities([CHECKOUT], 90)).toEqual([]);
    const [w90] = await store.readWindowsOfEntities([CHECKOUT], 90);
    expect(w90).toMatchObject({ kpi: 'satisfaction', sources: ['push'] });
    expect(kpiAggregators.satisfaction.summarise(w90.current as any).n).toBe(1);

    expect(await store.listDataPresence()).toEqual([
      expect.objectContaining({
        entityRef: CHECKOUT,
        kpi: 'satisfaction',
        sources: ['push'],
      }),
    ]);
    const [summaries] = await store.readSummariesOfEntities([CHECKOUT], 90);
    expect(summaries.current.n).toBe(1);
  });

  it('stored summaries agree with the summaries of the windows read, for every KPI, after today and past data', async () => {
    const gauge = parseObservation({
      id: 'g-1',
      kpi: 'adoption',
      entityRef: CHECKOUT,
      date: '2026-06-30',
      dau: 10,
      wau: 20,
      mau: 30,
      eligible: 100,
    });
    await store.ingest('push', [
      ...npsAnswers('a', [10, 9, 3], '2026-06-30'),
      ...npsAnswers('b', [0, 7], '2026-05-10'),
      csatAnswer('c-1', 4, '2026-06-30'),
      csatAnswer('c-2', 2, '2026-03-01'),
      ticket('t-1', 60, '2026-06-30'),
      ticket('t-2', 600, '2026-06-02'),
      gauge,
    ]);
    await store.ingest('push', [npsAnswer('a-1', 0, '2026-06-30')]);
    await store.refreshSummaries();

    for (const windowDays of [30, 90, 365]) {
      const windows = await store.readWindows(CHECKOUT, windowDays);
      const stored = await store.readSummariesOfEntities(
        [CHECKOUT],
        windowDays,
      );
      const expected = windows
        .filter(w => {
          const aggregator = aggregatorFor(w.kpi);
          return aggregator.count(w.current) + aggregator.count(w.previous) > 0;
        })
        .map(w => ({
          kpi: w.kpi,
          current: aggregatorFor(w.kpi).summarise(w.current),
          previous: aggregatorFor(w.kpi).summarise(w.previous),
        }));
      expect(expected.length).toBeGreaterThanOrEqual(4);
      expect(
        stored
          .map(({ kpi, current, previous }) => ({ kpi, current, previous }))
          .sort((a, b) => a.kpi.localeCompare(b.kpi)),
      ).toEqual(expected.sort((a, b) => a.kpi.localeCompare(b.kpi)));
    }
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
});
