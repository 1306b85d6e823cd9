import { componentRecord } from '../__testUtils__/entities';
import { npsAnswers } from '../__testUtils__/observations';
import { describeOnEachDatabase } from './__testUtils__/migratedDatabases';
import { EntityStore } from './EntityStore';
import { KnexKpiStore } from './KnexKpiStore';
import { ComponentPageQuery, OverviewStore } from './OverviewStore';

jest.setTimeout(60_000);

const ref = (name: string) => `component:default/${name}`;
const NOW = new Date('2026-06-30T10:00:00Z');

describeOnEachDatabase('OverviewStore', db => {
  const refs = ['alpha', 'bravo', 'charlie', 'delta', 'echo'].map(ref);
  let overviews: OverviewStore;

  beforeEach(async () => {
    overviews = new OverviewStore(db());
    await new EntityStore(db()).replaceAll(
      [
        componentRecord(refs[0], { title: 'Zulu' }),
        componentRecord(refs[1]),
        componentRecord(refs[2], { title: 'Alpha', lifecycle: 'experimental' }),
        componentRecord(refs[3]),
        componentRecord(refs[4], { kind: 'system' }),
      ],
      NOW.toISOString(),
    );
    // NPS of the 30 days: bravo 100, charlie −100, alpha 0; delta and echo none.
    const store = new KnexKpiStore(db(), { now: () => NOW });
    await store.ingest('push', [
      ...npsAnswers('b', [10], '2026-06-29', refs[1]),
      ...npsAnswers('c', [0], '2026-06-29', refs[2]),
      ...npsAnswers('a', [10, 0], '2026-06-29', refs[0]),
    ]);
  });

  const page = (query: Partial<ComponentPageQuery>) =>
    overviews.readComponentPage({
      filter: { kinds: ['component'] },
      sort: 'title',
      order: 'asc',
      windowDays: 30,
      limit: 10,
      offset: 0,
      ...query,
    });

  it('sorts by title, or the name where there is none, either way, ties by ref', async () => {
    expect(await page({})).toEqual({
      refs: [refs[2], refs[1], refs[3], refs[0]],
      total: 4,
    });
    expect((await page({ order: 'desc' })).refs).toEqual([
      refs[0],
      refs[3],
      refs[1],
      refs[2],
    ]);
  });

  it("sorts by a KPI's stored value of the window, entities without one last whatever the order", async () => {
    expect((await page({ sort: 'recommend', order: 'desc' })).refs).toEqual([
      refs[1],
      refs[0],
      refs[2],
      refs[3],
    ]);
    expect((await page({ sort: 'recommend', order: 'asc' })).refs).toEqual([
      refs[2],
      refs[0],
      refs[1],
      refs[3],
    ]);
    expect((await page({ sort: 'satisfaction' })).refs).toEqual([
      refs[0],
      refs[1],
      refs[2],
      refs[3],
    ]);
  });

  it('pages, and counts the filtered entities even on a page past the end', async () => {
    expect(await page({ limit: 2, offset: 2 })).toEqual({
      refs: [refs[3], refs[0]],
      total: 4,
    });
    expect(await page({ limit: 2, offset: 10 })).toEqual({
      refs: [],
      total: 4,
    });
  });

  it('reads only the entities of the filter, the refs the caller may see among them', async () => {
    expect(
      await page({
        filter: {
          kinds: ['component'],
          lifecycle: 'production',
          refs: [refs[0], refs[2], refs[3]],
        },
      }),
    ).toEqual({ refs: [refs[3], refs[0]], total: 2 });
  });
});
