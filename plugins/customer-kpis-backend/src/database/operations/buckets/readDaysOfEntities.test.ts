// The pooled daily read of several entities (a system's or domain's series): every day merged across sources and
// entities, checked against the engine run over the observations themselves.
import {
  KPI_IDS,
  KpiId,
  Observation,
  addDaysToDay,
  aggregatorFor,
  observationDay,
  parseObservation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { csatAnswer, oneOfEveryKpi } from '../../../__testUtils__/observations';
import { describeOnEachDatabase } from '../../__testUtils__/migratedDatabases';
import { KnexKpiStore } from '../../KnexKpiStore';

jest.setTimeout(120_000);

const NOW = new Date('2026-06-30T10:00:00Z');
const TODAY = '2026-06-30';
const SYSTEM = 'system:default/shop';
const CHECKOUT = 'component:default/checkout-service';
const CART = 'component:default/cart-service';
const OUTSIDE = 'component:default/product-search';

/** Every KPI of `ref` on `days` days before today, as `source` sends them, values varied by entity and day. */
function observationsOf(
  source: string,
  ref: string,
  days: readonly number[],
  seed: number,
): Observation[] {
  return days.flatMap(ago =>
    oneOfEveryKpi(
      `${source}-${ref}-${ago}`,
      addDaysToDay(TODAY, -ago),
      ref,
      seed + ago,
    ).map(json => parseObservation(json, { now: NOW })),
  );
}

/** The summary of each day with data, from the observations of `refs` on it, added one by one by the engine. */
function engineDays(
  kpi: KpiId,
  observations: readonly Observation[],
  refs: readonly string[],
  from: string,
  to: string,
) {
  const aggregator = aggregatorFor(kpi);
  const byDay = new Map<string, unknown>();
  for (const observation of observations) {
    const day = observationDay(observation);
    if (observation.kpi !== kpi || !refs.includes(observation.entityRef))
      continue;
    if (day < from || day > to) continue;
    byDay.set(
      day,
      aggregator.add(byDay.get(day) ?? aggregator.empty(), observation),
    );
  }
  return [...byDay.keys()].sort().map(day => ({
    day,
    count: aggregator.count(byDay.get(day)),
    summary: aggregator.summarise(byDay.get(day)),
  }));
}

describeOnEachDatabase('the pooled daily read of several entities', db => {
  let store: KnexKpiStore;

  beforeEach(() => {
    store = new KnexKpiStore(db(), { now: () => NOW });
  });

  it('merges each day across entities and sources, today and the history alike, for every KPI', async () => {
    // Overlapping days (pooled on one day), days of one entity only, today (the recent buckets) and older days.
    const push = [
      ...observationsOf('push', SYSTEM, [0, 3], 1),
      ...observationsOf('push', CHECKOUT, [0, 1, 3, 10, 40], 2),
      ...observationsOf('push', CART, [1, 3, 11, 40, 75], 3),
      ...observationsOf('push', OUTSIDE, [0, 3, 10], 4),
    ];
    const survey = [
      ...observationsOf('survey', CHECKOUT, [3, 40], 5),
      ...observationsOf('survey', CART, [0, 10], 6),
    ];
    await store.ingest('push', push);
    await store.ingest('survey', survey);
    const all = [...push, ...survey];
    const from = addDaysToDay(TODAY, -60);
    const refs = [SYSTEM, CHECKOUT, CART];

    for (const kpi of KPI_IDS) {
      const aggregator = aggregatorFor(kpi);
      const days = await store.readDaysOfEntities(refs, kpi, from, TODAY);

      expect({
        kpi,
        days: days.map(({ day, aggregate }) => ({
          day,
          count: aggregator.count(aggregate),
          summary: aggregator.summarise(aggregate),
        })),
      }).toEqual({ kpi, days: engineDays(kpi, all, refs, from, TODAY) });
    }
    // The pooled days are the entities' own days merged: the three entities' answers on day 3, both sources.
    const [day3] = (
      await store.readDaysOfEntities(
        refs,
        'satisfaction',
        addDaysToDay(TODAY, -3),
        addDaysToDay(TODAY, -3),
      )
    ).map(d => aggregatorFor('satisfaction').summarise(d.aggregate));
    expect(day3.n).toBe(4);
  });

  it('counts an entity listed twice once and leaves out an entity not listed; one entity reads as readDays', async () => {
    const observations = [
      ...observationsOf('push', CHECKOUT, [0, 2], 1),
      ...observationsOf('push', OUTSIDE, [0, 2], 2),
    ];
    await store.ingest('push', observations);
    const from = addDaysToDay(TODAY, -5);

    // Listed first and last among more refs than one statement takes, so that the two fall in different parts.
    const others = Array.from(
      { length: 600 },
      (_, i) => `component:default/without-data-${i}`,
    );
    const twice = await store.readDaysOfEntities(
      [CHECKOUT, ...others, CHECKOUT],
      'recommend',
      from,
      TODAY,
    );
    expect(twice).toEqual(
      await store.readDays(CHECKOUT, 'recommend', from, TODAY),
    );
    expect(
      twice.map(d => aggregatorFor('recommend').summarise(d.aggregate).n),
    ).toEqual([1, 1]);
    expect(
      await store.readDaysOfEntities([], 'recommend', from, TODAY),
    ).toEqual([]);
  });

  it('pools more entities than one statement reads (the IN list is read in parts)', async () => {
    const refs = Array.from(
      { length: 1203 },
      (_, i) => `component:default/service-${i}`,
    );
    const observations = refs.flatMap((ref, i) => [
      csatAnswer(`a-${i}`, 1 + (i % 5), '2026-06-29', ref),
      csatAnswer(`b-${i}`, 1 + ((i * 7) % 5), TODAY, ref),
    ]);
    await store.ingest('push', observations);

    const days = await store.readDaysOfEntities(
      refs,
      'satisfaction',
      '2026-06-01',
      TODAY,
    );

    expect(
      days.map(({ day, aggregate }) => ({
        day,
        count: aggregatorFor('satisfaction').count(aggregate),
        summary: aggregatorFor('satisfaction').summarise(aggregate),
      })),
    ).toEqual(
      engineDays('satisfaction', observations, refs, '2026-06-01', TODAY),
    );
    expect(days.map(d => d.day)).toEqual(['2026-06-29', TODAY]);
  });
});
