// The test kit for source modules: a scripted source run through the real backend on each test database is served
// with the engine's figures, at the clock the test set; a failed run is returned; stop() restores the real clock.
import { Entity } from '@backstage/catalog-model';
import {
  RecommendObservation,
  aggregatorFor,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  fakeSourceModule,
  fakeSourceScript,
} from '../__testUtils__/sourceTypes';
import {
  SourceTestBackend,
  sourceTestDatabaseIds,
  startSourceTestBackend,
} from '.';

jest.setTimeout(60_000);

const CHECKOUT = 'component:default/checkout';
const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout',
      namespace: 'default',
      annotations: { 'test.io/fake': 'yes' },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  },
];
// Two days after the scripted answers' day, so that they fall in the default 90-day window.
const NOW = new Date(`${fakeSourceScript.day}T00:00:00Z`);
NOW.setUTCDate(NOW.getUTCDate() + 2);

function engineRecommend(scores: number[]) {
  const aggregator = aggregatorFor('recommend');
  let aggregate = aggregator.empty();
  scores.forEach((score, i) => {
    const observation: RecommendObservation = {
      id: `answer-${i}`,
      kpi: 'recommend',
      entityRef: CHECKOUT,
      timestamp: `${fakeSourceScript.day}T12:00:00.000Z`,
      score,
    };
    aggregate = aggregator.add(aggregate, observation);
  });
  return aggregator.summarise(aggregate);
}

describe.each(sourceTestDatabaseIds())(
  'startSourceTestBackend on %s',
  databaseId => {
    let backend: SourceTestBackend | undefined;
    afterEach(async () => {
      await backend?.stop();
      backend = undefined;
      fakeSourceScript.failAtPage = undefined;
    });

    const start = () =>
      startSourceTestBackend({
        databaseId,
        features: [fakeSourceModule],
        entities,
        sources: [{ id: 'scripted', type: 'fake', config: { label: 'x' } }],
        now: NOW,
      });

    it('runs a source into the store and serves the engine figures of what it stored', async () => {
      backend = await start();
      const first = await backend.runSource('scripted');
      expect(first).toMatchObject({
        sourceId: 'scripted',
        trigger: 'manual',
        status: 'succeeded',
        pages: 3,
        inserted: 5,
        replaced: 0,
        entities: 1,
        error: null,
      });
      const scores = fakeSourceScript.pages.flat();
      expect((await backend.summaries(CHECKOUT)).recommend).toEqual(
        engineRecommend(scores),
      );
      const series = await backend.series(CHECKOUT, 'recommend', {
        granularity: 'day',
        from: fakeSourceScript.day,
      });
      // the series ends today by the backend's clock: the test's
      expect(series.range.to).toBe(NOW.toISOString().slice(0, 10));
      expect(series.points[0]).toEqual({
        start: fakeSourceScript.day,
        end: fakeSourceScript.day,
        summary: engineRecommend(scores),
        // a day before today is over
        partial: false,
      });

      // the cursor is at the end: the next run reads nothing, and is the newest of two
      const second = await backend.runSource('scripted');
      expect(second).toMatchObject({ status: 'succeeded', inserted: 0 });
      expect(second.id).toBeGreaterThan(first.id);
      expect((await backend.runs('scripted')).map(r => r.id)).toEqual([
        second.id,
        first.id,
      ]);
    });

    it('returns a failed run with its error, and restores the real clock on stop', async () => {
      fakeSourceScript.failAtPage = 1;
      backend = await start();
      expect(Date.now()).toBeLessThan(NOW.getTime() + 60_000);
      expect(await backend.runSource('scripted')).toMatchObject({
        status: 'failed',
        inserted: 0,
        error: expect.stringContaining('upstream broke at page 1'),
      });
      await backend.stop();
      backend = undefined;
      expect(Date.now()).toBeGreaterThan(NOW.getTime() + 86_400_000);
    });

    it('says which call failed when the API refuses it', async () => {
      backend = await start();
      await expect(backend.runSource('nope')).rejects.toThrow(
        /GET \/sources\/nope\/runs answered 404, not 200/,
      );
    });
  },
);
