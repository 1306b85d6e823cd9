import {
  KPI_IDS,
  Observation,
  addDaysToDay,
  parseObservation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import {
  CHECKOUT,
  SEARCH,
  npsAnswers,
  oneOfEveryKpi,
} from '../../../__testUtils__/observations';
import { componentRecord } from '../../../__testUtils__/entities';
import { describeOnEachDatabase } from '../../__testUtils__/migratedDatabases';
import { EntityStore } from '../../EntityStore';
import { KnexKpiStore } from '../../KnexKpiStore';
import { ObservedAndRetractedError } from './ingest';

jest.setTimeout(120_000);

const TODAY = '2026-06-30';
const daysAgo = (n: number) => addDaysToDay(TODAY, -n);
const count = async (knex: Knex, table: string) =>
  Number((await knex(table).count({ n: '*' }))[0].n);

/** One observation of every KPI on a day, parsed, for `entityRef`, ids `${prefix}-<kpi>`. */
const everyKpi = (
  prefix: string,
  day: string,
  entityRef: string,
  seed: number,
): Observation[] =>
  oneOfEveryKpi(prefix, day, entityRef, seed).map(o => parseObservation(o));

/**
 * What a store holds for one entity, with the entity's ref taken out so that two entities compare: raw window rows,
 * every read of the store, the summaries and the data presence.
 */
async function holdingsOf(knex: Knex, store: KnexKpiStore, entityRef: string) {
  const anonymous = <T extends object>(rows: T[]) =>
    rows.map(({ entity_ref, entityRef: _ref, ...rest }: any) => rest);
  const reads: Record<string, unknown> = {};
  for (const days of [7, 30, 90, 365]) {
    reads[`windows ${days}`] = anonymous(
      await store.readWindows(entityRef, days),
    );
  }
  for (const kpi of KPI_IDS) {
    reads[`days ${kpi}`] = await store.readDays(
      entityRef,
      kpi,
      daysAgo(800),
      addDaysToDay(TODAY, 1),
    );
  }
  for (const days of [30, 90, 365]) {
    reads[`summaries ${days}`] = anonymous(
      await store.readSummariesOfEntities([entityRef], days),
    );
  }
  return {
    rows: anonymous(
      await knex('customer_kpis_window_summaries')
        .where({ entity_ref: entityRef })
        .orderBy(['kpi', 'window_days']),
    ),
    reads,
    presence: anonymous(
      (await store.listDataPresence())
        .filter(p => p.entityRef === entityRef)
        .sort((a, b) => (a.kpi < b.kpi ? -1 : 1)),
    ),
    hasData: (await store.listEntityRefsWithData()).includes(entityRef),
  };
}

describeOnEachDatabase('retractions', db => {
  let knex: Knex;
  let store: KnexKpiStore;

  beforeEach(async () => {
    knex = db();
    store = new KnexKpiStore(knex, {
      now: () => new Date(`${TODAY}T10:00:00Z`),
    });
    await new EntityStore(knex).replaceAll(
      [
        componentRecord(CHECKOUT, { system: 'system:default/shop' }),
        componentRecord(SEARCH, { system: 'system:default/search' }),
      ],
      `${TODAY}T09:00:00.000Z`,
    );
  });

  /** The observations both entities keep: every KPI on a day out of reach of the windows, in each window and today. */
  const kept = (entityRef: string) =>
    [900, 200, 40, 5, 0].flatMap((ago, i) =>
      everyKpi(`${entityRef}-keep-${ago}`, daysAgo(ago), entityRef, i),
    );

  it('leaves every read, row and summary exactly as if the retracted observations had never been sent', async () => {
    // Checkout gets what search gets, then more from its own pipeline and from a survey tool, in closed windows and
    // today, on days with kept data (incremental un-merge) and without (an emptied bucket: the pair is rebuilt).
    await store.ingest('push', kept(SEARCH));
    await store.ingest('push', kept(CHECKOUT));
    const fromPush = [40, 12, 0].flatMap((ago, i) =>
      everyKpi(`more-${ago}`, daysAgo(ago), CHECKOUT, 3 + i),
    );
    const fromTool = [5, 0].flatMap((ago, i) =>
      everyKpi(`tool-${ago}`, daysAgo(ago), CHECKOUT, 6 + i),
    );
    await store.ingest('push', fromPush);
    await store.ingest('tool', fromTool);
    await store.refreshSummaries();
    const twin = await holdingsOf(knex, store, SEARCH);
    expect(await holdingsOf(knex, store, CHECKOUT)).not.toEqual(twin);

    expect(
      await store.ingest('push', [], { retractions: fromPush.map(o => o.id) }),
    ).toEqual({ inserted: 0, unchanged: 0, replaced: 0, retracted: 21 });
    expect(
      await store.ingest('tool', [], { retractions: fromTool.map(o => o.id) }),
    ).toEqual({ inserted: 0, unchanged: 0, replaced: 0, retracted: 14 });
    await store.refreshSummaries();

    const checkout = await holdingsOf(knex, store, CHECKOUT);
    expect(checkout).toEqual(twin);
    expect(checkout.presence.map(p => p.sources)).toEqual(
      KPI_IDS.map(() => ['push']),
    );
    expect(await count(knex, 'customer_kpis_observations')).toBe(70);
  });

  it("un-merges an answer of a closed window and one of today's bucket: the NPS the engine gives the rest", async () => {
    await store.ingest('push', [
      ...npsAnswers('closed', [10, 10, 0], daysAgo(3)),
      ...npsAnswers('today', [10, 6], TODAY),
    ]);

    await store.ingest('push', [], {
      retractions: ['closed-0', 'today-1'],
    });
    await store.refreshSummaries();

    // Left: 10 and 0 three days ago, 10 today → 2 promoters, 1 detractor of 3.
    const recommend = (
      await store.readSummariesOfEntities([CHECKOUT], 30)
    ).find(s => s.kpi === 'recommend')!;
    expect(recommend.current.n).toBe(3);
    expect(recommend.current.value).toBeCloseTo(100 / 3, 10);
    expect(
      (await store.readDays(CHECKOUT, 'recommend', daysAgo(3), TODAY)).map(
        d => d.day,
      ),
    ).toEqual([daysAgo(3), TODAY]);
  });

  it('removes a pair whose only data is retracted: no rows, no presence, no entity with data', async () => {
    const only = [
      ...npsAnswers('gone', [9], daysAgo(2), SEARCH),
      ...npsAnswers('gone-today', [3], TODAY, SEARCH),
    ];
    await store.ingest('tool', only);
    await store.refreshSummaries();
    expect(await store.listEntityRefsWithData()).toEqual([SEARCH]);

    await store.ingest('tool', [], { retractions: only.map(o => o.id) });
    await store.refreshSummaries();

    expect(await store.listEntityRefsWithData()).toEqual([]);
    expect(await store.listDataPresence()).toEqual([]);
    for (const table of [
      'customer_kpis_observations',
      'customer_kpis_daily_buckets',
      'customer_kpis_recent_buckets',
      'customer_kpis_window_summaries',
    ])
      expect(await count(knex, table)).toBe(0);
  });

  it('counts a retraction of an id that is not stored as unchanged and writes nothing for it', async () => {
    await store.ingest('push', npsAnswers('a', [10, 0], daysAgo(1)));
    await store.ingest('push', [], { retractions: ['a-0'] });
    await knex('customer_kpis_window_changes').delete();
    await knex('customer_kpis_group_changes').delete();
    const rows = await knex('customer_kpis_window_summaries').orderBy([
      'kpi',
      'window_days',
    ]);

    expect(
      await store.ingest('push', [], {
        retractions: ['a-0', 'never-sent', 'a-0'],
      }),
    ).toEqual({ inserted: 0, unchanged: 2, replaced: 0, retracted: 0 });
    // Another source's id is another observation: retracting it there finds nothing.
    expect(
      await store.ingest('tool', [], { retractions: ['a-1'] }),
    ).toMatchObject({ unchanged: 1, retracted: 0 });

    expect(await count(knex, 'customer_kpis_window_changes')).toBe(0);
    expect(await count(knex, 'customer_kpis_group_changes')).toBe(0);
    expect(
      await knex('customer_kpis_window_summaries').orderBy([
        'kpi',
        'window_days',
      ]),
    ).toEqual(rows);
    expect(await count(knex, 'customer_kpis_observations')).toBe(1);
  });

  it('marks the entity and its groups changed, so that rollups are recomputed', async () => {
    await store.ingest('push', npsAnswers('a', [10, 0], daysAgo(1)));
    await knex('customer_kpis_window_changes').delete();
    await knex('customer_kpis_group_changes').delete();

    await store.ingest('push', [], { retractions: ['a-1'] });

    expect(
      await knex('customer_kpis_window_changes').pluck('entity_ref'),
    ).toEqual([CHECKOUT]);
    expect([...(await store.readGroupMarks('system')).keys()]).toEqual([
      'system:default/shop',
    ]);
    expect([...(await store.readGroupMarks('owner')).keys()]).toEqual([
      'group:default/team-a',
    ]);
  });

  it('stores neither the observations nor the retractions of a batch whose transaction fails', async () => {
    await store.ingest('push', npsAnswers('a', [10, 0], daysAgo(1)));
    const buckets = await knex('customer_kpis_daily_buckets');
    const rows = await knex('customer_kpis_window_summaries');

    await expect(
      store.ingest('push', npsAnswers('b', [7], daysAgo(1)), {
        retractions: ['a-0'],
        withinTransaction: async () => {
          throw new Error('cursor write failed');
        },
      }),
    ).rejects.toThrow('cursor write failed');

    expect(
      await knex('customer_kpis_observations')
        .orderBy('observation_id')
        .pluck('observation_id'),
    ).toEqual(['a-0', 'a-1']);
    expect(await knex('customer_kpis_daily_buckets')).toEqual(buckets);
    expect(await knex('customer_kpis_window_summaries')).toEqual(rows);
  });

  it('refuses a batch that observes and retracts the same id, storing nothing', async () => {
    await store.ingest('push', npsAnswers('a', [10], daysAgo(1)));

    await expect(
      store.ingest('push', npsAnswers('b', [0, 1], daysAgo(1)), {
        retractions: ['a-0', 'b-1'],
      }),
    ).rejects.toThrow(
      new ObservedAndRetractedError(
        'observation id "b-1" is both observed and retracted in one batch; nothing was stored',
      ),
    );
    expect(
      await knex('customer_kpis_observations').pluck('observation_id'),
    ).toEqual(['a-0']);
  });

  it("drops a source from the old entity's windows when its only answer there is corrected to another entity", async () => {
    await store.ingest('push', npsAnswers('p', [10], daysAgo(2), SEARCH));
    const [misfiled] = npsAnswers('t', [0], daysAgo(2), SEARCH);
    await store.ingest('tool', [misfiled]);

    await store.ingest('tool', [{ ...misfiled, entityRef: CHECKOUT }]);
    await store.refreshSummaries();

    const presence = await store.listDataPresence();
    expect(
      presence
        .map(p => [p.entityRef, p.sources])
        .sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    ).toEqual([
      [CHECKOUT, ['tool']],
      [SEARCH, ['push']],
    ]);
  });
});
