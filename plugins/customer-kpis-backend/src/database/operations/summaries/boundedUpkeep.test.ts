// A reader's upkeep is bounded in time: it takes up what a step allows, reads the rest as stored and counts it.
import { Knex } from 'knex';
import { componentRecord } from '../../../__testUtils__/entities';
import { npsAnswer } from '../../../__testUtils__/observations';
import { describeOnEachDatabase } from '../../__testUtils__/migratedDatabases';
import { EntityStore } from '../../EntityStore';
import { GroupSummaryStore } from '../../GroupSummaryStore';
import { KnexKpiStore } from '../../KnexKpiStore';

jest.setTimeout(120_000);

const ref = (i: number) => `component:default/service-${i}`;

describeOnEachDatabase('bounded upkeep', db => {
  let knex: Knex;
  let store: KnexKpiStore;
  const now = () => new Date('2026-06-30T10:00:00Z');

  beforeEach(() => {
    knex = db();
    store = new KnexKpiStore(knex, { now });
  });

  /** The stored 30-day NPS n of each entity, by ref. */
  const storedN = async () =>
    new Map(
      (
        await knex('customer_kpis_window_summaries')
          .where({ kpi: 'recommend', window_days: 30 })
          .select('entity_ref', 'n')
      ).map(r => [r.entity_ref as string, Number(r.n)]),
    );

  it('refreshes one chunk of entities when its time is up, and counts the entities it left', async () => {
    const count = 150;
    const all = Array.from({ length: count }, (_, i) => i);
    await store.ingest(
      'push',
      all.map(i => npsAnswer(`past-${i}`, 10, '2026-06-29', ref(i))),
    );
    await store.refreshSummaries();
    await store.ingest(
      'push',
      all.map(i => npsAnswer(`today-${i}`, 0, '2026-06-30', ref(i))),
    );

    // No time at all: the first step (25 entities) still runs, the other 125 stay marked and as stored.
    expect(await store.refreshSummariesWithin(0)).toEqual({
      refreshed: 25,
      pendingEntities: 125,
    });
    const afterBounded = await storedN();
    expect([...afterBounded.values()].filter(n => n === 2)).toHaveLength(25);
    expect([...afterBounded.values()].filter(n => n === 1)).toHaveLength(125);

    // With time enough, step after step, it takes up the rest.
    expect(await store.refreshSummariesWithin(60_000)).toEqual({
      refreshed: 125,
      pendingEntities: 0,
    });
    expect(new Set((await storedN()).values())).toEqual(new Set([2]));
  });

  it('refreshes groups step by step and reads those it left as last stored', async () => {
    // Two systems of 300 components: each more than a reader's step (100 memberships), so a step of its own.
    const entities = new EntityStore(knex);
    const groups = new GroupSummaryStore(knex, store, entities, now);
    const systemOf = (i: number) => `system:default/system-${i % 2}`;
    const all = Array.from({ length: 600 }, (_, i) => i);
    await entities.replaceAll(
      all.map(i => componentRecord(ref(i), { system: systemOf(i) })),
      now().toISOString(),
    );
    await store.ingest(
      'push',
      all.map(i => npsAnswer(`a-${i}`, 10, '2026-06-29', ref(i))),
    );
    await store.refreshSummaries();
    const members = await entities.listGroupMembers('system');
    expect(await groups.bringUpToDate('system', members)).toBe(2);
    await store.ingest(
      'push',
      all.map(i => npsAnswer(`b-${i}`, 0, '2026-06-30', ref(i))),
    );
    await store.refreshSummaries();

    expect(await groups.bringUpToDateWithin('system', members, 0)).toEqual({
      refreshed: 1,
      pending: 1,
    });
    const read = await groups.read('system', 30, members);
    const n = [...read.values()].map(r => r.recommend.current.pooled.n).sort();
    expect(n).toEqual([300, 600]); // one group as stored before today's answers, one with them

    expect(await groups.bringUpToDateWithin('system', members, 60_000)).toEqual(
      { refreshed: 1, pending: 0 },
    );
    const after = await groups.read('system', 30, members);
    expect([...after.values()].map(r => r.recommend.current.pooled.n)).toEqual([
      600, 600,
    ]);
  });
});
