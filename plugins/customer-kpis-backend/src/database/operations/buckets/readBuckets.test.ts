import {
  Observation,
  kpiAggregators,
  observationDay,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  CHECKOUT,
  SEARCH,
  csatAnswer,
  npsAnswer,
} from '../../../__testUtils__/observations';
import { describeOnEachDatabase } from '../../__testUtils__/migratedDatabases';
import { applyToBuckets } from './applyToBuckets';
import { readBucketsOfPairs, readDays, readOpenDays } from './readBuckets';

jest.setTimeout(60_000);

const TODAY = '2026-06-30';
const nps = (aggregate: unknown) =>
  kpiAggregators.recommend.summarise(aggregate as never);

describeOnEachDatabase('reads of the buckets', db => {
  /** Stores observations as `source` would, on the day they count for, with `today` deciding the table. */
  const given = async (source: string, observations: Observation[]) =>
    db().transaction(trx =>
      applyToBuckets(
        trx,
        source,
        observations.map(observation => ({
          observation,
          day: observationDay(observation),
          sign: 1 as const,
        })),
        TODAY,
        `${TODAY}T10:00:00.000Z`,
      ),
    );

  it('reads the days of one KPI from both tables, merged across sources, ascending', async () => {
    await given('push', [
      npsAnswer('a', 10, TODAY),
      npsAnswer('b', 10, '2026-06-28'),
      npsAnswer('c', 0, '2026-06-01'),
      csatAnswer('d', 5, '2026-06-28'),
    ]);
    await given('survey', [npsAnswer('e', 0, '2026-06-28')]);

    const days = await readDays(
      db(),
      CHECKOUT,
      'recommend',
      '2026-06-02',
      TODAY,
    );

    expect(
      days.map(d => ({
        day: d.day,
        n: nps(d.aggregate).n,
        value: nps(d.aggregate).value,
      })),
    ).toEqual([
      { day: '2026-06-28', n: 2, value: 0 },
      { day: TODAY, n: 1, value: 100 },
    ]);
  });

  it("merges today's buckets per pair and leaves other days out", async () => {
    await given('push', [
      npsAnswer('a', 10, TODAY),
      npsAnswer('b', 9, '2026-06-29'),
      npsAnswer('c', 0, TODAY, SEARCH),
    ]);
    await given('survey', [npsAnswer('d', 0, TODAY)]);

    const open = await readOpenDays(db(), [CHECKOUT], TODAY);

    expect([...open.keys()]).toEqual([`recommend|${CHECKOUT}`]);
    const day = open.get(`recommend|${CHECKOUT}`)!;
    expect(day.sources).toEqual(['push', 'survey']);
    expect(nps(day.aggregate)).toMatchObject({ n: 2, value: 0 });
  });

  it('reads the buckets of the pairs within the range from both tables', async () => {
    await given('push', [
      npsAnswer('a', 10, TODAY),
      npsAnswer('b', 9, '2026-06-29'),
      npsAnswer('c', 0, '2026-05-01'),
      npsAnswer('d', 0, TODAY, SEARCH),
      csatAnswer('e', 5, TODAY),
    ]);

    const rows = await readBucketsOfPairs(
      db(),
      [{ entityRef: CHECKOUT, kpi: 'recommend' }],
      '2026-06-01',
      TODAY,
    );

    expect(
      rows.map(r => [r.entity_ref, r.kpi, r.day, r.source]).sort(),
    ).toEqual([
      [CHECKOUT, 'recommend', '2026-06-29', 'push'],
      [CHECKOUT, 'recommend', TODAY, 'push'],
    ]);
  });
});
