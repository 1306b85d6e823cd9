import {
  Observation,
  parseObservation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { SourcePage } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import {
  PullPagesOptions,
  observationsOf,
  pullPages,
  recordingLogger,
  sendEcho,
  sendJson,
  testEntity,
} from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import {
  FakeEvent,
  FakePostHog,
  FakePostHogOptions,
  startFakePostHog,
} from './__testUtils__/fakePostHog';
import {
  API_KEY,
  COHORT,
  COHORT_ID,
  ENTITIES,
  NOW,
  PROJECT_ID,
  seedEvents,
} from './__testUtils__/seed';
import { posthogConfigSchema } from './config';
import { posthogSourceType } from './posthogSourceType';

jest.setTimeout(60_000);

const CONFIG = {
  projectId: PROJECT_ID,
  credential: 'posthog-key',
  activeEvents: ['pageview', 'signed_up', 'report_created'],
  eligibleCohortId: COHORT_ID,
  timeToValue: { startEvent: 'signed_up', valueEvent: 'report_created' },
  retries: 2,
  minRetryDelayMs: 10,
  pollIntervalMs: 10,
};
const CHECKOUT = 'component:default/checkout';

/** A pull of ENTITIES with the key for the fake, at NOW; `config` adds to CONFIG. */
const pull = (
  server: FakePostHog,
  options: Omit<PullPagesOptions, 'config'> & {
    config?: Record<string, unknown>;
  } = {},
) =>
  pullPages(posthogSourceType, {
    credentials: {
      'posthog-key': { secret: API_KEY, allowedUrls: [server.url] },
    },
    entities: ENTITIES,
    now: NOW,
    ...options,
    config: { host: server.url, ...CONFIG, ...options.config },
  });

const idsOf = (pages: SourcePage[]) => observationsOf(pages).map(o => o.id);
const byId = (observations: Observation[], id: string) =>
  observations.find(o => o.id === id);

describe('posthogSourceType', () => {
  let server: FakePostHog | undefined;
  const start = async (options: Partial<FakePostHogOptions> = {}) => {
    server = await startFakePostHog({
      projectId: PROJECT_ID,
      apiKey: API_KEY,
      events: seedEvents(),
      cohorts: { [COHORT_ID]: COHORT },
      ...options,
    });
    return server;
  };
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('binds entities by product or project id and declares its KPIs and where its key goes', () => {
    expect(ENTITIES.map(e => posthogSourceType.isAvailable(e))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(
      posthogSourceType.isAvailable(
        testEntity('x', { 'posthog.com/project-id': 'shop' }),
      ),
    ).toBe(false);
    expect([...posthogSourceType.kpis]).toEqual([
      'adoption',
      'retention',
      'time-to-value',
    ]);
    expect(
      posthogSourceType.credentialTargets!(
        posthogConfigSchema.parse({
          projectId: 12345,
          credential: 'posthog-key',
        }),
      ),
    ).toEqual([
      {
        credential: 'posthog-key',
        credentialField: 'credential',
        urlField: 'host',
        url: 'https://us.posthog.com/api/projects/12345/',
      },
    ]);
  });

  describe('figures from a small event list', () => {
    const events: FakeEvent[] = [
      ['a', 'pageview', '2026-11-23T08:00:00Z'],
      ['a', 'pageview', '2026-11-20T08:00:00Z'],
      ['b', 'pageview', '2026-11-01T08:00:00Z'],
      ['c', '$feature_flag_called', '2026-11-23T08:00:00Z'],
      ['p1', 'pageview', '2026-09-10T08:00:00Z'],
      ['p1', 'pageview', '2026-10-10T08:00:00Z'],
      ['p2', 'pageview', '2026-09-12T08:00:00Z'],
      ['p3', 'pageview', '2026-10-20T08:00:00Z'],
      ['j1', 'signed_up', '2026-11-20T10:00:00Z'],
      ['j1', 'report_created', '2026-11-20T12:30:00Z'],
      ['j1', 'report_created', '2026-11-21T12:00:00Z'],
      ['j2', 'signed_up', '2026-11-22T09:00:00Z'],
      ['j3', 'report_created', '2026-11-19T09:00:00Z'],
      ['j3', 'signed_up', '2026-11-21T08:00:00Z'],
    ].map(([person, event, timestamp]) => ({
      person,
      event,
      timestamp,
      properties: { product: 'checkout' },
    }));
    const checkoutOnly = [ENTITIES[0]];

    it('counts distinct active persons over 1, 7 and 30 days per day, with the annotated eligible users', async () => {
      const pages = await pull(await start({ events }), {
        entities: checkoutOnly,
        config: { historyDays: 3, activeEvents: ['pageview'] },
      });
      expect(observationsOf(pages, 'adoption')).toEqual(
        [
          ['2026-11-21', 0, 1, 2],
          ['2026-11-22', 0, 1, 2],
          ['2026-11-23', 1, 1, 2],
        ].map(([date, dau, wau, mau]) => ({
          id: `adoption/${date}/${CHECKOUT}`,
          kpi: 'adoption',
          entityRef: CHECKOUT,
          date,
          dau,
          wau,
          mau,
          eligible: 40,
        })),
      );
    });

    it('gives S, E and N of each complete month: active the month before, active in it, active in it only', async () => {
      const pages = await pull(await start({ events }), {
        entities: checkoutOnly,
        config: { historyDays: 30, activeEvents: ['pageview'] },
      });
      expect(observationsOf(pages, 'retention')).toEqual([
        {
          id: `retention/2026-10-01/${CHECKOUT}`,
          kpi: 'retention',
          entityRef: CHECKOUT,
          periodStart: '2026-10-01',
          periodEnd: '2026-10-31',
          start: 2,
          end: 2,
          new: 1,
        },
      ]);
    });

    it('times each first start to the first value after it, and leaves journeys without value open', async () => {
      const pages = await pull(await start({ events }), {
        entities: checkoutOnly,
        config: { historyDays: 30 },
      });
      expect(observationsOf(pages, 'time-to-value')).toEqual([
        {
          id: `journey/j1/${CHECKOUT}`,
          kpi: 'time-to-value',
          entityRef: CHECKOUT,
          startedAt: '2026-11-20T10:00:00.000Z',
          valueAt: '2026-11-20T12:30:00.000Z',
        },
        {
          id: `journey/j2/${CHECKOUT}`,
          kpi: 'time-to-value',
          entityRef: CHECKOUT,
          startedAt: '2026-11-22T09:00:00.000Z',
          valueAt: null,
        },
        // its report came before it signed up
        {
          id: `journey/j3/${CHECKOUT}`,
          kpi: 'time-to-value',
          entityRef: CHECKOUT,
          startedAt: '2026-11-21T08:00:00.000Z',
          valueAt: null,
        },
      ]);
    });
  });

  it('feeds products, the whole project and the cohort-counted eligible users, every observation valid', async () => {
    const fake = await start();
    const pages = await pull(fake);
    const all = observationsOf(pages);
    for (const o of all) {
      expect(parseObservation(o)).toEqual(o);
    }
    expect(new Set(all.map(o => o.id)).size).toBe(all.length);
    expect([...new Set(all.map(o => o.entityRef))].sort()).toEqual([
      'component:default/checkout',
      'component:default/search',
      'system:default/shop',
    ]);
    const today = (ref: string) =>
      byId(all, `adoption/2026-11-23/${ref}`) as any;
    expect(today(CHECKOUT).eligible).toBe(40);
    expect(today('component:default/search').eligible).toBe(COHORT.length);
    // the project counts persons of either product once
    expect(today('system:default/shop').mau).toBeGreaterThanOrEqual(
      Math.max(today(CHECKOUT).mau, today('component:default/search').mau),
    );
    expect(today('system:default/shop').mau).toBeLessThan(
      today(CHECKOUT).mau + today('component:default/search').mau,
    );
    // 30 days of adoption for each of the three entities, one complete month of retention, journeys of 30 days
    expect(observationsOf(pages, 'adoption')).toHaveLength(90);
    expect(
      observationsOf(pages, 'retention').map(o => o.id.split('/')[1]),
    ).toEqual(['2026-10-01', '2026-10-01', '2026-10-01']);
    expect(observationsOf(pages, 'time-to-value').length).toBeGreaterThan(0);
    // noise events and bots count nowhere
    const served = fake.queries.flatMap(q => q.rows.flat());
    expect(served.some(v => String(v).startsWith('bot'))).toBe(false);
  });

  it('sends config and annotation values only as HogQL placeholders, never in the query text', async () => {
    const sneaky = "x') OR 1=1 --";
    const fake = await start();
    await pull(fake, {
      entities: [
        ...ENTITIES,
        testEntity('sneaky', { 'posthog.com/product': sneaky }),
      ],
      config: { productProperty: "product' --" },
    });
    expect(fake.queries.length).toBeGreaterThanOrEqual(4);
    for (const query of fake.queries) {
      expect(query.query).not.toContain(sneaky);
      expect(query.query).not.toContain("product' --");
      expect(query.query).not.toContain('pageview');
      expect(query.query).not.toContain(PROJECT_ID);
    }
    const adoption = fake.queries.find(
      q => q.name === 'customer-kpis adoption',
    )!;
    expect(adoption.values).toMatchObject({
      buckets: ['*', 'p:checkout', 'p:search', `p:${sneaky}`],
      product_property: "product' --",
      active_events: ['pageview', 'signed_up', 'report_created'],
      from: '2026-10-25',
      until: '2026-11-24',
      read_from: '2026-09-26',
      limit: 10000,
    });
  });

  it('authenticates every request with the personal API key as a bearer token', async () => {
    const fake = await start();
    await pull(fake);
    expect(fake.requests.length).toBeGreaterThan(0);
    for (const request of fake.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(request.method).toBe('POST');
      expect(request.url).toBe(`/api/projects/${PROJECT_ID}/query/`);
    }
  });

  it('fails before any request when the key may not go to the configured host', async () => {
    const fake = await start();
    const error: Error = await pull(fake, {
      credentials: {
        'posthog-key': {
          secret: API_KEY,
          allowedUrls: ['https://eu.posthog.com'],
        },
      },
    }).catch(e => e);
    expect(error.message).toBe(
      `PostHog source: Credential "posthog-key" may not be sent to ${fake.url}/api/projects/${PROJECT_ID}/: customerKpis.credentials.posthog-key.allowedUrls allows only https://eu.posthog.com`,
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('fails on a rejected key with the status and URL, at once and never with the key', async () => {
    const fake = await start();
    const error: Error = await pull(fake, {
      credentials: {
        'posthog-key': {
          secret: 'phx_wrong_key_123',
          allowedUrls: [fake.url],
        },
      },
    }).catch(e => e);
    expect(error.message).toContain(
      `POST ${fake.url}/api/projects/${PROJECT_ID}/query/ failed with HTTP 401`,
    );
    expect(error.message).toContain('Invalid personal API key.');
    expect(error.message).not.toContain('phx_wrong_key_123');
    expect(fake.requests).toHaveLength(1); // a 401 is not retried
  });

  it.each([
    [401, 0],
    [500, 2],
  ])(
    'keeps the key out of the error and the logs when an HTTP %i echoes the request (%i retries logged)',
    async (status, retries) => {
      const fake = await start({
        intercept: (req, res) => {
          sendEcho(req, res, status);
          return true;
        },
      });
      const logger = recordingLogger();
      const error: Error = await pull(fake, { logger }).catch(e => e);
      expect(error.message).toContain(`failed with HTTP ${status}`);
      expect(error.message).toContain('***');
      expect(logger.lines.filter(l => l.level === 'warn')).toHaveLength(
        retries,
      );
      const leaks = [
        API_KEY,
        API_KEY.slice(0, 16),
        Buffer.from(API_KEY).toString('base64'),
      ];
      for (const text of [error.message, JSON.stringify(logger.lines)]) {
        for (const leak of leaks) expect(text).not.toContain(leak);
      }
    },
  );

  it('waits the Retry-After of a 429 before asking again, then carries on', async () => {
    const expected = observationsOf(await pull(await start()));
    await server!.close();
    const fake = await start({
      intercept: (_req, res, index) => {
        if (index !== 1) return false;
        sendJson(
          res,
          429,
          {
            type: 'throttled_error',
            detail: 'Request was throttled. Expected available in 1 second.',
          },
          { 'retry-after': '1' },
        );
        return true;
      },
    });
    const pages = await pull(fake);
    expect(fake.requests[2].at - fake.requests[1].at).toBeGreaterThanOrEqual(
      990,
    );
    expect(observationsOf(pages)).toEqual(expected);
  });

  it('retries a 5xx and carries on', async () => {
    const expected = observationsOf(await pull(await start()));
    await server!.close();
    const fake = await start({
      intercept: (_req, res, index) => {
        if (index !== 2) return false;
        sendJson(res, 502, { detail: 'Bad gateway' });
        return true;
      },
    });
    expect(observationsOf(await pull(fake))).toEqual(expected);
  });

  it('reads page after page by keyset, whatever caps the rows: LIMIT or PostHog', async () => {
    const expected = observationsOf(await pull(await start()));
    await server!.close();

    const paged = await start();
    const pages = await pull(paged, { config: { pageSize: 7 } });
    expect(observationsOf(pages)).toEqual(expected);
    const adoption = paged.queries.filter(
      q => q.name === 'customer-kpis adoption',
    );
    expect(adoption.length).toBe(Math.ceil(90 / 7));
    expect(adoption[0].values.after_0).toBeUndefined();
    expect(adoption[1].values).toMatchObject({
      after_0: adoption[0].rows[6][0],
      after_1: adoption[0].rows[6][1],
      limit: 7,
    });
    expect(adoption[1].query).toContain(
      'WHERE (day, bucket) > (toDate({after_0}), {after_1})',
    );
    await server!.close();

    // PostHog returns fewer rows than the LIMIT and says hasMore
    const capped = await start({ maxRows: 4 });
    expect(observationsOf(await pull(capped))).toEqual(expected);
  });

  it('runs async queries and polls their status until complete', async () => {
    const expected = observationsOf(await pull(await start()));
    await server!.close();
    const fake = await start({ pollsBeforeComplete: 2 });
    const pages = await pull(fake, { config: { queryMode: 'async' } });
    expect(observationsOf(pages)).toEqual(expected);
    const polls = fake.requests.filter(r => r.method === 'GET');
    expect(polls.length).toBe(3 * fake.queries.length);
    expect(polls[0].url).toBe(`/api/projects/${PROJECT_ID}/query/q1/`);
  });

  it('fails with the message of an async query that failed', async () => {
    const fake = await start({
      intercept: (req, res) => {
        if (req.method !== 'GET') return false;
        sendJson(res, 200, {
          query_status: {
            id: 'q1',
            team_id: 12345,
            complete: true,
            error: true,
            error_message: 'Query exceeded memory limit',
          },
        });
        return true;
      },
    });
    await expect(
      pull(fake, { config: { queryMode: 'async' } }),
    ).rejects.toThrow(
      'PostHog query "customer-kpis eligible-users" failed: Query exceeded memory limit',
    );
  });

  it('fails on an answer in an unexpected shape, naming the query and the field', async () => {
    const fake = await start({
      intercept: (req, res) => {
        if (req.method !== 'GET') return false;
        sendJson(res, 200, {
          query_status: { id: 'q1', complete: true, results: { results: [] } },
        });
        return true;
      },
    });
    await expect(
      pull(fake, { config: { queryMode: 'async' } }),
    ).rejects.toThrow(
      'PostHog answered the result of query "customer-kpis eligible-users" in an unexpected shape: columns: Invalid input: expected array, received undefined',
    );
  });

  it('keeps the pages stored before a failure and resumes after them, without duplicates or gaps', async () => {
    const expected = observationsOf(await pull(await start()));
    await server!.close();
    let failing = true;
    const fake = await start({
      intercept: (req, res) => {
        const body = (req as any).body;
        if (
          failing &&
          body?.name === 'customer-kpis retention' &&
          body.query.values.after_0
        ) {
          sendJson(res, 500, { detail: 'Internal server error' });
          return true;
        }
        return false;
      },
    });
    const stored: SourcePage[] = [];
    await expect(
      pull(fake, { stored, config: { pageSize: 2 } }),
    ).rejects.toThrow('HTTP 500');
    expect(observationsOf(stored, 'adoption')).toHaveLength(90);
    expect(observationsOf(stored, 'retention')).toHaveLength(2);
    expect(stored[stored.length - 1].cursor).toMatchObject({
      paging: { phase: 'retention', after: ['2026-10-01', 'p:checkout'] },
    });

    failing = false;
    const before = fake.queries.length;
    const resumed = await pull(fake, {
      cursor: stored[stored.length - 1].cursor,
      config: { pageSize: 2 },
    });
    // no adoption again, the retention query goes on after the last stored row
    expect(fake.queries[before]).toMatchObject({
      name: 'customer-kpis retention',
      values: { after_0: '2026-10-01', after_1: 'p:checkout' },
    });
    const storedIds = idsOf(stored);
    const resumedIds = idsOf(resumed);
    expect(resumedIds.filter(id => storedIds.includes(id))).toEqual([]);
    expect([...storedIds, ...resumedIds].sort()).toEqual(
      expected.map(o => o.id).sort(),
    );
  });

  it('reads today again on the next run and sends journeys again once they reach value', async () => {
    const fake = await start();
    const first = await pull(fake);
    const cursor = first[first.length - 1].cursor;
    expect(cursor).toMatchObject({
      adoptionFrom: '2026-11-23',
      retentionFrom: '2026-11-01',
      journeysFrom: '2026-11-23',
    });
    const pending = observationsOf(first, 'time-to-value').filter(
      o => o.kpi === 'time-to-value' && !o.valueAt,
    );
    expect(pending.length).toBeGreaterThan(0);
    const oldestPending = pending
      .map(o => (o as any).startedAt.slice(0, 10))
      .sort()[0];
    expect((cursor as any).pendingSince).toBe(oldestPending);

    // a day later: a pending journey reaches value, and a new one starts
    const reached = pending[0] as any;
    const person = reached.id.split('/')[1];
    fake.options.events = [
      ...seedEvents(new Date('2026-11-24T10:00:00Z')),
      {
        person,
        event: 'report_created',
        timestamp: '2026-11-24T07:00:00Z',
        properties: {
          product: reached.entityRef.endsWith('checkout')
            ? 'checkout'
            : 'search',
        },
      },
    ];
    const second = await pull(fake, {
      cursor,
      now: new Date('2026-11-24T10:00:00Z'),
    });
    expect([
      ...new Set(observationsOf(second, 'adoption').map(o => (o as any).date)),
    ]).toEqual(['2026-11-23', '2026-11-24']);
    expect(observationsOf(second, 'retention')).toEqual([]);
    expect(byId(observationsOf(second), reached.id)).toEqual({
      ...reached,
      valueAt: '2026-11-24T07:00:00.000Z',
    });
    const ttv = fake.queries.filter(
      q => q.name === 'customer-kpis time-to-value',
    );
    expect(ttv[ttv.length - 1].values.from).toBe(oldestPending);
  });
});

describe('posthogConfigSchema', () => {
  it('has defaults for everything but the project and the credential', () => {
    expect(
      posthogConfigSchema.parse({ projectId: '42', credential: 'k' }),
    ).toEqual({
      host: 'https://us.posthog.com',
      projectId: '42',
      credential: 'k',
      productProperty: 'product',
      activeEvents: [],
      retentionPeriod: 'month',
      historyDays: 30,
      pageSize: 10000,
      queryMode: 'blocking',
      pollIntervalMs: 1000,
      maxQueryWaitMs: 600000,
      retries: 4,
      minRetryDelayMs: 1000,
    });
  });

  it('names the field of a bad value', () => {
    const result = posthogConfigSchema.safeParse({
      projectId: 'my-project',
      credential: 'k',
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({
      path: ['projectId'],
      message: 'projectId must be the numeric id of a PostHog project',
    });
    expect(
      posthogConfigSchema.safeParse({
        projectId: 1,
        credential: 'k',
        host: 'ftp://posthog.example',
      }).error!.issues[0].path,
    ).toEqual(['host']);
  });
});
