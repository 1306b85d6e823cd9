import { Observation } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { SourcePage } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import {
  PullPagesOptions,
  observationsOf,
  pullPages,
  retractionsOf,
  sendEcho,
  sendJson,
  testEntity,
} from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import {
  FakeQualtrics,
  FakeResponse,
  startFakeQualtrics,
} from './__testUtils__/fakeQualtrics';
import { qualtricsConfigSchema } from './config';
import { qualtricsSourceType } from './qualtricsSourceType';

const TOKEN = 'qualtrics-api-token-0123456789abcdef';
const NOW = new Date('2026-11-23T10:00:00Z');

const entities = [
  testEntity('checkout', { 'qualtrics.com/survey-id': 'SV_checkout' }),
  testEntity('search', { 'qualtrics.com/survey-id': 'SV_search' }),
  testEntity('unbound'),
];

const QUESTIONS = [
  { question: 'QID1', kpi: 'recommend' },
  { question: 'QID2', kpi: 'satisfaction' },
  { question: 'QID3', kpi: 'customer-effort', scale: 7 },
  {
    question: 'QID5_1',
    kpi: 'satisfaction',
    survey: 'SV_search',
    // a matrix row whose recode values run the other way: mapped by label
    scores: { 'Very satisfied': 5, Satisfied: 4, Dissatisfied: 2 },
  },
];

const at = (day: number, hour = 9, second = 0) =>
  `2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(
    2,
    '0',
  )}:00:${String(second).padStart(2, '0')}Z`;
const csat = (value: number) => ({
  value,
  label: [
    '',
    'Very dissatisfied',
    'Dissatisfied',
    'Neutral',
    'Satisfied',
    'Very satisfied',
  ][value],
});

const responses: FakeResponse[] = [
  {
    responseId: 'R_c1',
    survey: 'SV_checkout',
    recordedDate: at(2),
    answers: { QID1: 10, QID2: csat(5), QID3: 6, QID4: 'call me at 555-0100' },
  },
  {
    responseId: 'R_c2',
    survey: 'SV_checkout',
    recordedDate: at(3),
    answers: { QID1: 6, QID3: 3 },
  },
  {
    responseId: 'R_c3',
    survey: 'SV_checkout',
    recordedDate: at(4),
    finished: false,
    answers: { QID1: 0 },
  },
  {
    responseId: 'R_c4',
    survey: 'SV_checkout',
    recordedDate: at(20),
    answers: { QID1: 9, QID2: csat(4) },
  },
  {
    responseId: 'R_s1',
    survey: 'SV_search',
    recordedDate: at(3),
    answers: { QID1: 3, QID5_1: { value: 1, label: 'Very satisfied' } },
  },
  {
    responseId: 'R_s2',
    survey: 'SV_search',
    recordedDate: at(21),
    answers: { QID5_1: { value: 4, label: 'Dissatisfied' } },
  },
  {
    // recorded a year and a half ago: before the first run's look-back
    responseId: 'R_old',
    survey: 'SV_checkout',
    recordedDate: '2025-05-01T00:00:00Z',
    answers: { QID1: 10 },
  },
];

const KPI: Record<string, string> = {
  QID1: 'recommend',
  QID2: 'satisfaction',
  QID3: 'customer-effort',
  QID5_1: 'satisfaction',
};
const obs = (
  survey: string,
  response: string,
  question: string,
  name: string,
  score: number,
  recordedDate: string,
): Observation =>
  ({
    id: `survey/${survey}/${response}/${question}/component:default/${name}`,
    kpi: KPI[question],
    entityRef: `component:default/${name}`,
    // the respondent's endDate: a minute before Qualtrics recorded it
    timestamp: new Date(Date.parse(recordedDate) - 60_000).toISOString(),
    score,
    ...(question === 'QID3' ? { scale: 7 } : {}),
  } as Observation);

const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
const EXPECTED: Observation[] = [
  obs('SV_checkout', 'R_c1', 'QID1', 'checkout', 10, at(2)),
  obs('SV_checkout', 'R_c1', 'QID2', 'checkout', 5, at(2)),
  obs('SV_checkout', 'R_c1', 'QID3', 'checkout', 6, at(2)),
  obs('SV_checkout', 'R_c2', 'QID1', 'checkout', 6, at(3)),
  obs('SV_checkout', 'R_c2', 'QID3', 'checkout', 3, at(3)),
  obs('SV_checkout', 'R_c4', 'QID1', 'checkout', 9, at(20)),
  obs('SV_checkout', 'R_c4', 'QID2', 'checkout', 4, at(20)),
  obs('SV_search', 'R_s1', 'QID1', 'search', 3, at(3)),
  obs('SV_search', 'R_s1', 'QID5_1', 'search', 5, at(3)),
  obs('SV_search', 'R_s2', 'QID5_1', 'search', 2, at(21)),
].sort(byId);

const retracted = (pages: SourcePage[]) => retractionsOf(pages).sort();
const lastCursor = (pages: SourcePage[]) => pages[pages.length - 1].cursor;

/** A pull of the fake as the backend runs it: this file's config, token, catalog and clock unless `options` say otherwise. */
const pull = (
  server: FakeQualtrics,
  options: Omit<Partial<PullPagesOptions>, 'config'> & {
    config?: Record<string, unknown>;
  } = {},
) =>
  pullPages(qualtricsSourceType, {
    entities,
    credentials: {
      'qualtrics-token': { secret: TOKEN, allowedUrls: [server.url] },
    },
    now: NOW,
    ...options,
    config: {
      baseUrl: server.url,
      credential: 'qualtrics-token',
      questions: QUESTIONS,
      pollIntervalMs: 5,
      retries: 2,
      minRetryDelayMs: 10,
      ...options.config,
    },
  });

describe('qualtricsSourceType pull', () => {
  let server: FakeQualtrics | undefined;
  const start = async (
    more: Partial<Parameters<typeof startFakeQualtrics>[0]> = {},
  ) => {
    server = await startFakeQualtrics({
      responses: structuredClone(responses),
      token: TOKEN,
      ...more,
    });
    return server;
  };
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('exports each survey (start, several progress polls, zip download) and maps answers by question id', async () => {
    const fake = await start({ pollsToComplete: 3 });
    const pages = await pull(fake);

    expect(observationsOf(pages)).toEqual(EXPECTED);
    expect(retracted(pages)).toEqual([]);
    // free text, metadata and NPS groups never reach an observation
    expect(JSON.stringify(pages)).not.toContain('555-0100');
    expect(fake.calls()).toEqual([
      'POST SV_checkout/export-responses',
      'GET SV_checkout/export-responses/ES_000000000000001',
      'GET SV_checkout/export-responses/ES_000000000000001',
      'GET SV_checkout/export-responses/ES_000000000000001',
      'GET SV_checkout/export-responses/000000000000001-def/file',
      'POST SV_search/export-responses',
      'GET SV_search/export-responses/ES_000000000000002',
      'GET SV_search/export-responses/ES_000000000000002',
      'GET SV_search/export-responses/ES_000000000000002',
      'GET SV_search/export-responses/000000000000002-def/file',
    ]);
    expect(fake.exportBodies).toEqual([
      {
        format: 'json',
        compress: true,
        startDate: '2025-11-23T10:00:00Z',
        endDate: '2026-11-23T10:00:00Z',
        questionIds: ['QID1', 'QID2', 'QID3'],
        embeddedDataIds: [],
        surveyMetadataIds: [
          'startDate',
          'endDate',
          'recordedDate',
          'finished',
          'progress',
        ],
      },
      expect.objectContaining({
        questionIds: ['QID1', 'QID2', 'QID3', 'QID5'],
      }),
    ]);
    expect(fake.requests.every(r => r.headers['x-api-token'] === TOKEN)).toBe(
      true,
    );
    expect(lastCursor(pages)).toEqual({
      version: 1,
      surveys: {
        SV_checkout: {
          since: at(20),
          recent: [['R_c4', new Date(at(20)).toISOString()]],
        },
        SV_search: {
          since: at(21),
          recent: [['R_s2', new Date(at(21)).toISOString()]],
        },
      },
    });
  });

  it('reads partial responses only when told to', async () => {
    const fake = await start();
    const pages = await pull(fake, {
      config: { includePartialResponses: true },
    });
    expect(observationsOf(pages).map(o => o.id)).toContain(
      'survey/SV_checkout/R_c3/QID1/component:default/checkout',
    );
    expect(observationsOf(pages)).toHaveLength(EXPECTED.length + 1);
  });

  it('a second run re-reads the window: the same ids and scores, and retracts nothing it stored', async () => {
    const fake = await start({ pollsToComplete: 1 });
    const first = await pull(fake);
    const second = await pull(fake, {
      cursor: lastCursor(first),
      now: new Date('2026-11-23T11:00:00Z'),
    });
    expect(fake.exportBodies[2].startDate).toBe('2026-11-09T11:00:00Z');
    expect(observationsOf(second)).toEqual(
      EXPECTED.filter(
        o =>
          Date.parse((o as { timestamp: string }).timestamp) >=
          Date.parse(at(9)),
      ),
    );
    // what it retracts are the answers that re-read responses never gave (no-ops in the store)
    const stored = new Set(observationsOf(first).map(o => o.id));
    expect(retracted(second).filter(id => stored.has(id))).toEqual([]);
    expect(retracted(second)).toEqual([
      'survey/SV_checkout/R_c4/QID3/component:default/checkout',
      'survey/SV_search/R_s2/QID1/component:default/search',
      'survey/SV_search/R_s2/QID2/component:default/search',
      'survey/SV_search/R_s2/QID3/component:default/search',
    ]);
  });

  it('without a re-read window, the next run starts at the newest recorded second', async () => {
    const fake = await start({ pollsToComplete: 1 });
    const first = await pull(fake, { config: { reconcileDays: 0 } });
    expect(lastCursor(first)).toMatchObject({
      surveys: { SV_checkout: { since: at(20), recent: [] } },
    });
    fake.options.responses.push({
      responseId: 'R_c5',
      survey: 'SV_checkout',
      recordedDate: at(22),
      answers: { QID1: 8 },
    });
    const second = await pull(fake, {
      cursor: lastCursor(first),
      config: { reconcileDays: 0 },
    });
    expect(fake.exportBodies[2].startDate).toBe(at(20));
    // R_c4 (recorded in that very second) comes again, which its ids make a no-op in the store
    expect(observationsOf(second).map(o => o.id)).toEqual([
      'survey/SV_checkout/R_c4/QID1/component:default/checkout',
      'survey/SV_checkout/R_c4/QID2/component:default/checkout',
      'survey/SV_checkout/R_c5/QID1/component:default/checkout',
      'survey/SV_search/R_s2/QID5_1/component:default/search',
    ]);
  });

  it('an edited response replaces its answers; an answer cleared by the edit and a deleted response are retracted', async () => {
    const fake = await start({ pollsToComplete: 1 });
    const first = await pull(fake);
    const edited = fake.options.responses.find(r => r.responseId === 'R_c4')!;
    edited.answers = { QID1: 2 }; // NPS 9 → 2, CSAT cleared
    fake.options.responses = fake.options.responses.filter(
      r => r.responseId !== 'R_s2',
    );
    const second = await pull(fake, { cursor: lastCursor(first) });
    expect(observationsOf(second)).toEqual([
      obs('SV_checkout', 'R_c4', 'QID1', 'checkout', 2, at(20)),
    ]);
    expect(retracted(second)).toEqual([
      'survey/SV_checkout/R_c4/QID2/component:default/checkout',
      'survey/SV_checkout/R_c4/QID3/component:default/checkout',
      'survey/SV_search/R_s2/QID1/component:default/search',
      'survey/SV_search/R_s2/QID2/component:default/search',
      'survey/SV_search/R_s2/QID3/component:default/search',
      'survey/SV_search/R_s2/QID5_1/component:default/search',
    ]);
    expect(lastCursor(second)).toMatchObject({
      surveys: { SV_search: { since: at(21), recent: [] } },
    });
  });

  it('binds one survey to many products by an embedded data field', async () => {
    const fake = await start({
      pollsToComplete: 1,
      responses: [
        {
          responseId: 'R_1',
          survey: 'SV_shared',
          recordedDate: at(15),
          answers: { QID1: 9 },
          embedded: { product: 'checkout', email: 'ann@example.com' },
        },
        {
          responseId: 'R_2',
          survey: 'SV_shared',
          recordedDate: at(16),
          answers: { QID1: 4 },
          embedded: { product: 'cart' },
        },
        {
          responseId: 'R_3',
          survey: 'SV_shared',
          recordedDate: at(17),
          answers: { QID1: 7 },
        },
      ],
    });
    const pages = await pull(fake, {
      config: { hiddenField: 'product', surveys: ['SV_shared'] },
      entities: [
        testEntity('checkout', { 'customer-kpis.io/survey-key': 'checkout' }),
        testEntity('search', { 'qualtrics.com/survey-id': 'SV_search' }),
      ],
    });
    expect(observationsOf(pages)).toEqual([
      obs('SV_shared', 'R_1', 'QID1', 'checkout', 9, at(15)),
    ]);
    expect(fake.exportBodies).toHaveLength(1);
    expect(fake.exportBodies[0].embeddedDataIds).toEqual(['product']);
    expect(JSON.stringify(pages)).not.toContain('ann@example.com');
    expect(lastCursor(pages)).toMatchObject({
      surveys: {
        SV_shared: {
          recent: [
            ['R_1', new Date(at(15)).toISOString(), 'checkout'],
            ['R_2', new Date(at(16)).toISOString(), 'cart'],
            ['R_3', new Date(at(17)).toISOString()],
          ],
        },
      },
    });
  });

  it('waits as long as Retry-After asks on a 429, then goes on', async () => {
    const fake = await start({
      pollsToComplete: 1,
      intercept: (_req, res, index) => {
        if (index !== 0) return false;
        sendJson(
          res,
          429,
          { meta: { httpStatus: '429 - Too Many Requests' } },
          { 'retry-after': '1' },
        );
        return true;
      },
    });
    const pages = await pull(fake);
    expect(observationsOf(pages)).toEqual(EXPECTED);
    expect(fake.requests[1].at - fake.requests[0].at).toBeGreaterThanOrEqual(
      950,
    );
  });

  it('retries a 5xx while polling and while downloading', async () => {
    const fake = await start({
      pollsToComplete: 2,
      intercept: (_req, res, index) => {
        if (index !== 1 && index !== 4) return false;
        sendJson(res, index === 1 ? 503 : 500, {
          meta: { httpStatus: '500 - Internal Server Error' },
        });
        return true;
      },
    });
    const pages = await pull(fake);
    expect(observationsOf(pages)).toEqual(EXPECTED);
    expect(fake.calls().slice(0, 6)).toEqual([
      'POST SV_checkout/export-responses',
      'GET SV_checkout/export-responses/ES_000000000000001',
      'GET SV_checkout/export-responses/ES_000000000000001',
      'GET SV_checkout/export-responses/ES_000000000000001',
      'GET SV_checkout/export-responses/000000000000001-def/file',
      'GET SV_checkout/export-responses/000000000000001-def/file',
    ]);
  });

  it('fails on an export progress in an unexpected shape, naming the survey and the field', async () => {
    const fake = await start({
      intercept: (_req, res) => {
        sendJson(res, 200, {
          result: { percentComplete: 0, status: 'queued' },
        });
        return true;
      },
    });
    await expect(pull(fake)).rejects.toThrow(
      /^Qualtrics answered \/API\/v3\/surveys\/SV_checkout\/export-responses in an unexpected shape: result\.status: /,
    );
  });

  it('fails at once on a 401, naming the status and never the token', async () => {
    const fake = await start();
    const error = await pull(fake, {
      credentials: {
        'qualtrics-token': {
          secret: 'wrong-token-987',
          allowedUrls: [fake.url],
        },
      },
    }).catch(e => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /Qualtrics source: survey SV_checkout: POST .* failed with HTTP 401.*Invalid API token/,
    );
    expect((error as Error).message).not.toContain('wrong-token-987');
    expect(fake.requests).toHaveLength(1);
  });

  it('never lets the token out through an upstream that echoes the request', async () => {
    const fake = await start({
      intercept: (req, res) => {
        sendEcho(req, res, 400);
        return true;
      },
    });
    const error = (await pull(fake).catch(e => e)) as Error;
    expect(error.message).toContain('HTTP 400');
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).not.toContain(encodeURIComponent(TOKEN));
  });

  it('a failed export fails the run, naming the survey; the surveys before it keep their page, and the next run resumes', async () => {
    const fake = await start({
      pollsToComplete: 2,
      failingSurveys: ['SV_search'],
    });
    const stored: SourcePage[] = [];
    const error = (await pull(fake, {
      stored,
      config: { reconcileDays: 0 },
    }).catch(e => e)) as Error;
    expect(error.message).toBe(
      'Qualtrics export ES_000000000000002 of survey SV_search failed (requestId poll-2); the next run starts it again',
    );
    expect(observationsOf(stored)).toEqual(
      EXPECTED.filter(o => o.id.includes('SV_checkout')),
    );

    fake.options.failingSurveys = [];
    const resumed = await pull(fake, {
      cursor: lastCursor(stored),
      config: { reconcileDays: 0 },
    });
    // checkout starts at its newest second (a re-read that the store ignores); search is read in full
    expect(fake.exportBodies.map(b => b.startDate)).toEqual([
      '2025-11-23T10:00:00Z',
      '2025-11-23T10:00:00Z',
      at(20),
      '2025-11-23T10:00:00Z',
    ]);
    const union = new Map(
      [...observationsOf(stored), ...observationsOf(resumed)].map(o => [
        o.id,
        o,
      ]),
    );
    expect([...union.values()].sort(byId)).toEqual(EXPECTED);
  });

  it('stores a large export in several pages, each with a cursor at its own newest response', async () => {
    const many: FakeResponse[] = Array.from({ length: 2500 }, (_, i) => ({
      responseId: `R_${String(i).padStart(5, '0')}`,
      survey: 'SV_checkout',
      recordedDate: new Date(
        Date.parse('2026-11-01T00:00:00Z') + i * 60_000,
      ).toISOString(),
      answers: { QID1: i % 11 },
    }));
    const fake = await start({ pollsToComplete: 1, responses: many });
    const pages = await pull(fake, {
      entities: [entities[0]],
      config: { reconcileDays: 0 },
    });
    expect(pages.map(p => p.observations.length)).toEqual([2000, 500]);
    expect(pages.map(p => (p.cursor as any).surveys.SV_checkout.since)).toEqual(
      [
        many[1999].recordedDate.replace('.000Z', 'Z'),
        many[2499].recordedDate.replace('.000Z', 'Z'),
      ],
    );
  });

  it('refuses to send the token where its credential is not allowed, before any request', async () => {
    const fake = await start();
    await expect(
      pull(fake, {
        credentials: {
          'qualtrics-token': {
            secret: TOKEN,
            allowedUrls: ['https://fra1.qualtrics.com'],
          },
        },
      }),
    ).rejects.toThrow(/^Qualtrics source: .*qualtrics-token/);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('qualtrics config', () => {
  const issues = (value: Record<string, unknown>) => {
    const result = qualtricsConfigSchema.safeParse({
      baseUrl: 'https://fra1.qualtrics.com',
      credential: 'qualtrics-token',
      questions: [{ question: 'QID1', kpi: 'recommend' }],
      ...value,
    });
    return result.success
      ? []
      : result.error.issues.map(i => `${i.path.join('.')}: ${i.message}`);
  };

  it('names the field of each mistake', () => {
    expect(issues({ hiddenField: 'product' })).toEqual([
      'surveys: surveys must list the survey ids when hiddenField binds responses (entities then name a survey key, not a survey)',
    ]);
    expect(issues({ surveys: ['12345'] })).toEqual([
      'surveys.0: a survey id is like "SV_0d2n60qVHB9jSLz"',
    ]);
    expect(
      issues({
        questions: [
          { question: 'QID1', kpi: 'customer-effort' },
          { question: 'QID2', kpi: 'recommend', survey: 'checkout' },
        ],
      }),
    ).toEqual([
      'questions.0.scale: scale is required for customer-effort: 5 or 7',
      'questions.1.survey: questions[1].survey must be a survey id like "SV_0d2n60qVHB9jSLz"',
    ]);
    expect(issues({ baseUrl: 'fra1' })[0]).toMatch(/^baseUrl: /);
    expect(issues({})).toEqual([]);
  });

  it('sends the token only under the data centre API', () => {
    const config = qualtricsConfigSchema.parse({
      baseUrl: 'https://fra1.qualtrics.com/',
      credential: 'qualtrics-token',
      questions: [{ question: 'QID1', kpi: 'recommend' }],
    });
    expect(qualtricsSourceType.credentialTargets!(config)).toEqual([
      {
        credential: 'qualtrics-token',
        credentialField: 'credential',
        urlField: 'baseUrl',
        url: 'https://fra1.qualtrics.com/API/v3/surveys/',
      },
    ]);
  });
});
