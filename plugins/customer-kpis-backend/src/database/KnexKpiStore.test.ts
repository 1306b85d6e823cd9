import {
  Observation,
  aggregatorFor,
  kpiAggregators,
  parseObservation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  CHECKOUT,
  SEARCH,
  csatAnswer,
  npsAnswer,
  npsAnswers,
  ticket,
} from '../__testUtils__/observations';
import { describeOnEachDatabase } from './__testUtils__/migratedDatabases';
import { KnexKpiStore } from './KnexKpiStore';

jest.setTimeout(60_000);

/** The NPS the engine computes from the observations themselves: what the store must agree with. */
function engineValue(observations: Observation[]) {
  const aggregator = aggregatorFor(observations[0].kpi);
  return aggregator.summarise(
    observations.reduce((a, o) => aggregator.add(a, o), aggregator.empty()),
  );
}

// The store's behaviour through its interface, with every operation wired; each operation has its own tests in
// operations/<area>/.
describeOnEachDatabase('KnexKpiStore', db => {
  const today = new Date('2026-06-30T10:00:00Z');
  let store: KnexKpiStore;

  beforeEach(() => {
    store = new KnexKpiStore(db(), { now: () => today });
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
      retracted: 0,
    });
    const before = await store.readWindows(CHECKOUT, 30);

    expect(await store.ingest('push', batch)).toEqual({
      inserted: 0,
      unchanged: 6,
      replaced: 0,
      retracted: 0,
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
      retracted: 0,
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
});
