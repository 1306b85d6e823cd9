// A source run through the real customer-kpis backend into its store (SQLite, and PostgreSQL when configured): the
// KPI figures it serves are exactly those the common engine computes from the fake Amplitude's users.
import { Entity } from '@backstage/catalog-model';
import {
  SourceTestBackend,
  sourceTestDatabaseIds,
  startSourceTestBackend,
} from '@customer-kpis/backstage-plugin-customer-kpis-backend/testUtils';
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

describe.each(sourceTestDatabaseIds())(
  'an amplitude source run into the store on %p',
  databaseId => {
    let fake: FakeAmplitude | undefined;
    let backend: SourceTestBackend | undefined;
    afterEach(async () => {
      await backend?.stop();
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
      backend = await startSourceTestBackend({
        databaseId,
        features: [customerKpisModuleAmplitude],
        entities,
        credentials: {
          'amplitude-api-key': { secret: API_KEY, allowedUrls: [fake.url] },
          'amplitude-secret-key': {
            secret: SECRET_KEY,
            allowedUrls: [fake.url],
          },
        },
        sources: [
          {
            id: 'amplitude-test',
            type: 'amplitude',
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
      });

      const first = await backend.runSource('amplitude-test');
      expect(first).toMatchObject({
        status: 'succeeded',
        inserted: 35 + 2,
        replaced: 0,
      });

      const served = await backend.summaries(CHECKOUT);
      const expected = expectedFigures(users, today);
      // the seeded users give figures worth checking: churn, new users, a retention below 100 %
      expect(expected.retention.n).toBeGreaterThan(0);
      expect(expected.retention.value).toBeLessThan(100);
      expect(expected.adoption.value).toBeGreaterThan(0);
      expect(served.adoption).toMatchObject({
        value: expected.adoption.value,
        n: ELIGIBLE,
        secondary: expected.adoption.secondary,
      });
      expect(served.retention).toMatchObject({
        value: expected.retention.value,
        n: expected.retention.n,
        secondary: expected.retention.secondary,
      });

      const second = await backend.runSource('amplitude-test');
      expect(await backend.runs('amplitude-test')).toHaveLength(2);
      // today's partial day read again, unchanged; nothing inserted or replaced
      expect(second).toMatchObject({
        status: 'succeeded',
        inserted: 0,
        replaced: 0,
        unchanged: 1,
      });
    });
  },
);
