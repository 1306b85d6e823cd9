// A source run through the real customer-kpis backend into its store (SQLite, and PostgreSQL when configured): the
// NPS, CSAT and CES it serves are exactly those the common engine computes from the fake Qualtrics' answers, and a
// second run (which exports the re-read window again) stores nothing new.
// The backend's test kit runs the module in the real plugin (test code only, never shipped).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  SourceTestBackend,
  sourceTestDatabaseIds,
  startSourceTestBackend,
} from '@customer-kpis/backstage-plugin-customer-kpis-backend/testUtils';
import {
  Observation,
  kpiAggregators,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { testEntity } from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import {
  FakeQualtrics,
  FakeResponse,
  startFakeQualtrics,
} from './__testUtils__/fakeQualtrics';
import customerKpisModuleQualtrics from './index';

jest.setTimeout(120_000);

const TOKEN = 'qualtrics-api-token-0123456789abcdef';
const SURVEYS: Record<string, string> = {
  SV_checkout: 'component:default/checkout',
  SV_search: 'component:default/search',
};

/** 60 responses over the last 30 days: NPS on QID1, CSAT (labelled choices) on QID2, CES 1–7 on QID3, some gaps. */
function seedResponses(now: number): FakeResponse[] {
  return Array.from({ length: 60 }, (_, i) => {
    const answers: FakeResponse['answers'] = {};
    if (i % 7 !== 3) answers.QID1 = (i * 7) % 11;
    if (i % 3 !== 0) {
      const value = ((i * 3) % 5) + 1;
      answers.QID2 = { value, label: `Choice ${value}` };
    }
    if (i % 4 !== 1) answers.QID3 = ((i * 3) % 7) + 1;
    if (i % 10 === 0) answers.QID4 = 'free text, never stored';
    return {
      responseId: `R_${String(i).padStart(3, '0')}`,
      survey: i % 4 === 0 ? 'SV_search' : 'SV_checkout',
      recordedDate: new Date(now - (i + 1) * 11 * 3_600_000).toISOString(),
      finished: i % 13 !== 5,
      answers,
    };
  });
}

const KPI = {
  QID1: 'recommend',
  QID2: 'satisfaction',
  QID3: 'customer-effort',
} as const;

/** The observations the fake's answers stand for, written out here from the documented mapping. */
function expectedObservations(responses: FakeResponse[]): Observation[] {
  return responses
    .filter(r => r.finished !== false)
    .flatMap(r =>
      (Object.keys(KPI) as Array<keyof typeof KPI>).flatMap(question => {
        const answer = r.answers[question];
        if (answer === undefined || typeof answer === 'string') return [];
        const score = typeof answer === 'number' ? answer : answer.value;
        return [
          {
            id: `survey/${r.survey}/${r.responseId}/${question}/${
              SURVEYS[r.survey]
            }`,
            kpi: KPI[question],
            entityRef: SURVEYS[r.survey],
            timestamp: new Date(
              Date.parse(r.recordedDate) - 60_000,
            ).toISOString(),
            score,
            ...(question === 'QID3' ? { scale: 7 as const } : {}),
          } as Observation,
        ];
      }),
    );
}

function engineSummary(
  observations: Observation[],
  entityRef: string,
  kpi: string,
) {
  const aggregator = (kpiAggregators as any)[kpi];
  return aggregator.summarise(
    observations
      .filter(o => o.entityRef === entityRef && o.kpi === kpi)
      .reduce(
        (a: unknown, o: Observation) => aggregator.add(a, o),
        aggregator.empty(),
      ),
  );
}

const entities = Object.entries(SURVEYS).map(([survey, ref]) =>
  testEntity(ref.split('/')[1], { 'qualtrics.com/survey-id': survey }),
);

describe.each(sourceTestDatabaseIds())(
  'a qualtrics source run into the store on %p',
  databaseId => {
    let fake: FakeQualtrics | undefined;
    let backend: SourceTestBackend | undefined;
    afterEach(async () => {
      await backend?.stop();
      await fake?.close();
    });

    it('serves the engine figures of the fake answers, and a second run stores nothing new', async () => {
      const responses = seedResponses(Date.now() - 3_600_000);
      fake = await startFakeQualtrics({
        responses,
        token: TOKEN,
        pollsToComplete: 3,
      });
      backend = await startSourceTestBackend({
        databaseId,
        features: [customerKpisModuleQualtrics],
        entities,
        credentials: {
          'qualtrics-token': { secret: TOKEN, allowedUrls: [fake.url] },
        },
        sources: [
          {
            id: 'qualtrics-test',
            type: 'qualtrics',
            config: {
              baseUrl: fake.url,
              credential: 'qualtrics-token',
              questions: [
                { question: 'QID1', kpi: 'recommend' },
                { question: 'QID2', kpi: 'satisfaction' },
                { question: 'QID3', kpi: 'customer-effort', scale: 7 },
              ],
              reconcileDays: 14,
              pollIntervalMs: 5,
              minRetryDelayMs: 10,
            },
          },
        ],
      });

      const expected = expectedObservations(responses);
      expect(await backend.runSource('qualtrics-test')).toMatchObject({
        status: 'succeeded',
        error: null,
        inserted: expected.length,
        replaced: 0,
      });

      for (const entityRef of Object.values(SURVEYS)) {
        const served = await backend.summaries(entityRef);
        for (const kpi of Object.values(KPI)) {
          const engine = engineSummary(expected, entityRef, kpi);
          // the seed gives figures worth checking: several answers, not all in one bucket
          expect(engine.n).toBeGreaterThan(5);
          expect({ entityRef, kpi, summary: served[kpi] }).toEqual({
            entityRef,
            kpi,
            summary: expect.objectContaining({
              value: engine.value,
              n: engine.n,
              secondary: engine.secondary,
            }),
          });
        }
      }

      const second = await backend.runSource('qualtrics-test');
      expect(await backend.runs('qualtrics-test')).toHaveLength(2);
      // the re-read window again, unchanged; nothing inserted, replaced or retracted
      expect(second).toMatchObject({
        status: 'succeeded',
        inserted: 0,
        replaced: 0,
        retracted: 0,
      });
      expect(second.unchanged).toBeGreaterThan(0);
    });
  },
);
