import {
  aggregatorFor,
  kpiAggregators,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import {
  CHECKOUT,
  SEARCH,
  csatAnswer,
  npsAnswers,
} from '../../../__testUtils__/observations';
import { describeOnEachDatabase } from '../../__testUtils__/migratedDatabases';
import { KnexKpiStore } from '../../KnexKpiStore';
import { refreshSummaries } from './refreshSummaries';

jest.setTimeout(60_000);

/** The NPS the engine computes from the observations themselves: what the store must agree with. */
function engineValue(observations: ReturnType<typeof npsAnswers>) {
  const aggregator = aggregatorFor(observations[0].kpi);
  return aggregator.summarise(
    observations.reduce((a, o) => aggregator.add(a, o), aggregator.empty()),
  );
}

describeOnEachDatabase('refreshing summaries', db => {
  let knex: Knex;
  let today: Date;
  let store: KnexKpiStore;

  beforeEach(() => {
    knex = db();
    today = new Date('2026-06-30T10:00:00Z');
    store = new KnexKpiStore(knex, { now: () => today });
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
    // Reads write nothing: the rows come with the explicit call a reader makes when it must be current.
    expect(await store.readSummariesOfEntities([CHECKOUT], 90)).toEqual([]);
    await store.bringSummariesUpToDate();
    const [summaries] = await store.readSummariesOfEntities([CHECKOUT], 90);
    expect(summaries.current.n).toBe(1);
  });

  it('refreshes every pair of every marked entity and takes the marks up', async () => {
    await store.ingest('push', [
      ...npsAnswers('a', [10], '2026-06-30'),
      csatAnswer('c', 4, '2026-06-30'),
      ...npsAnswers('s', [0], '2026-06-29', SEARCH),
    ]);

    expect(await refreshSummaries(knex, '2026-06-30')).toBe(3);

    expect(await knex('customer_kpis_window_changes')).toEqual([]);
    const values = await knex('customer_kpis_window_summaries')
      .where({ window_days: 30 })
      .orderBy(['entity_ref', 'kpi'])
      .select('entity_ref', 'kpi', 'value', 'n');
    expect(values).toEqual([
      { entity_ref: CHECKOUT, kpi: 'recommend', value: 100, n: 1 },
      { entity_ref: CHECKOUT, kpi: 'satisfaction', value: 100, n: 1 },
      { entity_ref: SEARCH, kpi: 'recommend', value: -100, n: 1 },
    ]);
    expect(await refreshSummaries(knex, '2026-06-30')).toBe(0);
  });

  it('rebuilds a marked pair whose rows are of an earlier day', async () => {
    await store.ingest('push', npsAnswers('a', [10, 10], '2026-06-29'));
    today = new Date('2026-07-02T10:00:00Z');
    await store.ingest('push', npsAnswers('b', [0], '2026-07-02'));

    expect(await refreshSummaries(knex, '2026-07-02')).toBe(1);

    const [row] = await knex('customer_kpis_window_summaries').where({
      entity_ref: CHECKOUT,
      window_days: 30,
    });
    expect(row.as_of).toBe('2026-07-02');
    expect(row.n).toBe(3);
    expect(row.value).toBeCloseTo(100 / 3, 9);
    expect(JSON.parse(row.summary).current).toEqual(
      engineValue([
        ...npsAnswers('a', [10, 10], '2026-06-29'),
        ...npsAnswers('b', [0], '2026-07-02'),
      ]),
    );
  });
});
