// A fake Typeform with a known set of answers, pulled through a real source run into the real store (SQLite and
// PostgreSQL): the entity's NPS, CSAT and CES are exactly what the common engine computes from the same answers, and
// a second run stores nothing new.
import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  Observation,
  aggregatorFor,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import customerKpisPlugin from '@customer-kpis/backstage-plugin-customer-kpis-backend';
import request from 'supertest';
import {
  FakeResponse,
  FakeTypeform,
  startFakeTypeform,
} from './__testUtils__/fakeTypeform';
import customerKpisModuleTypeform from './index';

jest.setTimeout(120_000);

const TOKEN = 'tfp_through-store-token-123';
const ADMIN = mockCredentials.user.header('user:default/admin');
const BASE = '/api/customer-kpis';
const postgres = Object.keys(process.env)
  .map(
    name =>
      /^BACKSTAGE_TEST_DATABASE_POSTGRES(\d+)_CONNECTION_STRING$/.exec(
        name,
      )?.[1],
  )
  .filter(Boolean)
  .map(major => `POSTGRES_${major}` as const);
const databases = TestDatabases.create({
  ids: ['SQLITE_3', ...(postgres as any[])],
  disableDocker: true,
});

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  // lower case: the catalog mock matches the runner's kind filter as written
  kind: 'component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: { 'typeform.com/form-id': 'FormA' },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/team',
  },
};

// The known answers: one response per index, each answering what its lists hold at that index.
const NPS = [10, 10, 9, 9, 9, 8, 7, 7, 6, 5, 3, 0];
const CSAT = [5, 5, 4, 4, 4, 3, 2, 1];
const CES = [7, 7, 6, 5, 5, 3, 1];
const daysAgo = (n: number) =>
  new Date(Date.now() - n * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
const responses: FakeResponse[] = [
  ...NPS.map((nps, i) => ({
    token: `t${i}`,
    form: 'FormA',
    submitted_at: daysAgo(20 - i),
    answers: {
      nps,
      ...(i < CSAT.length ? { csat: CSAT[i] } : {}),
      ...(i < CES.length ? { effort: CES[i] } : {}),
      comment: { text: 'free text is never stored' },
    },
  })),
  // a partial response: not read
  {
    token: 'partial',
    form: 'FormA',
    submitted_at: daysAgo(3),
    completed: false,
    answers: { nps: 0, csat: 1 },
  },
];

/** What the engine makes of the same answers. */
function engineSummary(
  kpi: string,
  scores: number[],
  extra: Record<string, unknown> = {},
) {
  const aggregator = aggregatorFor(kpi);
  let aggregate = aggregator.empty();
  scores.forEach((score, i) => {
    aggregate = aggregator.add(aggregate, {
      id: `x${i}`,
      kpi,
      entityRef: 'component:default/checkout',
      timestamp: daysAgo(5),
      score,
      ...extra,
    } as Observation);
  });
  return aggregator.summarise(aggregate);
}

describe.each(databases.eachSupportedId())(
  'typeform through a source run into the store on %p',
  databaseId => {
    let knex: Awaited<ReturnType<typeof databases.init>>;
    let fake: FakeTypeform;
    let api: ReturnType<typeof request>;
    let stop: () => Promise<void>;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      fake = await startFakeTypeform({ responses, token: TOKEN });
      const backend = await startTestBackend({
        features: [
          customerKpisPlugin,
          customerKpisModuleTypeform,
          catalogServiceMock.factory({ entities: [checkout] }),
          mockServices.database.factory({ knex }),
          mockServices.scheduler.factory(),
          mockServices.rootConfig.factory({
            data: {
              customerKpis: {
                credentials: {
                  'typeform-token': { secret: TOKEN, allowedUrls: [fake.url] },
                },
                sources: [
                  {
                    id: 'tf',
                    type: 'typeform',
                    schedule: {
                      frequency: { hours: 6 },
                      initialDelay: { hours: 1 },
                    },
                    config: {
                      baseUrl: fake.url,
                      credential: 'typeform-token',
                      pageSize: 5,
                      questions: [
                        { question: 'nps', kpi: 'recommend' },
                        { question: 'csat', kpi: 'satisfaction' },
                        {
                          question: 'effort',
                          kpi: 'customer-effort',
                          scale: 7,
                        },
                      ],
                    },
                  },
                ],
              },
            },
          }),
        ],
      });
      api = request(backend.server);
      stop = () => backend.stop();
    });

    afterAll(async () => {
      await stop();
      await fake.close();
      await knex.destroy();
    });

    async function runOnce(expectedRuns: number) {
      expect(
        (await api.post(`${BASE}/sources/tf/run`).set('Authorization', ADMIN))
          .status,
      ).toBe(202);
      for (let i = 0; i < 100; i++) {
        const runs = (
          await api.get(`${BASE}/sources/tf/runs`).set('Authorization', ADMIN)
        ).body.items;
        const done = runs.filter(
          (r: { status: string }) => r.status !== 'running',
        );
        if (done.length >= expectedRuns) return done[0];
        await new Promise(r => setTimeout(r, 100));
      }
      throw new Error('the run did not finish');
    }

    it('stores exactly the NPS, CSAT and CES the engine computes from the same answers; a second run stores nothing new', async () => {
      const first = await runOnce(1);
      expect(first).toMatchObject({
        status: 'succeeded',
        inserted: NPS.length + CSAT.length + CES.length,
        error: null,
      });
      const res = await api
        .get(`${BASE}/entities/component/default/checkout/kpis`)
        .set('Authorization', ADMIN);
      expect(res.status).toBe(200);
      const summary = (kpi: string) =>
        res.body.kpis.find((k: { kpi: string }) => k.kpi === kpi).summary;
      expect(summary('recommend')).toEqual(engineSummary('recommend', NPS));
      expect(summary('satisfaction')).toEqual(
        engineSummary('satisfaction', CSAT),
      );
      expect(summary('customer-effort')).toEqual(
        engineSummary('customer-effort', CES, { scale: 7 }),
      );
      expect(summary('recommend').n).toBe(12);

      const second = await runOnce(2);
      expect(second).toMatchObject({
        status: 'succeeded',
        inserted: 0,
        replaced: 0,
      });
      const rows = await knex('customer_kpis_observations').where({
        source: 'tf',
      });
      expect(rows).toHaveLength(NPS.length + CSAT.length + CES.length);
      expect(JSON.stringify(rows)).not.toContain('free text');
    });
  },
);
