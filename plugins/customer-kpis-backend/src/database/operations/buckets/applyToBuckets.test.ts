import { kpiAggregators } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { CHECKOUT, npsAnswer } from '../../../__testUtils__/observations';
import { describeOnEachDatabase } from '../../__testUtils__/migratedDatabases';
import { Operation } from '../types';
import { applyToBuckets } from './applyToBuckets';

jest.setTimeout(60_000);

const TODAY = '2026-06-30';
const NOW = `${TODAY}T10:00:00.000Z`;

const add = (id: string, score: number, day: string): Operation => ({
  observation: npsAnswer(id, score, day),
  day,
  sign: 1,
});
const remove = (id: string, score: number, day: string): Operation => ({
  ...add(id, score, day),
  sign: -1,
});

describeOnEachDatabase('applyToBuckets', db => {
  const apply = (operations: Operation[], today = TODAY, source = 'push') =>
    db().transaction(trx =>
      applyToBuckets(trx, source, operations, today, NOW),
    );
  /** The table's buckets as (day, source, observations, NPS). */
  const buckets = async (table: string) =>
    (
      await db()(table)
        .where({ entity_ref: CHECKOUT })
        .orderBy(['day', 'source'])
        .select('day', 'source', 'observations', 'aggregate')
    ).map(row => ({
      day: row.day,
      source: row.source,
      observations: row.observations,
      nps: kpiAggregators.recommend.summarise(
        kpiAggregators.recommend.parse(row.aggregate),
      ).value,
    }));

  it("creates today's bucket among the recent buckets and a past day's in the history", async () => {
    await apply([add('a', 10, TODAY), add('b', 0, '2026-06-29')]);

    expect(await buckets('customer_kpis_recent_buckets')).toEqual([
      { day: TODAY, source: 'push', observations: 1, nps: 100 },
    ]);
    expect(await buckets('customer_kpis_daily_buckets')).toEqual([
      { day: '2026-06-29', source: 'push', observations: 1, nps: -100 },
    ]);
  });

  it('merges into the stored bucket of the same source and keeps other sources apart', async () => {
    await apply([add('a', 10, '2026-06-29')]);
    await apply([add('b', 0, '2026-06-29')], TODAY, 'survey');

    await apply([
      add('c', 10, '2026-06-29'),
      add('d', 0, '2026-06-29'),
      add('e', 8, '2026-06-29'),
    ]);

    expect(await buckets('customer_kpis_daily_buckets')).toEqual([
      { day: '2026-06-29', source: 'push', observations: 4, nps: 25 },
      { day: '2026-06-29', source: 'survey', observations: 1, nps: -100 },
    ]);
  });

  it('changes a recent bucket of a past day where it is, and deletes a bucket left empty', async () => {
    // Written while 2026-06-29 was today; the roll-over has not moved it into the history yet.
    await apply([add('a', 10, '2026-06-29')], '2026-06-29');

    await apply([add('b', 0, '2026-06-29')]);

    expect(await buckets('customer_kpis_recent_buckets')).toEqual([
      { day: '2026-06-29', source: 'push', observations: 2, nps: 0 },
    ]);
    expect(await buckets('customer_kpis_daily_buckets')).toEqual([]);

    await apply([remove('a', 10, '2026-06-29'), remove('b', 0, '2026-06-29')]);

    expect(await buckets('customer_kpis_recent_buckets')).toEqual([]);
    expect(await buckets('customer_kpis_daily_buckets')).toEqual([]);
  });
});
