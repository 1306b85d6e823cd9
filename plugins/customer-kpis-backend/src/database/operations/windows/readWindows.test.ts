import { kpiAggregators } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import {
  CHECKOUT,
  csatAnswer,
  npsAnswers,
} from '../../../__testUtils__/observations';
import { describeOnEachDatabase } from '../../__testUtils__/migratedDatabases';
import { KnexKpiStore } from '../../KnexKpiStore';
import { readSummariesOfEntities, readWindows } from './readWindows';

jest.setTimeout(60_000);

describeOnEachDatabase('reading windows', db => {
  let knex: Knex;
  let today: Date;
  let store: KnexKpiStore;

  beforeEach(() => {
    knex = db();
    today = new Date('2026-06-30T10:00:00Z');
    store = new KnexKpiStore(knex, { now: () => today });
  });

  it('catches up a stale window on read and then takes new observations incrementally', async () => {
    await store.ingest('push', npsAnswers('old', [10, 10], '2026-06-10'));
    today = new Date('2026-07-20T08:00:00Z');
    await store.ingest('push', npsAnswers('new', [0], '2026-07-19'));

    const [w30] = await store.readWindows(CHECKOUT, 30, ['recommend']);

    expect(kpiAggregators.recommend.summarise(w30.current as any).n).toBe(1);
    expect(kpiAggregators.recommend.summarise(w30.previous as any).n).toBe(2);
  });

  it('answers a window row of a past day from the buckets, as the roll-over stores it, and writes nothing', async () => {
    await store.ingest('push', [
      ...npsAnswers('old', [10, 10], '2026-06-10'),
      ...npsAnswers('last', [0], '2026-06-30'),
    ]);
    await store.refreshSummaries();
    const stored = await knex('customer_kpis_window_summaries').orderBy([
      'kpi',
      'window_days',
    ]);

    const read = await readWindows(
      knex,
      CHECKOUT,
      30,
      ['recommend'],
      '2026-07-20',
    );

    expect(
      await knex('customer_kpis_window_summaries').orderBy([
        'kpi',
        'window_days',
      ]),
    ).toEqual(stored);
    today = new Date('2026-07-20T08:00:00Z');
    await store.rollWindowsForward();
    expect(read).toEqual(await store.readWindows(CHECKOUT, 30, ['recommend']));
    expect(
      kpiAggregators.recommend.summarise(read[0].current as never),
    ).toMatchObject({
      n: 1,
      value: -100,
    });
  });

  it('reads stored summaries only of pairs a refresh has summarised', async () => {
    await store.ingest('push', [
      ...npsAnswers('a', [10], '2026-06-29'),
      csatAnswer('c', 5, '2026-06-30'),
    ]);

    expect(
      (await readSummariesOfEntities(knex, [CHECKOUT], 30)).map(s => s.kpi),
    ).toEqual(['recommend']);
    await store.refreshSummaries();
    expect(
      (await readSummariesOfEntities(knex, [CHECKOUT], 30))
        .map(s => [s.kpi, s.current.n])
        .sort(),
    ).toEqual([
      ['recommend', 1],
      ['satisfaction', 1],
    ]);
  });
});
