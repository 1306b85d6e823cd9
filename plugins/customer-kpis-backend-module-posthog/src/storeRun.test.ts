// A run of the posthog source through the real customer-kpis backend (its runner, store and API) on SQLite, and
// PostgreSQL when configured: the adoption, retention and time-to-value figures it serves, over the window and day by
// day, are exactly what the common engine computes from the rows PostHog answered, and a second run stores nothing new.
import {
  KpiId,
  Observation,
  kpiAggregators,
  observationDay,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  SourceTestBackend,
  sourceTestDatabaseIds,
  startSourceTestBackend,
} from '@customer-kpis/backstage-plugin-customer-kpis-backend/testUtils';
import { FakePostHog, startFakePostHog } from './__testUtils__/fakePostHog';
import {
  API_KEY,
  COHORT,
  COHORT_ID,
  ENTITIES,
  NOW,
  PROJECT_ID,
  seedEvents,
} from './__testUtils__/seed';
import customerKpisModulePosthog from './index';

jest.setTimeout(120_000);

/** What the seed binds: the entities of each bucket, with their eligible users. */
const BOUND: Record<string, { entityRef: string; eligible: number }[]> = {
  'p:checkout': [{ entityRef: 'component:default/checkout', eligible: 40 }],
  'p:search': [
    { entityRef: 'component:default/search', eligible: COHORT.length },
  ],
  '*': [{ entityRef: 'system:default/shop', eligible: COHORT.length }],
};

/** The observations the served rows stand for, written out here from the documented mapping. */
function observationsOfServedRows(fake: FakePostHog): Observation[] {
  const observations: Observation[] = [];
  for (const { name, rows } of fake.queries) {
    for (const row of rows) {
      for (const { entityRef, eligible } of BOUND[String(row[1])] ?? []) {
        if (name === 'customer-kpis adoption') {
          const [date, , dau, wau, mau] = row as [
            string,
            string,
            number,
            number,
            number,
          ];
          observations.push({
            id: `adoption/${date}/${entityRef}`,
            kpi: 'adoption',
            entityRef,
            date,
            dau,
            wau,
            mau,
            eligible,
          });
        } else if (name === 'customer-kpis retention') {
          const [periodStart, , start, end, added] = row as [
            string,
            string,
            number,
            number,
            number,
          ];
          observations.push({
            id: `retention/${periodStart}/${entityRef}`,
            kpi: 'retention',
            entityRef,
            periodStart,
            periodEnd: '2026-10-31',
            start,
            end,
            new: added,
          });
        } else if (name === 'customer-kpis time-to-value') {
          const [person, , startedAt, valueAt] = row as [
            string,
            string,
            string,
            string | null,
          ];
          observations.push({
            id: `journey/${person}/${entityRef}`,
            kpi: 'time-to-value',
            entityRef,
            startedAt: new Date(startedAt).toISOString(),
            valueAt: valueAt && new Date(valueAt).toISOString(),
          });
        }
      }
    }
  }
  // a row read twice (a re-read day) counts once: the last one wins, as in the store
  return [...new Map(observations.map(o => [o.id, o])).values()];
}

/** The engine's summary of the given observations of one entity and KPI. */
function engineSummary(
  observations: Observation[],
  entityRef: string,
  kpi: KpiId,
) {
  const aggregator = kpiAggregators[kpi] as any;
  return aggregator.summarise(
    observations
      .filter(o => o.entityRef === entityRef && o.kpi === kpi)
      .reduce(
        (aggregate, o) => aggregator.add(aggregate, o),
        aggregator.empty(),
      ),
  );
}

describe.each(sourceTestDatabaseIds())(
  'a posthog run into the store on %p',
  databaseId => {
    let fake: FakePostHog;
    let backend: SourceTestBackend | undefined;

    beforeEach(async () => {
      fake = await startFakePostHog({
        projectId: PROJECT_ID,
        apiKey: API_KEY,
        events: seedEvents(),
        cohorts: { [COHORT_ID]: COHORT },
      });
    });

    afterEach(async () => {
      await backend?.stop();
      await fake.close();
    });

    it('stores exactly the figures the engine computes from the served rows, and nothing new on the next run', async () => {
      backend = await startSourceTestBackend({
        databaseId,
        features: [customerKpisModulePosthog],
        entities: ENTITIES,
        credentials: {
          'posthog-key': { secret: API_KEY, allowedUrls: [fake.url] },
        },
        sources: [
          {
            id: 'posthog-web',
            type: 'posthog',
            config: {
              host: fake.url,
              projectId: PROJECT_ID,
              credential: 'posthog-key',
              activeEvents: ['pageview', 'signed_up', 'report_created'],
              eligibleCohortId: COHORT_ID,
              timeToValue: {
                startEvent: 'signed_up',
                valueEvent: 'report_created',
              },
              pageSize: 25,
              retries: 0,
            },
          },
        ],
        now: NOW,
      });

      const first = await backend.runSource('posthog-web');
      expect(first).toMatchObject({
        status: 'succeeded',
        error: null,
        // bound by annotation; 'elsewhere' names another project, so this instance sends it nothing
        entities: 4,
      });
      const expected = observationsOfServedRows(fake);
      expect(first.inserted).toBe(expected.length);

      const today = NOW.toISOString().slice(0, 10);
      const kpis = ['adoption', 'retention', 'time-to-value'] as const;
      for (const { entityRef } of Object.values(BOUND).flat()) {
        const served = await backend.summaries(entityRef, { window: '90d' });
        for (const kpi of kpis) {
          expect({ entityRef, kpi, summary: served[kpi] }).toEqual({
            entityRef,
            kpi,
            summary: engineSummary(expected, entityRef, kpi),
          });
          // and day by day, every day from before the first event to today (days without data included)
          const series = await backend.series(entityRef, kpi, {
            granularity: 'day',
            from: '2026-08-01',
            to: today,
          });
          expect(series.points).toHaveLength(
            1 + (Date.parse(today) - Date.parse('2026-08-01')) / 86_400_000,
          );
          const expectedDays = new Set(
            expected
              .filter(o => o.entityRef === entityRef && o.kpi === kpi)
              .map(o => observationDay(o)),
          );
          expect(expectedDays.size).toBeGreaterThan(0);
          for (const point of series.points) {
            expect({ day: point.start, summary: point.summary }).toEqual({
              day: point.start,
              summary: engineSummary(
                expected.filter(o => observationDay(o) === point.start),
                entityRef,
                kpi,
              ),
            });
          }
          // the days the served rows fall on are inside the range read
          expect(
            [...expectedDays].every(day => day >= '2026-08-01' && day <= today),
          ).toBe(true);
        }
      }

      const second = await backend.runSource('posthog-web');
      expect(second).toMatchObject({
        status: 'succeeded',
        inserted: 0,
        replaced: 0,
      });
      expect(second.unchanged).toBeGreaterThan(0);
    });
  },
);
