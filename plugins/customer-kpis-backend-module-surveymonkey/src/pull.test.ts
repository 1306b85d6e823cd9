import { mockServices } from '@backstage/backend-test-utils';
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
  FakeSmResponse,
  FakeSurveyMonkey,
  QUESTION,
  startFakeSurveyMonkey,
} from './__testUtils__/fakeSurveyMonkey';
import { surveyMonkeyConfigSchema } from './config';
import { surveyMonkeySourceType } from './surveyMonkeySourceType';

const TOKEN = 'sm_access-token-123456';
const NOW = new Date('2026-11-23T10:00:00Z');
const A = '405000001';
const B = '405000002';

const entities = [
  testEntity('checkout', { 'surveymonkey.com/survey-id': A }),
  testEntity('search', { 'surveymonkey.com/survey-id': B }),
  testEntity('unbound'),
];

const QUESTIONS = [
  { question: QUESTION.nps, kpi: 'recommend' },
  { question: QUESTION.csat, kpi: 'satisfaction' },
  { question: QUESTION.effort, kpi: 'customer-effort', scale: 7 },
];

const at = (day: number, hour = 9, second = 0) =>
  `2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(
    2,
    '0',
  )}:00:${String(second).padStart(2, '0')}Z`;

const responses: FakeSmResponse[] = [
  {
    id: '1001',
    survey: A,
    modified: at(2),
    answers: {
      nps: 10,
      csat: 5,
      effort: 6,
      comment: 'love it, call me at 555-0100',
    },
  },
  {
    id: '1002',
    survey: A,
    modified: at(3),
    answers: { nps: 0, effort: 'na', csatOther: 'my own words 555-0199' },
  },
  {
    id: '1003',
    survey: A,
    modified: at(4),
    status: 'partial',
    answers: { nps: 3 },
  },
  { id: '1004', survey: A, modified: at(5), answers: { nps: 9, csat: 2 } },
  { id: '1005', survey: A, modified: at(6), answers: { nps: 8 } },
  {
    id: '2001',
    survey: B,
    modified: at(3),
    answers: { nps: 7, csat: 4, effort: 1 },
  },
];

const KPI: Record<string, string> = {
  [QUESTION.nps]: 'recommend',
  [QUESTION.csat]: 'satisfaction',
  [QUESTION.effort]: 'customer-effort',
};
const obs = (
  survey: string,
  id: string,
  q: string,
  name: string,
  score: number,
  day: number,
): Observation =>
  ({
    id: `survey/${survey}/${id}/${q}/component:default/${name}`,
    kpi: KPI[q],
    entityRef: `component:default/${name}`,
    timestamp: new Date(at(day)).toISOString(),
    score,
    ...(q === QUESTION.effort ? { scale: 7 } : {}),
  } as Observation);

const EXPECTED: Observation[] = [
  obs(A, '1001', QUESTION.nps, 'checkout', 10, 2),
  obs(A, '1001', QUESTION.csat, 'checkout', 5, 2),
  obs(A, '1001', QUESTION.effort, 'checkout', 6, 2),
  obs(A, '1002', QUESTION.nps, 'checkout', 0, 3),
  obs(A, '1004', QUESTION.nps, 'checkout', 9, 5),
  obs(A, '1004', QUESTION.csat, 'checkout', 2, 5),
  obs(A, '1005', QUESTION.nps, 'checkout', 8, 6),
  obs(B, '2001', QUESTION.nps, 'search', 7, 3),
  obs(B, '2001', QUESTION.csat, 'search', 4, 3),
  obs(B, '2001', QUESTION.effort, 'search', 1, 3),
].sort((a, b) => a.id.localeCompare(b.id));

/** A pull of the fake as the backend runs it: this file's config, token, catalog and clock unless `options` say otherwise. */
const pull = (
  server: FakeSurveyMonkey,
  options: Omit<Partial<PullPagesOptions>, 'config'> & {
    config?: Record<string, unknown>;
  } = {},
) =>
  pullPages(surveyMonkeySourceType, {
    entities,
    credentials: { 'sm-token': { secret: TOKEN, allowedUrls: [server.url] } },
    now: NOW,
    ...options,
    config: {
      baseUrl: server.url,
      credential: 'sm-token',
      questions: QUESTIONS,
      perPage: 2,
      retries: 2,
      minRetryDelayMs: 10,
      ...options.config,
    },
  });

const query = (path: string) =>
  Object.fromEntries(new URL(path, 'http://x').searchParams);

describe('surveyMonkeySourceType pull', () => {
  let server: FakeSurveyMonkey | undefined;
  const start = async (
    more: Partial<Parameters<typeof startFakeSurveyMonkey>[0]> = {},
  ) => {
    server = await startFakeSurveyMonkey({
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

  it('scores choices from the survey details (NPS labels, CSAT and CES weights) by question id; skips N/A, partial and every text', async () => {
    const pages = await pull(await start());
    expect(observationsOf(pages)).toEqual(EXPECTED);
    const text = JSON.stringify(pages);
    expect(text).not.toContain('555-0100');
    expect(text).not.toContain('555-0199');
  });

  it('asks for completed responses by modification, oldest first, per_page at a time, with the bearer token, from initialLookbackDays ago', async () => {
    const fake = await start();
    await pull(fake);
    const since = new Date(NOW.getTime() - 365 * 86_400_000 - 1000)
      .toISOString()
      .slice(0, 19);
    const bulkA = fake
      .paths()
      .filter(p => p.startsWith(`/v3/surveys/${A}/responses/bulk`));
    expect(query(bulkA[0])).toEqual({
      per_page: '2',
      page: '1',
      status: 'completed',
      start_modified_at: since,
      sort_by: 'date_modified',
      sort_order: 'ASC',
    });
    // Keyset paging: each request starts a second before the newest modification read; a page without links.next ends it.
    expect(bulkA.map(p => query(p).start_modified_at)).toEqual([
      since,
      '2026-11-03T08:59:59',
      '2026-11-05T08:59:59',
    ]);
    // One details request per survey with responses.
    expect(fake.paths().filter(p => p.endsWith('/details'))).toEqual([
      `/v3/surveys/${A}/details`,
      `/v3/surveys/${B}/details`,
    ]);
    for (const request of fake.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    }
  });

  it('a second run from the stored cursor yields nothing already read', async () => {
    const fake = await start();
    const first = await pull(fake);
    const second = await pull(fake, { cursor: first[first.length - 1].cursor });
    expect(observationsOf(second)).toEqual([]);
  });

  it('an edited response replaces its answers and retracts the one it no longer has', async () => {
    const fake = await start();
    const first = await pull(fake);
    const edited = fake.options.responses.find(r => r.id === '1004')!;
    edited.modified = at(20);
    edited.answers = { nps: 6 };
    const second = await pull(fake, { cursor: first[first.length - 1].cursor });
    expect(observationsOf(second)).toEqual([
      obs(A, '1004', QUESTION.nps, 'checkout', 6, 20),
    ]);
    expect(retractionsOf(second)).toEqual([
      `survey/${A}/1004/${QUESTION.csat}/component:default/checkout`,
      `survey/${A}/1004/${QUESTION.effort}/component:default/checkout`,
    ]);
  });

  it('follows links.next while a page brings nothing new (more than a page modified in one second)', async () => {
    const same = at(10, 12, 30);
    const fake = await start({
      responses: ['3001', '3002', '3003', '3004', '3005'].map(id => ({
        id,
        survey: A,
        modified: same,
        answers: { nps: 9 },
      })),
    });
    const first = await pull(fake, { entities: [entities[0]] });
    expect(observationsOf(first)).toHaveLength(5);
    fake.options.responses.push({
      id: '3006',
      survey: A,
      modified: same,
      answers: { nps: 1 },
    });
    const before = fake.requests.length;
    const second = await pull(fake, {
      cursor: first[first.length - 1].cursor,
      entities: [entities[0]],
    });
    expect(observationsOf(second).map(o => o.id)).toEqual([
      `survey/${A}/3006/${QUESTION.nps}/component:default/checkout`,
    ]);
    const pages = fake
      .paths()
      .slice(before)
      .filter(p => p.includes('/bulk'))
      .map(p => query(p).page);
    expect(pages).toEqual(['1', '2', '3']);
  });

  it('binds by a custom variable and customer-kpis.io/survey-key when hiddenField is set', async () => {
    const fake = await start({
      responses: [
        {
          id: '4001',
          survey: A,
          modified: at(2),
          custom: { product: 'cart' },
          answers: { nps: 10 },
        },
        {
          id: '4002',
          survey: A,
          modified: at(3),
          custom: { product: 'find' },
          answers: { nps: 4 },
        },
        {
          id: '4003',
          survey: A,
          modified: at(4),
          custom: { product: 'nobody' },
          answers: { nps: 5 },
        },
        { id: '4004', survey: A, modified: at(5), answers: { nps: 5 } },
      ],
    });
    const pages = await pull(fake, {
      config: { hiddenField: 'product', surveys: [A] },
      entities: [
        testEntity('checkout', { 'customer-kpis.io/survey-key': 'cart' }),
        testEntity('search', { 'customer-kpis.io/survey-key': 'find, search' }),
      ],
    });
    expect(
      observationsOf(pages).map(o => [o.entityRef, 'score' in o && o.score]),
    ).toEqual([
      ['component:default/checkout', 10],
      ['component:default/search', 4],
    ]);
  });

  it('waits for X-Ratelimit-App-Global-Minute-Reset on a 429 without Retry-After, and for Retry-After when given', async () => {
    const fake = await start({
      intercept: (_req, res, index) => {
        if (index === 0) {
          sendJson(
            res,
            429,
            {
              error: {
                id: '1040',
                name: 'Rate limit reached',
                http_status_code: 429,
              },
            },
            {
              'x-ratelimit-app-global-minute-remaining': '0',
              'x-ratelimit-app-global-minute-reset': '1',
              'x-ratelimit-app-global-day-remaining': '300',
            },
          );
          return true;
        }
        if (index === 2) {
          sendJson(
            res,
            429,
            { error: { id: '1040', http_status_code: 429 } },
            { 'retry-after': '1' },
          );
          return true;
        }
        return false;
      },
    });
    const pages = await pull(fake);
    expect(observationsOf(pages)).toEqual(EXPECTED);
    expect(fake.requests[1].at - fake.requests[0].at).toBeGreaterThanOrEqual(
      950,
    );
    expect(fake.requests[3].at - fake.requests[2].at).toBeGreaterThanOrEqual(
      950,
    );
  });

  it('waits out a used-up minute budget before the next request instead of provoking a 429', async () => {
    // The first answer (survey A's first page, empty) says the minute's budget is used up, resetting in 1 s.
    const fake = await start();
    fake.options.intercept = (_req, res, index) => {
      if (index !== 0) return false;
      sendJson(
        res,
        200,
        { data: [], per_page: 2, page: 1, total: 0, links: {} },
        {
          'x-ratelimit-app-global-minute-remaining': '0',
          'x-ratelimit-app-global-minute-reset': '1',
        },
      );
      return true;
    };
    await pull(fake);
    expect(fake.requests[1].at - fake.requests[0].at).toBeGreaterThanOrEqual(
      950,
    );
  });

  it('fails at once when the daily budget is used up, saying when it resets', async () => {
    const fake = await start({
      intercept: (_req, res) => {
        sendJson(
          res,
          429,
          { error: { id: '1040', http_status_code: 429 } },
          {
            'x-ratelimit-app-global-day-remaining': '0',
            'x-ratelimit-app-global-day-reset': '43200',
            'x-ratelimit-app-global-minute-remaining': '100',
            'x-ratelimit-app-global-minute-reset': '20',
          },
        );
        return true;
      },
    });
    await expect(pull(fake)).rejects.toThrow(
      /daily request limit is used up .*resets in 43200 s/,
    );
    expect(fake.requests).toHaveLength(1);
  });

  it('retries a 5xx and carries on', async () => {
    const fake = await start({
      intercept: (_req, res, index) => {
        if (index !== 1) return false;
        sendJson(res, 503, {
          error: {
            id: '1050',
            name: 'Internal Server Error',
            http_status_code: 503,
          },
        });
        return true;
      },
    });
    expect(observationsOf(await pull(fake))).toEqual(EXPECTED);
  });

  it('fails on a list of responses in an unexpected shape, naming the endpoint and the field', async () => {
    const fake = await start({
      intercept: (_req, res) => {
        sendJson(res, 200, { data: [{ id: '1001' }], links: {} });
        return true;
      },
    });
    await expect(pull(fake)).rejects.toThrow(
      `SurveyMonkey answered /v3/surveys/${A}/responses/bulk in an unexpected shape: data.0.date_modified: Invalid input: expected string, received undefined`,
    );
  });

  it('fails on a rejected token naming the credential and the scopes, never the token, even when the server echoes it', async () => {
    const rejected = await start({ token: 'another-token-xyz' });
    await expect(pull(rejected)).rejects.toThrow(
      /credential 'sm-token' was refused \(HTTP 401\).*View Response Details/,
    );
    await rejected.close();
    const logger = mockServices.logger.mock();
    const echo = await start({
      intercept: (req, res) => {
        sendEcho(req, res, 401);
        return true;
      },
    });
    const error = await pull(echo, { logger }).catch(e => e as Error);
    expect(String(error)).toContain('HTTP 401');
    expect(String(error)).not.toContain(TOKEN);
    expect(
      JSON.stringify([...logger.info.mock.calls, ...logger.warn.mock.calls]),
    ).not.toContain(TOKEN);
  });

  it('sends the token to no URL its credential does not allow, failing before any request', async () => {
    const fake = await start();
    await expect(
      pull(fake, {
        credentials: {
          'sm-token': {
            secret: TOKEN,
            allowedUrls: ['https://api.surveymonkey.com'],
          },
        },
      }),
    ).rejects.toThrow(/SurveyMonkey source: .*sm-token/);
    expect(fake.requests).toHaveLength(0);
  });

  it('keeps the pages stored before a failure and resumes from their cursor without gaps or duplicates', async () => {
    const fake = await start({
      intercept: (_req, res, index) => {
        if (index < 3) return false;
        sendJson(res, 500, { error: { id: '1050', http_status_code: 500 } });
        return true;
      },
    });
    const stored: SourcePage[] = [];
    await expect(pull(fake, { stored })).rejects.toThrow(/HTTP 500/);
    expect(stored.length).toBeGreaterThan(0);
    fake.options.intercept = undefined;
    const resumed = await pull(fake, {
      cursor: stored[stored.length - 1].cursor,
    });
    const ids = observationsOf([...stored, ...resumed]).map(o => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(observationsOf([...stored, ...resumed])).toEqual(EXPECTED);
  });
});

describe('surveyMonkeyConfigSchema', () => {
  it('has defaults for everything but the credential and the questions; the EU and Canadian data centres are one field away', () => {
    const config = surveyMonkeyConfigSchema.parse({
      credential: 'sm',
      questions: [{ question: '1', kpi: 'recommend' }],
    });
    expect(config).toEqual({
      baseUrl: 'https://api.surveymonkey.com',
      credential: 'sm',
      surveys: [],
      questions: [{ question: '1', kpi: 'recommend' }],
      initialLookbackDays: 365,
      perPage: 100,
      webhookMaxAgeHours: 72,
      retries: 4,
      minRetryDelayMs: 1000,
    });
    for (const baseUrl of [
      'https://api.eu.surveymonkey.com',
      'https://api.surveymonkey.ca',
    ]) {
      expect(
        surveyMonkeySourceType.credentialTargets!(
          surveyMonkeyConfigSchema.parse({ ...config, baseUrl }),
        ),
      ).toEqual([
        {
          credential: 'sm',
          credentialField: 'credential',
          urlField: 'baseUrl',
          url: `${baseUrl}/v3/surveys/`,
        },
      ]);
    }
  });

  it('names the field of a bad config', () => {
    const issues = (value: Record<string, unknown>) => {
      const r = surveyMonkeyConfigSchema.safeParse({
        credential: 'sm',
        questions: QUESTIONS,
        ...value,
      });
      return r.success ? [] : r.error.issues.map(i => i.path.join('.'));
    };
    expect(issues({ questions: [] })).toEqual(['questions']);
    expect(issues({ hiddenField: 'product' })).toEqual(['surveys']);
    expect(issues({ surveys: ['abc'] })).toEqual(['surveys.0']);
    expect(issues({ perPage: 101 })).toEqual(['perPage']);
    expect(issues({ webhookCredential: 'sm-secret' })).toEqual([
      'webhookClientId',
    ]);
    expect(issues({ webhookCredential: 'sm', webhookClientId: 'abc' })).toEqual(
      ['webhookCredential'],
    );
  });
});
