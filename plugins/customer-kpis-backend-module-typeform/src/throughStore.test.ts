// A fake Typeform with a known set of answers, pulled through a real source run into the real store (SQLite and
// PostgreSQL): the entity's NPS, CSAT and CES are exactly what the common engine computes from the same answers, and
// a second run stores nothing new.
import {
  DatabaseService,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
// The backend's test kit runs the module in the real plugin (test code only).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  SourceTestBackend,
  sourceTestDatabaseIds,
  startSourceTestBackend,
} from '@customer-kpis/backstage-plugin-customer-kpis-backend/testUtils';
import {
  Observation,
  aggregatorFor,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { testEntity } from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import {
  FakeResponse,
  FakeTypeform,
  startFakeTypeform,
} from './__testUtils__/fakeTypeform';
import customerKpisModuleTypeform from './index';

jest.setTimeout(120_000);

const TOKEN = 'tfp_through-store-token-123';
const CHECKOUT = 'component:default/checkout';

// The stored rows, read through the plugin's own database client: the test kit serves figures, not rows.
let store: Awaited<ReturnType<DatabaseService['getClient']>> | undefined;
const storeReader = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'test-store-reader',
  register(env) {
    env.registerInit({
      deps: { database: coreServices.database },
      async init({ database }) {
        store = await database.getClient();
      },
    });
  },
});

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
      entityRef: CHECKOUT,
      timestamp: daysAgo(5),
      score,
      ...extra,
    } as Observation);
  });
  return aggregator.summarise(aggregate);
}

describe.each(sourceTestDatabaseIds())(
  'typeform through a source run into the store on %p',
  databaseId => {
    let fake: FakeTypeform | undefined;
    let backend: SourceTestBackend | undefined;
    afterEach(async () => {
      await backend?.stop();
      await fake?.close();
    });

    it('stores exactly the NPS, CSAT and CES the engine computes from the same answers; a second run stores nothing new', async () => {
      fake = await startFakeTypeform({ responses, token: TOKEN });
      backend = await startSourceTestBackend({
        databaseId,
        features: [customerKpisModuleTypeform, storeReader],
        entities: [testEntity('checkout', { 'typeform.com/form-id': 'FormA' })],
        credentials: {
          'typeform-token': { secret: TOKEN, allowedUrls: [fake.url] },
        },
        sources: [
          {
            id: 'tf',
            type: 'typeform',
            config: {
              baseUrl: fake.url,
              credential: 'typeform-token',
              pageSize: 5,
              questions: [
                { question: 'nps', kpi: 'recommend' },
                { question: 'csat', kpi: 'satisfaction' },
                { question: 'effort', kpi: 'customer-effort', scale: 7 },
              ],
            },
          },
        ],
      });

      expect(await backend.runSource('tf')).toMatchObject({
        status: 'succeeded',
        inserted: NPS.length + CSAT.length + CES.length,
        error: null,
      });
      const summary = await backend.summaries(CHECKOUT);
      expect(summary.recommend).toEqual(engineSummary('recommend', NPS));
      expect(summary.satisfaction).toEqual(engineSummary('satisfaction', CSAT));
      expect(summary['customer-effort']).toEqual(
        engineSummary('customer-effort', CES, { scale: 7 }),
      );
      expect(summary.recommend.n).toBe(12);

      expect(await backend.runSource('tf')).toMatchObject({
        status: 'succeeded',
        inserted: 0,
        replaced: 0,
      });
      const rows = await store!('customer_kpis_observations').where({
        source: 'tf',
      });
      expect(rows).toHaveLength(NPS.length + CSAT.length + CES.length);
      expect(JSON.stringify(rows)).not.toContain('free text');
    });
  },
);
