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
  FakeRating,
  FakeTicket,
  FakeZendesk,
  startFakeZendesk,
} from './__testUtils__/fakeZendesk';
import { zendeskConfigSchema, zendeskOrigin } from './config';
import { zendeskSourceType } from './zendeskSourceType';

const TOKEN = 'zd-api-token-123';
const EMAIL = 'kpis@acme.test';
const AUTHORIZATION = `Basic ${Buffer.from(`${EMAIL}/token:${TOKEN}`).toString(
  'base64',
)}`;
const NOW = new Date('2026-11-23T10:00:00Z');

const entities = [
  testEntity('support-portal', { 'zendesk.com/group-id': '100' }),
  testEntity('live-chat', { 'zendesk.com/group-id': '200, 201' }),
  testEntity('customer-support', { 'zendesk.com/brand-id': '9' }, 'System'),
];

const ts = (iso: string) => Date.parse(iso) / 1000;
const tickets: FakeTicket[] = [
  {
    id: 1,
    status: 'solved',
    group_id: 100,
    brand_id: null,
    created_at: '2026-11-02T09:00:00Z',
    solved_at: '2026-11-02T13:30:00Z',
    business_minutes: 270,
    generated_timestamp: ts('2026-11-02T13:30:00Z'),
  },
  {
    id: 2,
    status: 'open',
    group_id: 100,
    brand_id: null,
    created_at: '2026-11-03T09:00:00Z',
    generated_timestamp: ts('2026-11-03T09:00:00Z'),
  },
  {
    id: 3,
    status: 'closed',
    group_id: 201,
    brand_id: 9,
    created_at: '2026-11-03T10:00:00Z',
    solved_at: '2026-11-05T10:00:00Z',
    business_minutes: 960,
    generated_timestamp: ts('2026-11-09T10:00:00Z'),
  },
  {
    id: 4,
    status: 'solved',
    group_id: 300,
    brand_id: null,
    created_at: '2026-11-04T10:00:00Z',
    solved_at: '2026-11-04T11:00:00Z',
    business_minutes: 60,
    generated_timestamp: ts('2026-11-10T11:00:00Z'),
  },
  {
    id: 5,
    status: 'solved',
    group_id: 100,
    brand_id: null,
    created_at: '2026-11-10T08:00:00Z',
    solved_at: '2026-11-10T09:00:00Z',
    business_minutes: null,
    generated_timestamp: ts('2026-11-11T09:00:00Z'),
  },
  {
    id: 6,
    status: 'solved',
    group_id: 100,
    brand_id: null,
    created_at: '2026-11-12T08:00:00Z',
    solved_at: '2026-11-12T09:00:00Z',
    business_minutes: 9999,
    generated_timestamp: ts('2026-11-12T09:00:00Z'),
  },
  {
    id: 7,
    status: 'pending',
    group_id: 200,
    brand_id: null,
    created_at: '2026-11-13T08:00:00Z',
    generated_timestamp: ts('2026-11-13T08:00:00Z'),
  },
];
const ratings: FakeRating[] = [
  {
    id: 11,
    score: 'good',
    group_id: 100,
    ticket_id: 1,
    created_at: '2026-11-02T14:00:00Z',
  },
  {
    id: 12,
    score: 'bad',
    group_id: 201,
    ticket_id: 3,
    created_at: '2026-11-05T12:00:00Z',
  },
  {
    id: 13,
    score: 'offered',
    group_id: 100,
    ticket_id: 2,
    created_at: '2026-11-06T12:00:00Z',
  },
  {
    id: 14,
    score: 'good',
    group_id: 300,
    ticket_id: 4,
    created_at: '2026-11-07T12:00:00Z',
  },
  {
    id: 15,
    score: 'good',
    group_id: 100,
    ticket_id: 5,
    created_at: '2026-11-10T12:00:00Z',
  },
];

const EXPECTED_RESOLVED: Observation[] = [
  {
    id: 'ticket/1/component:default/support-portal',
    kpi: 'time-to-resolve',
    entityRef: 'component:default/support-portal',
    openedAt: '2026-11-02T09:00:00.000Z',
    resolvedAt: '2026-11-02T13:30:00.000Z',
    businessMinutes: 270,
  },
  {
    id: 'ticket/3/component:default/live-chat',
    kpi: 'time-to-resolve',
    entityRef: 'component:default/live-chat',
    openedAt: '2026-11-03T10:00:00.000Z',
    resolvedAt: '2026-11-05T10:00:00.000Z',
    businessMinutes: 960,
  },
  {
    id: 'ticket/3/system:default/customer-support',
    kpi: 'time-to-resolve',
    entityRef: 'system:default/customer-support',
    openedAt: '2026-11-03T10:00:00.000Z',
    resolvedAt: '2026-11-05T10:00:00.000Z',
    businessMinutes: 960,
  },
  // no business time from Zendesk: calendar time only
  {
    id: 'ticket/5/component:default/support-portal',
    kpi: 'time-to-resolve',
    entityRef: 'component:default/support-portal',
    openedAt: '2026-11-10T08:00:00.000Z',
    resolvedAt: '2026-11-10T09:00:00.000Z',
  },
  // a business time longer than the calendar time is dropped, the ticket kept
  {
    id: 'ticket/6/component:default/support-portal',
    kpi: 'time-to-resolve',
    entityRef: 'component:default/support-portal',
    openedAt: '2026-11-12T08:00:00.000Z',
    resolvedAt: '2026-11-12T09:00:00.000Z',
  },
];
const EXPECTED_RATINGS: Observation[] = [
  {
    id: 'rating/11/component:default/support-portal',
    kpi: 'satisfaction',
    entityRef: 'component:default/support-portal',
    timestamp: '2026-11-02T14:00:00.000Z',
    score: 5,
  },
  {
    id: 'rating/12/component:default/live-chat',
    kpi: 'satisfaction',
    entityRef: 'component:default/live-chat',
    timestamp: '2026-11-05T12:00:00.000Z',
    score: 1,
  },
  {
    id: 'rating/12/system:default/customer-support',
    kpi: 'satisfaction',
    entityRef: 'system:default/customer-support',
    timestamp: '2026-11-05T12:00:00.000Z',
    score: 1,
  },
  {
    id: 'rating/15/component:default/support-portal',
    kpi: 'satisfaction',
    entityRef: 'component:default/support-portal',
    timestamp: '2026-11-10T12:00:00.000Z',
    score: 5,
  },
];

const byId = (a: Observation, b: Observation) => a.id.localeCompare(b.id);
const idsOf = (pages: SourcePage[]) => observationsOf(pages).map(o => o.id);

/** A pull of the bound entities with the token of the fake, at NOW; `config` adds to the base config. */
const pull = (
  server: FakeZendesk,
  options: Omit<PullPagesOptions, 'config'> & {
    config?: Record<string, unknown>;
  } = {},
) =>
  pullPages(zendeskSourceType, {
    credentials: {
      'zendesk-api': { secret: TOKEN, allowedUrls: [server.url] },
    },
    entities,
    now: NOW,
    ...options,
    config: {
      baseUrl: server.url,
      email: EMAIL,
      credential: 'zendesk-api',
      retries: 2,
      minRetryDelayMs: 10,
      ...options.config,
    },
  });

describe('zendeskSourceType', () => {
  let server: FakeZendesk | undefined;
  const start = async (
    options: Partial<Parameters<typeof startFakeZendesk>[0]> = {},
  ) => {
    server = await startFakeZendesk({
      tickets,
      ratings,
      authorization: AUTHORIZATION,
      exportPageSize: 2,
      ratingsPageSize: 2,
      ...options,
    });
    return server;
  };
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('binds entities with a group or brand annotation and declares its KPIs', () => {
    expect(entities.map(e => zendeskSourceType.isAvailable(e))).toEqual([
      true,
      true,
      true,
    ]);
    expect(
      zendeskSourceType.isAvailable(
        testEntity('x', { 'zendesk.com/group-id': 'support' }),
      ),
    ).toBe(false);
    expect(zendeskSourceType.annotation).toBe('zendesk.com/group-id');
    expect([...zendeskSourceType.kpis]).toEqual([
      'time-to-resolve',
      'satisfaction',
    ]);
  });

  it('maps solved and closed tickets of bound groups and brands to time to resolve with Zendesk business minutes', async () => {
    const pages = await pull(await start());
    expect(observationsOf(pages, 'time-to-resolve')).toEqual(EXPECTED_RESOLVED);
  });

  it('maps good ratings to 5 and bad ones to 1, bound by group and, through their ticket, by brand', async () => {
    const pages = await pull(await start());
    expect(observationsOf(pages, 'satisfaction')).toEqual(EXPECTED_RATINGS);
    for (const o of observationsOf(pages)) {
      expect(parseObservation(o)).toEqual(o);
    }
  });

  it('reads no ratings when satisfaction is off', async () => {
    const fake = await start();
    const pages = await pull(fake, { config: { satisfaction: false } });
    expect(observationsOf(pages, 'satisfaction')).toEqual([]);
    expect(fake.paths().some(p => p.includes('satisfaction_ratings'))).toBe(
      false,
    );
  });

  it('authenticates every request with "{email}/token:{token}" of the named credential', async () => {
    const fake = await start();
    await pull(fake);
    expect(fake.requests.length).toBeGreaterThan(0);
    for (const request of fake.requests) {
      expect(request.headers.authorization).toBe(AUTHORIZATION);
    }
  });

  it('fails before any request when the named credential is not configured, without leaking secrets', async () => {
    const fake = await start();
    await expect(pull(fake, { credentials: {} })).rejects.toThrow(
      'Zendesk source: No credential named "zendesk-api" in customerKpis.credentials',
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('sends the token to no URL that its credential does not allow, failing before any request', async () => {
    const fake = await start();
    const error: Error = await pull(fake, {
      credentials: {
        'zendesk-api': {
          secret: TOKEN,
          allowedUrls: ['https://acme.zendesk.com'],
        },
      },
    }).catch(e => e);
    expect(error.message).toBe(
      `Zendesk source: Credential "zendesk-api" may not be sent to ${fake.url}/api/v2/: customerKpis.credentials.zendesk-api.allowedUrls allows only https://acme.zendesk.com`,
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('declares where it sends its credential: the API of the subdomain or of the base URL', () => {
    const base = { email: EMAIL, credential: 'zendesk-api' };
    expect(
      zendeskSourceType.credentialTargets!(
        zendeskConfigSchema.parse({ ...base, subdomain: 'acme' }),
      ),
    ).toEqual([
      {
        credential: 'zendesk-api',
        credentialField: 'credential',
        urlField: 'subdomain',
        url: 'https://acme.zendesk.com/api/v2/',
      },
    ]);
    expect(
      zendeskSourceType.credentialTargets!(
        zendeskConfigSchema.parse({ ...base, baseUrl: 'https://zd.example/' }),
      ),
    ).toEqual([
      {
        credential: 'zendesk-api',
        credentialField: 'credential',
        urlField: 'baseUrl',
        url: 'https://zd.example/api/v2/',
      },
    ]);
  });

  it.each([
    [401, 0],
    [500, 2],
  ])(
    'keeps the token out of the error and the logs when an HTTP %i echoes the request (%i retries logged)',
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
        TOKEN,
        AUTHORIZATION.slice('Basic '.length),
        Buffer.from(TOKEN).toString('base64'),
        encodeURIComponent(`${EMAIL}/token:${TOKEN}`),
      ];
      for (const text of [error.message, JSON.stringify(logger.lines)]) {
        for (const leak of leaks) expect(text).not.toContain(leak);
      }
    },
  );

  it('fails on a rejected token with the status and URL, never the token', async () => {
    const fake = await start();
    const error: Error = await pull(fake, {
      credentials: {
        'zendesk-api': { secret: 'wrong-token', allowedUrls: [fake.url] },
      },
    }).catch(e => e);
    expect(error.message).toContain(
      `GET ${fake.url}/api/v2/incremental/tickets/cursor.json?start_time=${
        ts('2026-11-23T10:00:00Z') - 90 * 86400
      }&include=metric_sets&exclude_deleted=true failed with HTTP 401`,
    );
    expect(error.message).not.toContain('wrong-token');
    expect(fake.requests).toHaveLength(1);
  });

  it('starts the export initialLookbackDays ago and follows after_cursor until end_of_stream, one page each', async () => {
    const fake = await start();
    const pages = await pull(fake);
    const exportPaths = fake.paths().filter(p => p.includes('incremental'));
    expect(exportPaths[0]).toBe(
      `/api/v2/incremental/tickets/cursor.json?start_time=${
        ts('2026-11-23T10:00:00Z') - 90 * 86400
      }&include=metric_sets&exclude_deleted=true`,
    );
    // 7 tickets, 2 per page
    expect(exportPaths).toHaveLength(4);
    expect(
      exportPaths
        .slice(1)
        .map(p => new URL(p, 'http://x').searchParams.get('cursor')),
    ).toEqual(
      [2, 4, 6].map(n => Buffer.from(`position:${n}`).toString('base64')),
    );
    expect(pages[0].cursor).toMatchObject({
      tickets: { cursor: Buffer.from('position:2').toString('base64') },
    });
  });

  it('pages through ratings with page[after] and starts the next pass near the newest rating seen', async () => {
    const fake = await start();
    const pages = await pull(fake);
    const ratingPaths = fake.paths().filter(p => p.includes('satisfaction'));
    // 4 received ratings, 2 per page
    expect(ratingPaths).toHaveLength(2);
    expect(ratingPaths[1]).toContain(
      `page[after]=${Buffer.from('position:2').toString('base64')}`,
    );
    expect(pages[pages.length - 1].cursor).toMatchObject({
      ratings: { startTime: ts('2026-11-10T12:00:00Z') - 96 * 3600 },
    });
  });

  it('continues from the stored cursor on the next run, reading only tickets changed since', async () => {
    const fake = await start();
    const first = await pull(fake);
    fake.options.tickets = [
      ...tickets,
      {
        id: 8,
        status: 'solved',
        group_id: 100,
        brand_id: null,
        created_at: '2026-11-20T08:00:00Z',
        solved_at: '2026-11-21T08:00:00Z',
        business_minutes: 480,
        generated_timestamp: ts('2026-11-21T08:00:00Z'),
      },
    ];
    const before = fake.requests.length;
    const second = await pull(fake, { cursor: first[first.length - 1].cursor });
    expect(fake.paths()[before]).toContain(
      `cursor=${Buffer.from('position:7').toString('base64')}`,
    );
    expect(observationsOf(second, 'time-to-resolve').map(o => o.id)).toEqual([
      'ticket/8/component:default/support-portal',
    ]);
  });

  it('waits the Retry-After of a 429 before asking again', async () => {
    const fake = await start({
      intercept: (_req, res, index) => {
        if (index !== 1) return false;
        sendJson(
          res,
          429,
          { error: 'TooManyRequests' },
          { 'retry-after': '1' },
        );
        return true;
      },
    });
    const pages = await pull(fake);
    expect(fake.requests[2].at - fake.requests[1].at).toBeGreaterThanOrEqual(
      990,
    );
    expect(fake.paths()[2]).toBe(fake.paths()[1]);
    expect(observationsOf(pages, 'time-to-resolve')).toEqual(EXPECTED_RESOLVED);
  });

  it('retries a 5xx and carries on', async () => {
    const fake = await start({
      intercept: (_req, res, index) => {
        if (index !== 2) return false;
        sendJson(res, 503, { error: 'ServiceUnavailable' });
        return true;
      },
    });
    const pages = await pull(fake);
    expect(observationsOf(pages)).toEqual(
      [...EXPECTED_RESOLVED, ...EXPECTED_RATINGS].sort(byId),
    );
  });

  it('fails on an answer in an unexpected shape, naming the endpoint and the field', async () => {
    const fake = await start({
      intercept: (_req, res) => {
        sendJson(res, 200, { tickets: [] });
        return true;
      },
    });
    const error: Error = await pull(fake).catch(e => e);
    expect(error.message).toContain(
      'Zendesk answered /api/v2/incremental/tickets/cursor.json in an unexpected shape: end_of_stream: Invalid input: expected boolean, received undefined',
    );
  });

  const b64 = (text: string) => Buffer.from(text).toString('base64');
  it.each([
    [
      'the ticket export',
      'incremental',
      `incremental/tickets/cursor.json?cursor=${b64('position:4')}`,
    ],
    [
      'the ratings',
      'page[after]',
      `satisfaction_ratings.json?score=received&start_time=${
        ts('2026-11-23T10:00:00Z') - 90 * 86400
      }&page[size]=100&page[after]=${b64('position:2')}`,
    ],
  ])(
    'keeps the pages stored before a failure in %s, and resumes from their cursor without duplicates or gaps',
    async (_what, failingPath, resumesWith) => {
      let failing = true;
      const fake = await start({
        intercept: (req, res) => {
          const path = decodeURIComponent(req.url ?? '');
          const isTarget =
            failingPath === 'incremental'
              ? path.includes('cursor=') && path.includes('incremental')
              : path.includes('page[after]');
          if (!failing || !isTarget) return false;
          if (
            failingPath === 'incremental' &&
            !path.includes(Buffer.from('position:4').toString('base64'))
          ) {
            return false;
          }
          sendJson(res, 500, { error: 'InternalServerError' });
          return true;
        },
      });
      const stored: SourcePage[] = [];
      await expect(pull(fake, { stored })).rejects.toThrow('HTTP 500');
      expect(stored.length).toBeGreaterThan(0);

      failing = false;
      const before = fake.requests.length;
      const resumed = await pull(fake, {
        cursor: stored[stored.length - 1].cursor,
      });

      const endpoint = resumesWith.split('?')[0];
      expect(
        fake
          .paths()
          .slice(before)
          .find(path => path.includes(endpoint)),
      ).toContain(resumesWith);

      const storedIds = idsOf(stored);
      const resumedIds = idsOf(resumed);
      expect(resumedIds.filter(id => storedIds.includes(id))).toEqual([]);
      expect([...storedIds, ...resumedIds].sort()).toEqual(
        [...EXPECTED_RESOLVED, ...EXPECTED_RATINGS].map(o => o.id).sort(),
      );
    },
  );
});

describe('zendeskConfigSchema', () => {
  const base = { email: EMAIL, credential: 'zendesk-api' };

  it('takes a subdomain or a base URL, not both and not neither', () => {
    expect(
      zendeskOrigin(zendeskConfigSchema.parse({ ...base, subdomain: 'acme' })),
    ).toBe('https://acme.zendesk.com');
    expect(
      zendeskOrigin(
        zendeskConfigSchema.parse({ ...base, baseUrl: 'https://zd.example/' }),
      ),
    ).toBe('https://zd.example');
    expect(zendeskConfigSchema.safeParse(base).success).toBe(false);
    expect(
      zendeskConfigSchema.safeParse({
        ...base,
        subdomain: 'acme',
        baseUrl: 'https://zd.example',
      }).success,
    ).toBe(false);
  });

  it('has defaults for everything but where, who and which credential', () => {
    expect(zendeskConfigSchema.parse({ ...base, subdomain: 'acme' })).toEqual({
      ...base,
      subdomain: 'acme',
      initialLookbackDays: 90,
      satisfaction: true,
      ratingRevisitHours: 96,
      retries: 4,
      minRetryDelayMs: 1000,
    });
  });
});
