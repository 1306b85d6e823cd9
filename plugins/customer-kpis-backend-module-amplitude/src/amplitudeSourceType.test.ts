import { mockServices } from '@backstage/backend-test-utils';
import {
  Observation,
  parseObservation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  CredentialDefinition,
  SourcePage,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
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
  FakeAmplitude,
  FakeUser,
  startFakeAmplitude,
} from './__testUtils__/fakeAmplitude';
import { amplitudeConfigSchema, amplitudeOrigin } from './config';
import { amplitudeSourceType } from './amplitudeSourceType';

const API_KEY = 'amp-api-key-0123456789abcdef';
const SECRET_KEY = 'amp-secret-key-fedcba9876543210';
const AUTHORIZATION = `Basic ${Buffer.from(`${API_KEY}:${SECRET_KEY}`).toString(
  'base64',
)}`;
const NOW = new Date('2026-11-23T10:00:00Z');
const CHECKOUT = 'component:default/checkout';
const SEARCH = 'component:default/search';

const entities = [
  testEntity('checkout', {
    'amplitude.com/segment-value': 'checkout',
    'amplitude.com/eligible-users': '10',
  }),
  testEntity('search', { 'amplitude.com/segment-value': 'search' }),
  testEntity('unbound'),
];

const user = (id: string, product: string, activeDays: string[]): FakeUser => ({
  id,
  properties: { 'gp:product': product },
  activeDays,
});

const users: FakeUser[] = [
  user('u1', 'checkout', ['2026-11-20', '2026-11-21', '2026-11-23']),
  user('u2', 'checkout', ['2026-11-01', '2026-11-21']),
  user('u3', 'checkout', ['2026-10-15']),
  user('u4', 'search', ['2026-11-22']),
  user('u5', 'checkout', ['2026-08-10', '2026-09-05', '2026-10-07']),
  user('u6', 'checkout', ['2026-08-20']),
  user('u7', 'checkout', ['2026-09-12', '2026-10-30']),
  user('u8', 'checkout', ['2026-09-30']),
];

const adoption = (
  entityRef: string,
  date: string,
  dau: number,
  wau: number,
  mau: number,
  eligible: number,
): Observation => ({
  id: `adoption/${date}/${entityRef}`,
  kpi: 'adoption',
  entityRef,
  date,
  dau,
  wau,
  mau,
  eligible,
});

const retention = (
  entityRef: string,
  month: string,
  start: number,
  end: number,
): Observation => ({
  id: `retention/${month}/${entityRef}`,
  kpi: 'retention',
  entityRef,
  periodStart: `${month}-01`,
  periodEnd: `${month}-${month.endsWith('09') ? '30' : '31'}`,
  start,
  end,
  new: 0,
});

// Worked by hand from `users`: WAU and MAU count distinct users of the 7 and 30 days ending on the day.
const EXPECTED_ADOPTION = [
  adoption(CHECKOUT, '2026-11-21', 2, 2, 3, 10),
  adoption(CHECKOUT, '2026-11-22', 0, 2, 3, 10),
  adoption(CHECKOUT, '2026-11-23', 1, 2, 3, 10),
  adoption(SEARCH, '2026-11-21', 0, 0, 0, 5),
  adoption(SEARCH, '2026-11-22', 1, 1, 1, 5),
  adoption(SEARCH, '2026-11-23', 0, 1, 1, 5),
];
// September: of u5 and u6 (active in August) u5 came back; October: of u5, u7, u8 (September) u5 and u7 did.
const EXPECTED_RETENTION = [
  retention(CHECKOUT, '2026-09', 2, 1),
  retention(CHECKOUT, '2026-10', 3, 2),
  retention(SEARCH, '2026-09', 0, 0),
  retention(SEARCH, '2026-10', 0, 0),
];

const byId = (a: Observation, b: Observation) => a.id.localeCompare(b.id);
const idsOf = (pages: SourcePage[]) => observationsOf(pages).map(o => o.id);

const credentialsFor = (url: string): Record<string, CredentialDefinition> => ({
  'amplitude-api-key': { secret: API_KEY, allowedUrls: [url] },
  'amplitude-secret-key': { secret: SECRET_KEY, allowedUrls: [url] },
});

/** A pull of `entities` with both keys for the fake, at NOW; `config` adds to the base config. */
const pull = (
  server: FakeAmplitude,
  options: Omit<PullPagesOptions, 'config'> & {
    config?: Record<string, unknown>;
  } = {},
) =>
  pullPages(amplitudeSourceType, {
    credentials: credentialsFor(server.url),
    entities,
    now: NOW,
    ...options,
    config: {
      baseUrl: server.url,
      apiKeyCredential: 'amplitude-api-key',
      secretKeyCredential: 'amplitude-secret-key',
      segmentProperty: 'gp:product',
      eligibleUsers: 5,
      historyDays: 3,
      retentionHistoryMonths: 2,
      retries: 2,
      minRetryDelayMs: 10,
      ...options.config,
    },
  });

describe('amplitudeSourceType', () => {
  let server: FakeAmplitude | undefined;
  const start = async (
    options: Partial<Parameters<typeof startFakeAmplitude>[0]> = {},
  ) => {
    server = await startFakeAmplitude({
      users,
      authorization: AUTHORIZATION,
      today: '2026-11-23',
      ...options,
    });
    return server;
  };
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('binds entities with a segment value and declares its KPIs', () => {
    expect(entities.map(e => amplitudeSourceType.isAvailable(e))).toEqual([
      true,
      true,
      false,
    ]);
    expect(
      amplitudeSourceType.isAvailable(
        testEntity('x', { 'amplitude.com/segment-value': ' , ' }),
      ),
    ).toBe(false);
    expect(amplitudeSourceType.annotation).toBe('amplitude.com/segment-value');
    expect([...amplitudeSourceType.kpis]).toEqual(['adoption', 'retention']);
  });

  it('maps DAU and the rolling 7- and 30-day distinct users of each day, today included, to adoption', async () => {
    const pages = await pull(await start());
    expect(observationsOf(pages, 'adoption')).toEqual(
      [...EXPECTED_ADOPTION].sort(byId),
    );
  });

  it('maps the cohort of each month and its users back a month later to S and E − N of the following month', async () => {
    const pages = await pull(await start());
    expect(observationsOf(pages, 'retention')).toEqual(
      [...EXPECTED_RETENTION].sort(byId),
    );
    for (const o of observationsOf(pages)) {
      expect(parseObservation(o, { now: NOW })).toEqual(o);
    }
  });

  it('asks with the documented parameters, the segment filter of the entity and Basic API key:secret key', async () => {
    const fake = await start();
    await pull(fake, { config: { retentionHistoryMonths: 1 } });
    const segment = JSON.stringify([
      { prop: 'gp:product', op: 'is', values: ['checkout'] },
    ]);
    expect(fake.paths().slice(0, 4)).toEqual([
      `/api/2/users?start=20261121&end=20261123&m=active&i=1&s=${segment}`,
      `/api/2/events/segmentation?e={"event_type":"_active"}&m=uniques&start=20261121&end=20261123&i=1&rollingWindow=7&s=${segment}`,
      `/api/2/events/segmentation?e={"event_type":"_active"}&m=uniques&start=20261121&end=20261123&i=1&rollingWindow=30&s=${segment}`,
      `/api/2/retention?se={"event_type":"_active"}&re={"event_type":"_active"}&start=20260901&end=20260930&i=30&s=${segment}`,
    ]);
    expect(fake.requests).toHaveLength(8);
    for (const request of fake.requests) {
      expect(request.headers.authorization).toBe(AUTHORIZATION);
    }
  });

  it('sends several comma-separated segment values as one "is" condition', async () => {
    const fake = await start();
    const pages = await pull(fake, {
      config: { retention: false },
      entities: [
        testEntity('both', {
          'amplitude.com/segment-value': 'checkout, search',
          'amplitude.com/eligible-users': '20',
        }),
      ],
    });
    expect(fake.paths()[0]).toContain(
      's=[{"prop":"gp:product","op":"is","values":["checkout","search"]}]',
    );
    expect(
      observationsOf(pages).map(o => (o.kpi === 'adoption' ? o.dau : -1)),
    ).toEqual([2, 1, 1]);
  });

  it('reads days in chunks of 90 and stores each chunk as a page', async () => {
    const fake = await start();
    const pages = await pull(fake, {
      config: { historyDays: 120, retention: false },
      entities: [entities[0]],
    });
    const ranges = fake
      .paths()
      .filter(p => p.startsWith('/api/2/users'))
      .map(p => new URL(p, 'http://x').searchParams)
      .map(p => `${p.get('start')}-${p.get('end')}`);
    expect(ranges).toEqual(['20260727-20261024', '20261025-20261123']);
    expect(pages.map(p => p.observations.length)).toEqual([90, 30]);
    expect(pages.map(p => p.cursor)).toEqual([
      { version: 1, adoption: { [CHECKOUT]: '2026-10-24' }, retention: {} },
      { version: 1, adoption: { [CHECKOUT]: '2026-11-22' }, retention: {} },
    ]);
  });

  it('keeps today out of the cursor, so the next run reads the partial day again and replaces it', async () => {
    const fake = await start();
    const first = await pull(fake, { config: { retention: false } });
    expect(first[first.length - 1].cursor).toEqual({
      version: 1,
      adoption: { [CHECKOUT]: '2026-11-22', [SEARCH]: '2026-11-22' },
      retention: {},
    });
    // later on the 23rd, u4 uses search too
    fake.options.users = [
      ...users.filter(u => u.id !== 'u4'),
      user('u4', 'search', ['2026-11-22', '2026-11-23']),
    ];
    const second = await pull(fake, {
      cursor: first[first.length - 1].cursor,
      config: { retention: false },
      now: new Date('2026-11-24T08:00:00Z'),
    });
    expect(observationsOf(second)).toEqual(
      [
        adoption(CHECKOUT, '2026-11-23', 1, 2, 3, 10),
        adoption(CHECKOUT, '2026-11-24', 0, 2, 3, 10),
        adoption(SEARCH, '2026-11-23', 1, 1, 1, 5),
        adoption(SEARCH, '2026-11-24', 0, 1, 1, 5),
      ].sort(byId),
    );
  });

  it('counts days in the project time zone', async () => {
    const fake = await start();
    // 23:30 UTC on the 23rd is already the 24th in Tokyo
    await pull(fake, {
      config: { retention: false, historyDays: 1, timeZone: 'Asia/Tokyo' },
      entities: [entities[0]],
      now: new Date('2026-11-23T23:30:00Z'),
    });
    expect(fake.paths()[0]).toContain('start=20261124&end=20261124');
  });

  it('does not store a retention month whose cohort Amplitude still calls incomplete, and asks again next time', async () => {
    const fake = await start({ today: '2026-10-31' });
    const pages = await pull(fake, { entities: [entities[0]] });
    expect(observationsOf(pages, 'retention').map(o => o.id)).toEqual([
      `retention/2026-09/${CHECKOUT}`,
    ]);
    expect(pages[pages.length - 1].cursor).toMatchObject({
      retention: { [CHECKOUT]: '2026-09-01' },
    });
  });

  it('fails the run naming an entity without eligible users, after storing everything else', async () => {
    const fake = await start();
    const stored: SourcePage[] = [];
    const error: Error = await pull(fake, {
      stored,
      config: { eligibleUsers: undefined },
    }).catch(e => e);
    expect(error.message).toBe(
      `Amplitude source: 1 problem (the rest was read): ${SEARCH}: no eligible users: set the annotation amplitude.com/eligible-users or the source's eligibleUsers`,
    );
    expect(observationsOf(stored).map(o => o.id)).toEqual(
      [
        ...EXPECTED_ADOPTION.filter(o => o.entityRef === CHECKOUT),
        ...EXPECTED_RETENTION,
      ]
        .sort(byId)
        .map(o => o.id),
    );
  });

  it('leaves out a day whose MAU exceeds the eligible users, with a warning', async () => {
    const fake = await start();
    const logger = mockServices.logger.mock();
    const pages = await pull(fake, {
      logger,
      config: { retention: false },
      entities: [
        testEntity('checkout', {
          'amplitude.com/segment-value': 'checkout',
          'amplitude.com/eligible-users': '2',
        }),
      ],
    });
    expect(observationsOf(pages)).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      `Amplitude source: ${CHECKOUT}: days left out of adoption: 2026-11-21 (dau ≤ wau ≤ mau ≤ eligible broken), 2026-11-22 (dau ≤ wau ≤ mau ≤ eligible broken), 2026-11-23 (dau ≤ wau ≤ mau ≤ eligible broken)`,
    );
  });

  it('fails before any request when a named credential is not configured', async () => {
    const fake = await start();
    await expect(
      pull(fake, {
        credentials: {
          'amplitude-api-key': { secret: API_KEY, allowedUrls: [fake.url] },
        },
      }),
    ).rejects.toThrow(
      'Amplitude source: No credential named "amplitude-secret-key" in customerKpis.credentials',
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('sends the keys to no URL that their credentials do not allow, failing before any request', async () => {
    const fake = await start();
    const error: Error = await pull(fake, {
      credentials: credentialsFor('https://amplitude.com'),
    }).catch(e => e);
    expect(error.message).toBe(
      `Amplitude source: Credential "amplitude-api-key" may not be sent to ${fake.url}/api/2/: customerKpis.credentials.amplitude-api-key.allowedUrls allows only https://amplitude.com`,
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('declares where it sends both credentials: the API of the region or of the base URL', () => {
    const base = {
      apiKeyCredential: 'k',
      secretKeyCredential: 's',
      segmentProperty: 'gp:product',
    };
    const targets = (config: Record<string, unknown>) =>
      amplitudeSourceType.credentialTargets!(
        amplitudeConfigSchema.parse({ ...base, ...config }),
      ).map(t => `${t.credentialField}=${t.credential} ${t.urlField} ${t.url}`);
    expect(targets({})).toEqual([
      'apiKeyCredential=k region https://amplitude.com/api/2/',
      'secretKeyCredential=s region https://amplitude.com/api/2/',
    ]);
    expect(targets({ region: 'eu' })).toEqual([
      'apiKeyCredential=k region https://analytics.eu.amplitude.com/api/2/',
      'secretKeyCredential=s region https://analytics.eu.amplitude.com/api/2/',
    ]);
    expect(targets({ baseUrl: 'https://proxy.example/amp/' })).toEqual([
      'apiKeyCredential=k baseUrl https://proxy.example/amp/api/2/',
      'secretKeyCredential=s baseUrl https://proxy.example/amp/api/2/',
    ]);
  });

  it.each([
    [401, 0],
    [500, 2],
  ])(
    'keeps both keys out of the error and the logs when an HTTP %i echoes the request (%i retries logged)',
    async (status, retries) => {
      const fake = await start({
        intercept: (req, res) => {
          sendEcho(req, res, status);
          return true;
        },
      });
      const logger = recordingLogger();
      const error: Error = await pull(fake, {
        logger,
        config: { retention: false },
        entities: [entities[0]],
      }).catch(e => e);
      expect(error.message).toContain(`failed with HTTP ${status}`);
      expect(error.message).toContain('***');
      expect(logger.lines.filter(l => l.level === 'warn')).toHaveLength(
        retries,
      );
      const leaks = [
        ...[API_KEY, SECRET_KEY].flatMap(secret => [
          secret,
          Buffer.from(secret).toString('base64'),
        ]),
        AUTHORIZATION.slice('Basic '.length),
        encodeURIComponent(`${API_KEY}:${SECRET_KEY}`),
      ];
      for (const text of [error.message, JSON.stringify(logger.lines)]) {
        for (const leak of leaks) expect(text).not.toContain(leak);
      }
    },
  );

  it('fails at once on rejected keys with the status and URL, never the keys, and reads no other entity', async () => {
    const fake = await start();
    const error: Error = await pull(fake, {
      credentials: {
        'amplitude-api-key': {
          secret: 'wrong-api-key',
          allowedUrls: [fake.url],
        },
        'amplitude-secret-key': {
          secret: 'wrong-secret-key',
          allowedUrls: [fake.url],
        },
      },
    }).catch(e => e);
    expect(error.message).toContain(
      `GET ${fake.url}/api/2/users?start=20261121&end=20261123&m=active&i=1&s=`,
    );
    expect(error.message).toContain(
      'failed with HTTP 401 Unauthorized: Invalid Api-Key or Secret-Key',
    );
    expect(error.message).not.toContain('wrong-');
    expect(fake.requests).toHaveLength(1);
  });

  it('waits the Retry-After of a 429 (concurrency or cost limit) before asking again', async () => {
    const fake = await start({
      intercept: (_req, res, index) => {
        if (index !== 1) return false;
        sendJson(
          res,
          429,
          {
            error:
              'Too many concurrent requests: at most 5 concurrent requests are allowed per project',
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
    expect(fake.paths()[2]).toBe(fake.paths()[1]);
    expect(observationsOf(pages, 'adoption')).toEqual(
      [...EXPECTED_ADOPTION].sort(byId),
    );
  });

  it('retries a 5xx and carries on', async () => {
    const fake = await start({
      intercept: (_req, res, index) => {
        if (index !== 3) return false;
        sendJson(res, 503, { error: 'Service Unavailable' });
        return true;
      },
    });
    const pages = await pull(fake);
    expect(observationsOf(pages)).toEqual(
      [...EXPECTED_ADOPTION, ...EXPECTED_RETENTION].sort(byId),
    );
  });

  it('fails on an answer in an unexpected shape, naming the endpoint and the field', async () => {
    const fake = await start({
      intercept: (req, res) => {
        if (!req.url?.startsWith('/api/2/users')) return false;
        sendJson(res, 200, { data: { series: [[1, 2, 3]] } });
        return true;
      },
    });
    const error: Error = await pull(fake, {
      config: { retention: false },
      entities: [entities[0]],
    }).catch(e => e);
    expect(error.message).toBe(
      `Amplitude source: 1 problem (the rest was read): ${CHECKOUT}: Amplitude answered /api/2/users in an unexpected shape: data.xValues: Invalid input: expected array, received undefined`,
    );
  });

  it('keeps the pages stored before a failure and resumes from their cursor, reading again only the partial day', async () => {
    let failing = true;
    const fake = await start({
      intercept: (req, res) => {
        const path = decodeURIComponent(req.url ?? '');
        // the second retention month of search fails until told otherwise
        if (
          !failing ||
          !path.startsWith('/api/2/retention') ||
          !path.includes('"search"') ||
          !path.includes('start=20260901')
        ) {
          return false;
        }
        sendJson(res, 500, { error: 'Internal Server Error' });
        return true;
      },
    });
    const stored: SourcePage[] = [];
    await expect(pull(fake, { stored })).rejects.toThrow('HTTP 500');
    expect(observationsOf(stored)).toEqual(
      [
        ...EXPECTED_ADOPTION,
        ...EXPECTED_RETENTION.filter(
          o => o.id !== `retention/2026-10/${SEARCH}`,
        ),
      ].sort(byId),
    );

    failing = false;
    const resumed = await pull(fake, {
      cursor: stored[stored.length - 1].cursor,
    });
    const storedIds = idsOf(stored);
    expect(
      idsOf(resumed)
        .filter(id => storedIds.includes(id))
        .sort(),
    ).toEqual([
      `adoption/2026-11-23/${CHECKOUT}`,
      `adoption/2026-11-23/${SEARCH}`,
    ]);
    expect(observationsOf([...stored, ...resumed]).map(o => o.id)).toEqual(
      [
        ...EXPECTED_ADOPTION,
        ...EXPECTED_RETENTION,
        ...EXPECTED_ADOPTION.filter(o => o.id.includes('2026-11-23')),
      ]
        .sort(byId)
        .map(o => o.id),
    );
    expect(observationsOf(resumed, 'retention')).toEqual([
      retention(SEARCH, '2026-10', 0, 0),
    ]);
  });
});

describe('amplitudeConfigSchema', () => {
  const base = {
    apiKeyCredential: 'k',
    secretKeyCredential: 's',
    segmentProperty: 'gp:product',
  };

  it('takes a region or a base URL, not both', () => {
    expect(amplitudeOrigin(amplitudeConfigSchema.parse(base))).toBe(
      'https://amplitude.com',
    );
    expect(
      amplitudeOrigin(amplitudeConfigSchema.parse({ ...base, region: 'eu' })),
    ).toBe('https://analytics.eu.amplitude.com');
    const both = amplitudeConfigSchema.safeParse({
      ...base,
      region: 'eu',
      baseUrl: 'https://proxy.example',
    });
    expect(both.success).toBe(false);
    expect(both.error?.issues).toEqual([
      expect.objectContaining({
        path: ['baseUrl'],
        message: 'give region or baseUrl, not both',
      }),
    ]);
  });

  it('names the field of a bad time zone', () => {
    const result = amplitudeConfigSchema.safeParse({
      ...base,
      timeZone: 'Mars/Olympus',
    });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['timeZone'],
        message: 'timeZone must be an IANA time zone',
      }),
    ]);
  });

  it('has defaults for everything but the credentials and the segment property', () => {
    expect(amplitudeConfigSchema.parse(base)).toEqual({
      ...base,
      timeZone: 'UTC',
      historyDays: 30,
      retention: true,
      retentionHistoryMonths: 6,
      retries: 4,
      minRetryDelayMs: 1000,
    });
    expect(
      amplitudeConfigSchema
        .safeParse({ apiKeyCredential: 'k', secretKeyCredential: 's' })
        .error?.issues.map(i => i.path.join('.')),
    ).toEqual(['segmentProperty']);
  });
});
