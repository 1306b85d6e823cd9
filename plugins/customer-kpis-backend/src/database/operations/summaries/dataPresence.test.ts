import { Knex } from 'knex';
import {
  CHECKOUT,
  SEARCH,
  csatAnswer,
  npsAnswers,
} from '../../../__testUtils__/observations';
import { describeOnEachDatabase } from '../../__testUtils__/migratedDatabases';
import { KnexKpiStore } from '../../KnexKpiStore';
import { listDataPresence, listEntityRefsWithData } from './dataPresence';

jest.setTimeout(60_000);

describeOnEachDatabase('data presence', db => {
  let knex: Knex;
  let now: Date;
  let store: KnexKpiStore;

  beforeEach(() => {
    knex = db();
    now = new Date('2026-06-30T10:00:00Z');
    store = new KnexKpiStore(knex, { now: () => now });
  });

  const snapshot = async () => ({
    windows: await knex('customer_kpis_window_summaries').orderBy([
      'entity_ref',
      'kpi',
      'window_days',
    ]),
    marks: await knex('customer_kpis_window_changes').orderBy('entity_ref'),
  });

  it("lists every pair with data, today's included, with its sources and latest data, and writes nothing", async () => {
    await store.ingest('push', npsAnswers('a', [10], '2026-06-20'));
    now = new Date('2026-06-30T11:00:00Z');
    await store.ingest('survey', npsAnswers('b', [0], '2026-06-30'));
    await store.ingest('push', [csatAnswer('c', 5, '2026-06-30', SEARCH)]);
    const before = await snapshot();

    const presence = await listDataPresence(knex);

    expect(
      presence.sort((a, b) => (a.entityRef < b.entityRef ? -1 : 1)),
    ).toEqual([
      {
        entityRef: CHECKOUT,
        kpi: 'recommend',
        lastDataAt: '2026-06-30T11:00:00.000Z',
        sources: ['push', 'survey'],
      },
      {
        entityRef: SEARCH,
        kpi: 'satisfaction',
        lastDataAt: '2026-06-30T11:00:00.000Z',
        sources: ['push'],
      },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('agrees with the summary columns once they are up to date', async () => {
    await store.ingest('push', npsAnswers('a', [10], '2026-06-20'));
    await store.ingest('survey', npsAnswers('b', [0], '2026-06-30'));

    const before = await listDataPresence(knex);
    await store.refreshSummaries();

    expect(await listDataPresence(knex)).toEqual(before);
    const [row] = await knex('customer_kpis_window_summaries').where({
      window_days: 365,
    });
    expect(JSON.parse(row.sources)).toEqual(['push', 'survey']);
  });

  it('lists the entities with data, those with data of today only included', async () => {
    await store.ingest('push', npsAnswers('a', [10], '2026-06-20', SEARCH));
    await store.ingest('push', npsAnswers('b', [0], '2026-06-30'));

    expect(await listEntityRefsWithData(knex)).toEqual([CHECKOUT, SEARCH]);
  });
});
