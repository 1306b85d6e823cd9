// A fake SurveyMonkey with a known set of answers, pulled through a real source run into the real store (SQLite and
// PostgreSQL): the entity's NPS, CSAT and CES are exactly what the common engine computes from the same answers, a
// second run stores nothing new, and signed webhook deliveries add, repeat (counted once) and delete responses.
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
import { hmacSignature } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { testEntity } from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import {
  FakeSmResponse,
  FakeSurveyMonkey,
  QUESTION,
  startFakeSurveyMonkey,
} from './__testUtils__/fakeSurveyMonkey';
import customerKpisModuleSurveyMonkey from './index';

jest.setTimeout(120_000);

const TOKEN = 'sm_through-store-token-123';
const CLIENT_ID = 'through-store-client';
const CLIENT_SECRET = 'through-store-client-secret-456';
const SURVEY = '405000777';
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
const ago = (days: number) =>
  new Date(Date.now() - days * 86_400_000)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z');
const responses: FakeSmResponse[] = [
  ...NPS.map((nps, i) => ({
    id: String(8000 + i),
    survey: SURVEY,
    modified: ago(20 - i),
    answers: {
      nps,
      ...(i < CSAT.length ? { csat: CSAT[i] } : {}),
      effort: i < CES.length ? CES[i] : ('na' as const),
      comment: 'free text is never stored',
    },
  })),
  // a partial response: not read
  {
    id: '8100',
    survey: SURVEY,
    modified: ago(3),
    status: 'partial',
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
      timestamp: ago(5),
      score,
      ...extra,
    } as Observation);
  });
  return aggregator.summarise(aggregate);
}

describe.each(sourceTestDatabaseIds())(
  'surveymonkey through a source run and webhooks into the store on %p',
  databaseId => {
    let fake: FakeSurveyMonkey;
    let backend: SourceTestBackend;

    // One backend for both tests: the deliveries change what the first test's runs stored.
    beforeAll(async () => {
      fake = await startFakeSurveyMonkey({
        responses: structuredClone(responses),
        token: TOKEN,
      });
      backend = await startSourceTestBackend({
        databaseId,
        features: [customerKpisModuleSurveyMonkey, storeReader],
        entities: [
          testEntity('checkout', { 'surveymonkey.com/survey-id': SURVEY }),
        ],
        credentials: {
          'sm-token': { secret: TOKEN, allowedUrls: [fake.url] },
          'sm-client-secret': {
            secret: CLIENT_SECRET,
            allowedUrls: [
              'https://backstage.example/api/customer-kpis/webhooks/sm',
            ],
          },
        },
        sources: [
          {
            id: 'sm',
            type: 'surveymonkey',
            config: {
              baseUrl: fake.url,
              credential: 'sm-token',
              perPage: 5,
              webhookClientId: CLIENT_ID,
              webhookCredential: 'sm-client-secret',
              questions: [
                { question: QUESTION.nps, kpi: 'recommend' },
                { question: QUESTION.csat, kpi: 'satisfaction' },
                { question: QUESTION.effort, kpi: 'customer-effort', scale: 7 },
              ],
            },
          },
        ],
      });
    });

    afterAll(async () => {
      await backend?.stop();
      await fake?.close();
    });

    const summaries = () => backend.summaries(CHECKOUT);

    const deliver = async (
      event: string,
      responseId: string,
      signWith = `${CLIENT_ID}&${CLIENT_SECRET}`,
    ) => {
      const body = JSON.stringify({
        name: 'kpis',
        filter_type: 'survey',
        filter_id: SURVEY,
        event_type: event,
        event_id: `evt-${event}-${responseId}`,
        object_type: 'response',
        object_id: responseId,
        event_datetime: new Date().toISOString().replace('Z', '+00:00'),
        resources: {
          respondent_id: responseId,
          collector_id: '400000001',
          survey_id: SURVEY,
        },
      });
      const res = await fetch(`${backend.baseUrl}/webhooks/sm`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'sm-apikey': CLIENT_ID,
          'sm-signature': hmacSignature(signWith, body, {
            algorithm: 'sha1',
            encoding: 'base64',
          }),
        },
        body,
      });
      return { status: res.status, body: await res.json() };
    };
    const rows = () =>
      store!('customer_kpis_observations').where({ source: 'sm' });

    it('stores exactly the NPS, CSAT and CES the engine computes from the same answers; a second run stores nothing new', async () => {
      expect(await backend.runSource('sm')).toMatchObject({
        status: 'succeeded',
        inserted: NPS.length + CSAT.length + CES.length,
        replaced: 0,
        error: null,
      });
      const summary = await summaries();
      expect(summary.recommend).toEqual(engineSummary('recommend', NPS));
      expect(summary.satisfaction).toEqual(engineSummary('satisfaction', CSAT));
      expect(summary['customer-effort']).toEqual(
        engineSummary('customer-effort', CES, { scale: 7 }),
      );
      expect(summary.recommend.n).toBe(12);

      expect(await backend.runSource('sm')).toMatchObject({
        status: 'succeeded',
        inserted: 0,
        replaced: 0,
        retracted: 0,
      });
      expect(await rows()).toHaveLength(NPS.length + CSAT.length + CES.length);
      expect(JSON.stringify(await rows())).not.toContain('free text');
    });

    it('a signed delivery adds its response (fetched from SurveyMonkey) once; a wrongly signed one stores nothing; a deleted response is retracted', async () => {
      const before = (await rows()).length;
      fake.options.responses.push({
        id: '8200',
        survey: SURVEY,
        modified: ago(0.01),
        answers: { nps: 10, csat: 5 },
      });

      const forged = await deliver(
        'response_completed',
        '8200',
        `${CLIENT_ID}&not-the-secret`,
      );
      expect(forged.status).toBe(401);
      expect((await rows()).length).toBe(before);

      const accepted = await deliver('response_completed', '8200');
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ inserted: 2, replaced: 0 });
      const again = await deliver('response_completed', '8200');
      // The same delivery again: nothing inserted or replaced (its unanswered CES question retracts a stored nothing).
      expect(again.body).toMatchObject({
        inserted: 0,
        replaced: 0,
        retracted: 0,
      });
      expect((await rows()).length).toBe(before + 2);
      let summary = await summaries();
      expect(summary.recommend).toEqual(
        engineSummary('recommend', [...NPS, 10]),
      );
      expect(summary.satisfaction).toEqual(
        engineSummary('satisfaction', [...CSAT, 5]),
      );

      // Response 8000 (NPS 10, CSAT 5, CES 7) is deleted in SurveyMonkey.
      fake.options.responses = fake.options.responses.filter(
        r => r.id !== '8000',
      );
      const deleted = await deliver('response_deleted', '8000');
      expect(deleted.status).toBe(200);
      expect(deleted.body).toMatchObject({ inserted: 0, retracted: 3 });
      summary = await summaries();
      expect(summary.recommend).toEqual(
        engineSummary('recommend', [...NPS.slice(1), 10]),
      );
      expect(summary.satisfaction).toEqual(
        engineSummary('satisfaction', [...CSAT.slice(1), 5]),
      );
      expect(summary['customer-effort']).toEqual(
        engineSummary('customer-effort', CES.slice(1), { scale: 7 }),
      );
      expect((await rows()).length).toBe(before + 2 - 3);

      // A later pull reads the webhook's response again and stores nothing new.
      expect(await backend.runSource('sm')).toMatchObject({
        status: 'succeeded',
        inserted: 0,
        replaced: 0,
      });
    });
  },
);
