// A source run through the real customer-kpis backend into its store (SQLite, and PostgreSQL when configured): the
// KPI figures it serves are exactly those the common engine computes from the fake Amplitude's users.
import {
  TestDatabaseId,
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import customerKpisPlugin from '@customer-kpis/backstage-plugin-customer-kpis-backend';
import {
  AdoptionObservation,
  RetentionObservation,
  kpiAggregators,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  FakeAmplitude,
  FakeUser,
  activeBetween,
  startFakeAmplitude,
} from './__testUtils__/fakeAmplitude';
import { addDays, addMonths, monthEnd, monthOf, todayIn } from './days';
import customerKpisModuleAmplitude from './index';

jest.setTimeout(120_000);

const API_KEY = 'amp-api-key-0123456789abcdef';
const SECRET_KEY = 'amp-secret-key-fedcba9876543210';
const CHECKOUT = 'component:default/checkout';
const ELIGIBLE = 50;
const USER = mockCredentials.user.header();

function testDatabaseIds(): TestDatabaseId[] {
  const postgres = Object.keys(process.env)
    .map(
      name =>
        /^BACKSTAGE_TEST_DATABASE_POSTGRES(\d+)_CONNECTION_STRING$/.exec(
          name,
        )?.[1],
    )
    .filter((major): major is string => Boolean(major))
    .map(major => `POSTGRES_${major}` as TestDatabaseId);
  return ['SQLITE_3', ...postgres];
}

const databases = TestDatabases.create({
  ids: testDatabaseIds(),
  disableDocker: true,
});

/** 40 users over the last 100 days: 30 of checkout, 10 of another product, each with its own rhythm. */
function seedUsers(today: string): FakeUser[] {
  return Array.from({ length: 40 }, (_, i) => {
    const rhythm = (i % 6) + 2;
    const firstDay = i % 4 === 0 ? 60 : 0; // some users start late (new)
    const lastDay = i % 5 === 0 ? 40 : 100; // some stop (churn)
    const activeDays: string[] = [];
    for (let d = firstDay; d < lastDay; d++) {
      if ((i * 7 + d * 3) % rhythm === 0) activeDays.push(addDays(today, -d));
    }
    return {
      id: `user-${i}`,
      properties: { 'gp:product': i < 30 ? 'checkout' : 'search' },
      activeDays,
    };
  });
}

/** The observations the fake's users imply, built here from the log, and the engine's figures from them. */
function expectedFigures(users: FakeUser[], today: string) {
  const checkout = users.filter(u => u.properties['gp:product'] === 'checkout');
  const count = (from: string, to: string) =>
    activeBetween(checkout, from, to).length;
  const adoption: AdoptionObservation = {
    id: `adoption/${today}/${CHECKOUT}`,
    kpi: 'adoption',
    entityRef: CHECKOUT,
    date: today,
    dau: count(today, today),
    wau: count(addDays(today, -6), today),
    mau: count(addDays(today, -29), today),
    eligible: ELIGIBLE,
  };
  const lastPeriod = addMonths(monthOf(today), -1);
  const periods = [addMonths(lastPeriod, -1), lastPeriod].map(
    (period): RetentionObservation => {
      const cohortMonth = addMonths(period, -1);
      const cohort = activeBetween(
        checkout,
        cohortMonth,
        monthEnd(cohortMonth),
      );
      return {
        id: `retention/${period.slice(0, 7)}/${CHECKOUT}`,
        kpi: 'retention',
        entityRef: CHECKOUT,
        periodStart: period,
        periodEnd: monthEnd(period),
        start: cohort.length,
        end: activeBetween(cohort, period, monthEnd(period)).length,
        new: 0,
      };
    },
  );
  const adoptionAggregator = kpiAggregators.adoption;
  const retentionAggregator = kpiAggregators.retention;
  return {
    adoption: adoptionAggregator.summarise(
      adoptionAggregator.add(adoptionAggregator.empty(), adoption),
    ),
    retention: retentionAggregator.summarise(
      periods.reduce(
        (aggregate, period) => retentionAggregator.add(aggregate, period),
        retentionAggregator.empty(),
      ),
    ),
  };
}

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout',
      namespace: 'default',
      annotations: {
        'amplitude.com/segment-value': 'checkout',
        'amplitude.com/eligible-users': String(ELIGIBLE),
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/shop',
    },
  },
];

describe.each(databases.eachSupportedId())(
  'an amplitude source run into the store on %p',
  databaseId => {
    let fake: FakeAmplitude | undefined;
    let stop: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await stop?.();
      await fake?.close();
    });

    it('serves the engine figures of the fake users, and a second run stores nothing new', async () => {
      const today = todayIn('UTC', new Date());
      const users = seedUsers(today);
      fake = await startFakeAmplitude({
        users,
        today,
        authorization: `Basic ${Buffer.from(
          `${API_KEY}:${SECRET_KEY}`,
        ).toString('base64')}`,
      });
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          customerKpisPlugin,
          customerKpisModuleAmplitude,
          catalogServiceMock.factory({ entities }),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              customerKpis: {
                credentials: {
                  'amplitude-api-key': {
                    secret: API_KEY,
                    allowedUrls: [fake.url],
                  },
                  'amplitude-secret-key': {
                    secret: SECRET_KEY,
                    allowedUrls: [fake.url],
                  },
                },
                sources: [
                  {
                    id: 'amplitude-test',
                    type: 'amplitude',
                    // not at start-up: the test starts each run
                    schedule: {
                      frequency: { hours: 6 },
                      initialDelay: { hours: 1 },
                    },
                    config: {
                      baseUrl: fake.url,
                      apiKeyCredential: 'amplitude-api-key',
                      secretKeyCredential: 'amplitude-secret-key',
                      segmentProperty: 'gp:product',
                      historyDays: 35,
                      retentionHistoryMonths: 2,
                      minRetryDelayMs: 10,
                    },
                  },
                ],
              },
            },
          }),
        ],
      });
      stop = () => backend.stop();
      const api = `http://127.0.0.1:${
        (backend.server.address() as { port: number }).port
      }/api/customer-kpis`;
      const call = async (method: string, path: string) => {
        const res = await fetch(`${api}${path}`, {
          method,
          headers: { authorization: USER },
        });
        return { status: res.status, body: await res.json() };
      };
      const runs = async () =>
        (await call('GET', '/sources/amplitude-test/runs')).body.items as Array<
          Record<string, unknown>
        >;
      const runOnce = async (count: number) => {
        expect((await call('POST', '/sources/amplitude-test/run')).status).toBe(
          202,
        );
        const deadline = Date.now() + 60_000;
        let items = await runs();
        while (
          (items.length < count || items.some(r => r.status === 'running')) &&
          Date.now() < deadline
        ) {
          await new Promise(resolve => setTimeout(resolve, 200));
          items = await runs();
        }
        return items;
      };

      const first = await runOnce(1);
      expect(first[0]).toMatchObject({
        status: 'succeeded',
        inserted: 35 + 2,
        replaced: 0,
      });

      const kpis = await call(
        'GET',
        '/entities/component/default/checkout/kpis',
      );
      expect(kpis.status).toBe(200);
      const expected = expectedFigures(users, today);
      // the seeded users give figures worth checking: churn, new users, a retention below 100 %
      expect(expected.retention.n).toBeGreaterThan(0);
      expect(expected.retention.value).toBeLessThan(100);
      expect(expected.adoption.value).toBeGreaterThan(0);
      const served = (kpi: string) =>
        (kpis.body.kpis as Array<{ kpi: string; summary: unknown }>).find(
          k => k.kpi === kpi,
        )?.summary;
      expect(served('adoption')).toMatchObject({
        value: expected.adoption.value,
        n: ELIGIBLE,
        secondary: expected.adoption.secondary,
      });
      expect(served('retention')).toMatchObject({
        value: expected.retention.value,
        n: expected.retention.n,
        secondary: expected.retention.secondary,
      });

      const second = await runOnce(2);
      expect(second).toHaveLength(2);
      // the newest run first: today's partial day read again, unchanged; nothing inserted or replaced
      expect(second[0]).toMatchObject({
        status: 'succeeded',
        inserted: 0,
        replaced: 0,
        unchanged: 1,
      });
    });
  },
);
