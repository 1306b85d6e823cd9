// A run of the posthog source by the backend's real SourceRunner into the real store (SQLite, and PostgreSQL when
// configured): the stored adoption, retention and time-to-value figures are exactly what the common engine computes
// from the rows PostHog answered, and a second run stores nothing new.
import { mockServices } from '@backstage/backend-test-utils';
import {
  KpiId,
  Observation,
  kpiAggregators,
  observationDay,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { SecretRedactor } from '@customer-kpis/backstage-plugin-customer-kpis-node';
// The backend's own store, runner and test helpers: the module is tested against the real thing, not a copy. The
// backend exports no test entry point yet, so this test reaches into its sources (test code only, never shipped).
/* eslint-disable @backstage/no-undeclared-imports, @backstage/no-forbidden-package-imports, @backstage/no-mixed-plugin-imports */
import { createTestDatabases } from '@customer-kpis/backstage-plugin-customer-kpis-backend/src/__testUtils__/databases';
import { testCatalog } from '@customer-kpis/backstage-plugin-customer-kpis-backend/src/__testUtils__/catalog';
import { KnexKpiStore } from '@customer-kpis/backstage-plugin-customer-kpis-backend/src/database/KnexKpiStore';
import { applyDatabaseMigrations } from '@customer-kpis/backstage-plugin-customer-kpis-backend/src/database/migrations';
import { SourceRunner } from '@customer-kpis/backstage-plugin-customer-kpis-backend/src/sources/SourceRunner';
import {
  SourceDefinition,
  SourceStore,
} from '@customer-kpis/backstage-plugin-customer-kpis-backend/src/sources/SourceStore';
/* eslint-enable @backstage/no-undeclared-imports, @backstage/no-forbidden-package-imports, @backstage/no-mixed-plugin-imports */
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
import { posthogSourceType } from './posthogSourceType';

jest.setTimeout(120_000);

const databases = createTestDatabases();

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

describe.each(databases.eachSupportedId())(
  'a posthog run into the store on %p',
  databaseId => {
    let fake: FakePostHog;
    let knex: Awaited<ReturnType<typeof databases.init>>;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      fake = await startFakePostHog({
        projectId: PROJECT_ID,
        apiKey: API_KEY,
        events: seedEvents(),
        cohorts: { [COHORT_ID]: COHORT },
      });
    });

    afterEach(async () => {
      await fake.close();
      await knex.destroy();
    });

    it('stores exactly the figures the engine computes from the served rows, and nothing new on the next run', async () => {
      const store = new KnexKpiStore(knex, { now: () => NOW });
      const redactor = new SecretRedactor([API_KEY]);
      const runner = new SourceRunner({
        store,
        sources: new SourceStore(knex, { redactor }),
        sourceTypes: new Map([['posthog', posthogSourceType as any]]),
        catalog: testCatalog(ENTITIES),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        credentials: {
          'posthog-key': { secret: API_KEY, allowedUrls: [fake.url] },
        },
        redactor,
        now: () => NOW,
      });
      const source: SourceDefinition = {
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
        schedule: { frequency: { hours: 1 } },
        origin: 'api',
      };

      const first = await runner.run(source, 'manual');
      expect(first).toMatchObject({
        status: 'succeeded',
        error: null,
        // bound by annotation; 'elsewhere' names another project, so this instance sends it nothing
        entities: 4,
      });
      const expected = observationsOfServedRows(fake);
      expect(first.inserted).toBe(expected.length);

      for (const { entityRef } of Object.values(BOUND).flat()) {
        const windows = await store.readWindows(entityRef, 90, [
          'adoption',
          'retention',
          'time-to-value',
        ]);
        for (const kpi of ['adoption', 'retention', 'time-to-value'] as const) {
          const window = windows.find(w => w.kpi === kpi)!;
          const stored = (kpiAggregators[kpi] as any).summarise(window.current);
          expect({ entityRef, kpi, summary: stored }).toEqual({
            entityRef,
            kpi,
            summary: engineSummary(expected, entityRef, kpi),
          });
          // and day by day
          const days = await store.readDays(
            entityRef,
            kpi,
            '2026-08-01',
            '2026-11-23',
          );
          const expectedDays = [
            ...new Set(
              expected
                .filter(o => o.entityRef === entityRef && o.kpi === kpi)
                .map(o => observationDay(o)),
            ),
          ].sort();
          expect(days.map(d => d.day)).toEqual(expectedDays);
          expect(days.length).toBeGreaterThan(0);
          for (const day of days) {
            expect(
              (kpiAggregators[kpi] as any).summarise(day.aggregate),
            ).toEqual(
              engineSummary(
                expected.filter(o => observationDay(o) === day.day),
                entityRef,
                kpi,
              ),
            );
          }
        }
      }

      const second = await runner.run(source, 'manual');
      expect(second).toMatchObject({
        status: 'succeeded',
        inserted: 0,
        replaced: 0,
      });
      expect(second.unchanged).toBeGreaterThan(0);
    });
  },
);
