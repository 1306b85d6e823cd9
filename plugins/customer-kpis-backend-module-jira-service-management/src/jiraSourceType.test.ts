import { mockServices } from '@backstage/backend-test-utils';
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
  retractionsOf,
  sendEcho,
  sendJson,
  testEntity,
} from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import {
  FakeIssue,
  FakeJira,
  FakeJiraOptions,
  SLA_FIELD,
  startFakeJira,
} from './__testUtils__/fakeJira';
import { jiraConfigSchema } from './config';
import { jiraServiceManagementSourceType as jsm } from './jiraSourceType';

const TOKEN = 'jira-api-token-123';
const EMAIL = 'kpis@acme.test';
const BASIC = `Basic ${Buffer.from(`${EMAIL}:${TOKEN}`).toString('base64')}`;
const NOW = new Date('2026-11-23T10:00:00Z');

const DESK = 'component:default/service-desk';
const PAYMENTS = 'component:default/payments';
const LAPTOPS = 'component:default/laptops';
const entities = [
  testEntity('service-desk', { 'jira/project-key': 'SD' }),
  testEntity('payments', {
    'jira/project-key': 'sd',
    'jira/component': 'Payments',
  }),
  testEntity('laptops', {
    'jira/project-key': 'IT',
    'jira/request-type': 'Request a laptop',
  }),
];

const issues: FakeIssue[] = [
  {
    id: '10001',
    key: 'SD-1',
    created: '2026-11-02T09:00:00Z',
    resolutiondate: '2026-11-02T13:30:00Z',
    updated: '2026-11-02T13:31:10Z',
    components: ['Payments'],
    sla: { completed: [180 * 60_000] },
    rating: 5,
  },
  // open: nothing to resolve yet
  {
    id: '10002',
    key: 'SD-2',
    created: '2026-11-03T09:00:00Z',
    updated: '2026-11-03T09:00:00Z',
  },
  // the SLA clock still runs: calendar time only; no feedback
  {
    id: '10003',
    key: 'SD-3',
    created: '2026-11-03T10:00:00Z',
    resolutiondate: '2026-11-05T10:00:00Z',
    updated: '2026-11-05T10:00:00Z',
    sla: { completed: [], ongoing: true },
  },
  // `created` missing on this record: left out, counted
  {
    id: '10004',
    key: 'SD-4',
    created: '2026-11-06T10:00:00Z',
    resolutiondate: '2026-11-06T11:00:00Z',
    updated: '2026-11-06T11:00:00Z',
    omit: ['created'],
  },
  // no SLA field and no components on this record
  {
    id: '10005',
    key: 'SD-5',
    created: '2026-11-10T08:00:00Z',
    resolutiondate: '2026-11-10T09:00:00Z',
    updated: '2026-11-10T09:00:00Z',
    omit: [SLA_FIELD, 'components'],
    rating: 2,
  },
  // an SLA longer than the calendar time is dropped, the issue kept
  {
    id: '10006',
    key: 'SD-6',
    created: '2026-11-12T08:00:00Z',
    resolutiondate: '2026-11-12T09:00:00Z',
    updated: '2026-11-12T09:00:00Z',
    sla: { completed: [9999 * 60_000] },
    rating: 4,
  },
  // reopened once and resolved again: two completed SLA cycles
  {
    id: '20001',
    key: 'IT-1',
    created: '2026-11-04T10:00:00Z',
    resolutiondate: '2026-11-04T14:00:00Z',
    updated: '2026-11-04T14:00:00Z',
    requestType: { id: '31', name: 'Request a laptop' },
    sla: { completed: [60 * 60_000, 30 * 60_000] },
    rating: 3,
  },
  // another request type: feeds no entity
  {
    id: '20002',
    key: 'IT-2',
    created: '2026-11-05T10:00:00Z',
    resolutiondate: '2026-11-05T11:00:00Z',
    updated: '2026-11-05T11:00:00Z',
    requestType: { id: '32', name: 'Get IT help' },
    rating: 1,
  },
];

const resolved = (
  issueId: string,
  entityRef: string,
  openedAt: string,
  resolvedAt: string,
  businessMinutes?: number,
): Observation => ({
  id: `issue/${issueId}/${entityRef}`,
  kpi: 'time-to-resolve',
  entityRef,
  openedAt,
  resolvedAt,
  ...(businessMinutes === undefined ? {} : { businessMinutes }),
});
const feedback = (
  issueId: string,
  entityRef: string,
  timestamp: string,
  score: number,
): Observation => ({
  id: `feedback/${issueId}/${entityRef}`,
  kpi: 'satisfaction',
  entityRef,
  timestamp,
  score: score as 1 | 2 | 3 | 4 | 5,
});

const byId = (a: Observation, b: Observation) => a.id.localeCompare(b.id);
const EXPECTED: Observation[] = [
  feedback('10001', DESK, '2026-11-02T13:30:00.000Z', 5),
  feedback('10001', PAYMENTS, '2026-11-02T13:30:00.000Z', 5),
  feedback('10005', DESK, '2026-11-10T09:00:00.000Z', 2),
  feedback('10006', DESK, '2026-11-12T09:00:00.000Z', 4),
  feedback('20001', LAPTOPS, '2026-11-04T14:00:00.000Z', 3),
  resolved(
    '10001',
    DESK,
    '2026-11-02T09:00:00.000Z',
    '2026-11-02T13:30:00.000Z',
    180,
  ),
  resolved(
    '10001',
    PAYMENTS,
    '2026-11-02T09:00:00.000Z',
    '2026-11-02T13:30:00.000Z',
    180,
  ),
  resolved(
    '10003',
    DESK,
    '2026-11-03T10:00:00.000Z',
    '2026-11-05T10:00:00.000Z',
  ),
  resolved(
    '10005',
    DESK,
    '2026-11-10T08:00:00.000Z',
    '2026-11-10T09:00:00.000Z',
  ),
  resolved(
    '10006',
    DESK,
    '2026-11-12T08:00:00.000Z',
    '2026-11-12T09:00:00.000Z',
  ),
  resolved(
    '20001',
    LAPTOPS,
    '2026-11-04T10:00:00.000Z',
    '2026-11-04T14:00:00.000Z',
    90,
  ),
].sort(byId);

/** {@link pullPages} of the fake with the email and token, the SLA field, two issues a page and fast retries. */
function pull(
  server: FakeJira,
  {
    config,
    ...options
  }: Omit<PullPagesOptions, 'config'> & {
    config?: Record<string, unknown>;
  } = {},
): Promise<SourcePage[]> {
  return pullPages(jsm, {
    config: {
      baseUrl: server.url,
      email: EMAIL,
      credential: 'jira-api',
      slaField: SLA_FIELD,
      pageSize: 2,
      retries: 2,
      minRetryDelayMs: 10,
      ...config,
    },
    credentials: { 'jira-api': { secret: TOKEN, allowedUrls: [server.url] } },
    entities,
    now: NOW,
    ...options,
  });
}

/** All that was logged, as one text to search for secrets. */
const loggedText = (logger: ReturnType<typeof recordingLogger>) =>
  JSON.stringify(logger.lines);
const lastCursor = (pages: SourcePage[]) => pages[pages.length - 1].cursor;
const feedbackPaths = (fake: FakeJira) =>
  fake.paths().filter(p => p.includes('/feedback'));

describe('jiraServiceManagementSourceType', () => {
  let server: FakeJira | undefined;
  const start = async (options: Partial<FakeJiraOptions> = {}) => {
    server = await startFakeJira({
      issues: structuredClone(issues),
      authorization: BASIC,
      timeZone: 'Asia/Kolkata',
      utcOffsetMinutes: 330,
      ...options,
    });
    return server;
  };
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('binds entities by jira/project-key, the community Jira plugins annotation, and declares its KPIs', () => {
    expect(entities.map(e => jsm.isAvailable(e))).toEqual([true, true, true]);
    expect(
      jsm.isAvailable(testEntity('x', { 'jira/project-key': 'not a key' })),
    ).toBe(false);
    expect(
      jsm.isAvailable(testEntity('y', { 'jira/component': 'Payments' })),
    ).toBe(false);
    expect(jsm.annotation).toBe('jira/project-key');
    expect([...jsm.kpis]).toEqual(['time-to-resolve', 'satisfaction']);
  });

  it('maps resolved requests to time to resolve with the SLA business time, and their feedback to CSAT', async () => {
    const logger = mockServices.logger.mock();
    const pages = await pull(await start(), { logger });
    expect(observationsOf(pages)).toEqual(EXPECTED);
    for (const o of observationsOf(pages)) {
      expect(parseObservation(o)).toEqual(o);
    }
    // SD-4 has no `created`: left out and counted
    expect(logger.warn).toHaveBeenCalledWith(
      'Jira Service Management source: 1 issue(s) of SD without usable dates or rating were left out',
    );
  });

  it('retracts what an issue no longer feeds: open requests, requests without feedback, other request types', async () => {
    const pages = await pull(await start());
    expect(retractionsOf(pages).sort()).toEqual(
      [
        `issue/10002/${DESK}`, // open
        `issue/10002/${PAYMENTS}`, // open, and not of the Payments component
        `feedback/10002/${PAYMENTS}`,
        `issue/10003/${PAYMENTS}`,
        `feedback/10003/${PAYMENTS}`,
        `feedback/10003/${DESK}`, // no feedback (404)
        `issue/10004/${PAYMENTS}`,
        `feedback/10004/${PAYMENTS}`,
        `feedback/10004/${DESK}`,
        `issue/10005/${PAYMENTS}`,
        `feedback/10005/${PAYMENTS}`,
        `issue/10006/${PAYMENTS}`,
        `feedback/10006/${PAYMENTS}`,
        `issue/20002/${LAPTOPS}`, // "Get IT help" is not "Request a laptop"
        `feedback/20002/${LAPTOPS}`,
      ].sort(),
    );
    for (const page of pages) {
      const observed = page.observations.map(o => o.id);
      expect(
        (page.retractions ?? []).filter(id => observed.includes(id)),
      ).toEqual([]);
    }
  });

  it('asks for feedback only for resolved requests that feed an entity', async () => {
    const fake = await start();
    await pull(fake);
    expect(feedbackPaths(fake)).toEqual(
      ['IT-1', 'SD-1', 'SD-3', 'SD-4', 'SD-5', 'SD-6'].map(
        key => `/rest/servicedeskapi/request/${key}/feedback`,
      ),
    );
  });

  it('reads no feedback when feedback is off, and no business time without slaField', async () => {
    const fake = await start();
    const pages = await pull(fake, {
      config: { feedback: false, slaField: undefined },
    });
    expect(feedbackPaths(fake)).toEqual([]);
    expect(observationsOf(pages, 'satisfaction')).toEqual([]);
    expect(
      observationsOf(pages, 'time-to-resolve').map(o =>
        'businessMinutes' in o ? o.businessMinutes : undefined,
      ),
    ).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("searches each project with JQL on updated, in the API user's time zone, from initialLookbackDays ago less the overlap", async () => {
    const fake = await start();
    await pull(fake);
    // 2026-11-23T10:00Z − 90 days − 10 minutes = 2026-08-25T09:50Z = 15:20 in Kolkata (UTC+05:30)
    expect([...new Set(fake.jqls())]).toEqual([
      'project = "IT" AND updated >= "2026/08/25 15:20" ORDER BY updated ASC, key ASC',
      'project = "SD" AND updated >= "2026/08/25 15:20" ORDER BY updated ASC, key ASC',
    ]);
    expect(fake.paths()[0]).toBe('/rest/api/3/myself');
    const search = new URL(fake.paths()[1], 'http://x').searchParams;
    expect(search.get('fields')).toBe(
      `created,updated,resolutiondate,project,components,labels,${SLA_FIELD},customfield_10010`,
    );
    expect(search.get('maxResults')).toBe('2');
  });

  it('uses the configured time zone without asking Jira, and ANDs the configured JQL', async () => {
    const fake = await start();
    await pull(fake, {
      config: { timeZone: 'UTC', jql: 'issuetype = "Service Request"' },
    });
    expect(fake.paths().some(p => p.includes('myself'))).toBe(false);
    expect(fake.jqls()[0]).toBe(
      'project = "IT" AND updated >= "2026/08/25 09:50" AND (issuetype = "Service Request") ORDER BY updated ASC, key ASC',
    );
  });

  it('follows nextPageToken until isLast, one page each, with the cursor after each page', async () => {
    const fake = await start();
    const pages = await pull(fake);
    const searches = fake.paths().filter(p => p.includes('/search/jql'));
    // IT: 2 issues, SD: 6 issues; 2 per page
    expect(searches).toHaveLength(4);
    expect(
      searches.map(p =>
        new URL(p, 'http://x').searchParams.has('nextPageToken'),
      ),
    ).toEqual([false, false, true, true]);
    expect(pages).toHaveLength(4);
    expect(pages[1].cursor).toEqual({
      version: 1,
      projects: {
        IT: expect.objectContaining({ since: '2026-11-05T11:00:00.000Z' }),
        SD: expect.objectContaining({
          since: '2026-11-03T09:00:00.000Z',
          // only the issues within the overlap (and a minute) of since
          seen: { '10002': Date.parse('2026-11-03T09:00:00Z') },
        }),
      },
    });
  });

  it('reads Data Center with /rest/api/2/search and startAt paging', async () => {
    const fake = await start();
    const pages = await pull(fake, { config: { deployment: 'data-center' } });
    expect(observationsOf(pages)).toEqual(EXPECTED);
    const searches = fake
      .paths()
      .filter(p => p.includes('/search'))
      .map(p => new URL(p, 'http://x'));
    expect(searches.every(u => u.pathname === '/rest/api/2/search')).toBe(true);
    expect(fake.paths()[0]).toBe('/rest/api/2/myself');
    // each further page starts one early, to check that the results did not move
    expect(searches.map(u => u.searchParams.get('startAt'))).toEqual([
      '0',
      '0',
      '1',
      '3',
    ]);
  });

  it('on Data Center, reads the search again when an issue updated while paging moves the results, and loses none', async () => {
    const fake = await start({
      intercept: req => {
        const url = new URL(req.url ?? '/', 'http://x');
        if (
          url.searchParams.get('startAt') === '1' &&
          url.searchParams.get('jql')?.includes('"SD"')
        ) {
          // SD-1, read on the first page, is updated: it moves to the end and everything after shifts left
          const sd1 = fake.options.issues.find(i => i.key === 'SD-1')!;
          sd1.updated = '2026-11-20T08:00:00Z';
        }
        return false;
      },
    });
    const pages = await pull(fake, { config: { deployment: 'data-center' } });
    const sdStarts = fake
      .paths()
      .map(p => new URL(p, 'http://x').searchParams)
      .filter(q => q.get('jql')?.includes('"SD"'))
      .map(q => q.get('startAt'));
    expect(sdStarts).toEqual(['0', '1', '0', '1', '3']);
    // SD-1 is read twice (before and after its update), every other issue once, none lost
    const ids = pages.flatMap(p => p.observations.map(o => o.id));
    expect([...new Set(ids)].sort()).toEqual(EXPECTED.map(o => o.id));
    expect(ids.filter(id => id === `issue/10001/${DESK}`)).toHaveLength(2);
    expect(ids.filter(id => id === `issue/10006/${DESK}`)).toHaveLength(1);
  });

  it('authenticates with "email:token" (basic), or with a bearer token when no email is given', async () => {
    const fake = await start();
    await pull(fake);
    expect(fake.requests.every(r => r.headers.authorization === BASIC)).toBe(
      true,
    );

    fake.options.authorization = `Bearer ${TOKEN}`;
    const before = fake.requests.length;
    const pages = await pull(fake, { config: { email: undefined } });
    expect(observationsOf(pages)).toEqual(EXPECTED);
    expect(
      fake.requests
        .slice(before)
        .every(r => r.headers.authorization === `Bearer ${TOKEN}`),
    ).toBe(true);
  });

  it('fails before any request when the named credential is not configured', async () => {
    const fake = await start();
    await expect(pull(fake, { credentials: {} })).rejects.toThrow(
      'Jira Service Management source: No credential named "jira-api" in customerKpis.credentials',
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('sends the token to no URL that its credential does not allow, failing before any request', async () => {
    const fake = await start();
    const error: Error = await pull(fake, {
      credentials: {
        'jira-api': {
          secret: TOKEN,
          allowedUrls: ['https://acme.atlassian.net'],
        },
      },
    }).catch(e => e);
    expect(error.message).toBe(
      `Jira Service Management source: Credential "jira-api" may not be sent to ${fake.url}/rest/: customerKpis.credentials.jira-api.allowedUrls allows only https://acme.atlassian.net`,
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('declares where it sends its credential: under /rest/ of the base URL', () => {
    const base = { email: EMAIL, credential: 'jira-api' };
    expect(
      jsm.credentialTargets!(
        jiraConfigSchema.parse({
          ...base,
          baseUrl: 'https://api.atlassian.com/ex/jira/1234abcd/',
        }),
      ),
    ).toEqual([
      {
        credential: 'jira-api',
        credentialField: 'credential',
        urlField: 'baseUrl',
        url: 'https://api.atlassian.com/ex/jira/1234abcd/rest/',
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
      for (const text of [error.message, loggedText(logger)]) {
        expect(text).not.toContain(TOKEN);
        expect(text).not.toContain(BASIC.slice('Basic '.length));
        expect(text).not.toContain(encodeURIComponent(`${EMAIL}:${TOKEN}`));
      }
    },
  );

  it('fails at once on a rejected token (401) with the status and URL, never the token', async () => {
    const fake = await start();
    const error: Error = await pull(fake, {
      credentials: {
        'jira-api': { secret: 'wrong-token', allowedUrls: [fake.url] },
      },
    }).catch(e => e);
    expect(error.message).toBe(
      `GET ${fake.url}/rest/api/3/myself failed with HTTP 401 Unauthorized: Client must be authenticated to access this resource.`,
    );
    expect(fake.requests).toHaveLength(1);
  });

  it('fails clearly when Jira answers in an unexpected shape', async () => {
    const fake = await start({
      intercept: (req, res) => {
        if (!req.url?.startsWith('/rest/api/3/search/jql')) return false;
        sendJson(res, 200, { issues: 'none', isLast: true });
        return true;
      },
    });
    const error: Error = await pull(fake).catch(e => e);
    expect(error.message).toBe(
      'Jira answered /rest/api/3/search/jql in an unexpected shape: issues: Invalid input: expected array, received string',
    );
  });

  it('waits the Retry-After of a 429 before asking again', async () => {
    const fake = await start({
      intercept: (_req, res, index) => {
        if (index !== 2) return false;
        sendJson(
          res,
          429,
          { errorMessages: ['Rate limit exceeded'] },
          { 'retry-after': '1' },
        );
        return true;
      },
    });
    const pages = await pull(fake);
    expect(fake.requests[3].at - fake.requests[2].at).toBeGreaterThanOrEqual(
      990,
    );
    expect(fake.paths()[3]).toBe(fake.paths()[2]);
    expect(observationsOf(pages)).toEqual(EXPECTED);
  });

  it('retries a 5xx and carries on', async () => {
    const fake = await start({
      intercept: (_req, res, index) => {
        if (index !== 1 && index !== 4) return false;
        sendJson(res, 503, { errorMessages: ['Service Unavailable'] });
        return true;
      },
    });
    const pages = await pull(fake);
    expect(observationsOf(pages)).toEqual(EXPECTED);
  });

  it('retracts a reopened request until it is resolved again', async () => {
    const fake = await start();
    const first = await pull(fake);
    expect(observationsOf(first).map(o => o.id)).toContain(
      `issue/10001/${DESK}`,
    );

    // reopened: Jira clears the resolution date
    const sd1 = fake.options.issues.find(i => i.key === 'SD-1')!;
    Object.assign(sd1, {
      resolutiondate: null,
      updated: '2026-11-21T08:00:00Z',
      sla: { completed: [180 * 60_000], ongoing: true },
    });
    const reopened = await pull(fake, { cursor: lastCursor(first) });
    expect(observationsOf(reopened)).toEqual([]);
    expect(retractionsOf(reopened).sort()).toEqual(
      [`issue/10001/${DESK}`, `issue/10001/${PAYMENTS}`].sort(),
    );

    // resolved again: a new resolution date and a second SLA cycle
    Object.assign(sd1, {
      resolutiondate: '2026-11-21T10:00:00Z',
      updated: '2026-11-21T10:00:00Z',
      sla: { completed: [180 * 60_000, 60 * 60_000] },
    });
    const again = await pull(fake, { cursor: lastCursor(reopened) });
    expect(observationsOf(again, 'time-to-resolve')).toEqual([
      resolved(
        '10001',
        PAYMENTS,
        '2026-11-02T09:00:00.000Z',
        '2026-11-21T10:00:00.000Z',
        240,
      ),
      resolved(
        '10001',
        DESK,
        '2026-11-02T09:00:00.000Z',
        '2026-11-21T10:00:00.000Z',
        240,
      ),
    ]);
    expect(retractionsOf(again)).toEqual([]);
  });

  it('continues from the stored cursor with the overlap, skipping the requests it has seen unchanged', async () => {
    const fake = await start();
    const first = await pull(fake);
    fake.options.issues.push({
      id: '10007',
      key: 'SD-7',
      created: '2026-11-12T08:30:00Z',
      resolutiondate: '2026-11-12T08:59:00Z',
      updated: '2026-11-12T09:00:30Z', // within the minute of SD-6, the last one seen
      rating: 5,
    });
    const before = fake.requests.length;
    const second = await pull(fake, { cursor: lastCursor(first) });
    // since = SD-6's 2026-11-12T09:00Z, less 10 minutes = 08:50Z = 14:20 in Kolkata
    expect(fake.jqls().slice(-1)[0]).toBe(
      'project = "SD" AND updated >= "2026/11/12 14:20" ORDER BY updated ASC, key ASC',
    );
    expect(observationsOf(second).map(o => o.id)).toEqual([
      `feedback/10007/${DESK}`,
      `issue/10007/${DESK}`,
    ]);
    // SD-6 came back with the overlap, unchanged: no second feedback request
    expect(
      fake
        .paths()
        .slice(before)
        .filter(p => p.includes('/feedback')),
    ).toEqual(['/rest/servicedeskapi/request/SD-7/feedback']);
  });

  it('reads a project bound anew, or bound differently, from initialLookbackDays ago', async () => {
    const fake = await start();
    const first = await pull(fake);
    const narrowed = [
      entities[0],
      testEntity('payments', {
        'jira/project-key': 'SD',
        'jira/component': 'Payments, Cards',
      }),
      entities[2],
    ];
    const before = fake.jqls().length;
    await pull(fake, { cursor: lastCursor(first), entities: narrowed });
    const jqls = fake.jqls().slice(before);
    expect(jqls.filter(j => j.includes('"IT"'))[0]).toContain(
      'updated >= "2026/11/05 16:20"',
    );
    expect(jqls.filter(j => j.includes('"SD"'))[0]).toContain(
      'updated >= "2026/08/25 15:20"',
    );
  });

  it.each([
    ['the search', (path: string) => path.includes('nextPageToken'), 2],
    ['the feedback', (path: string) => path.includes('SD-5/feedback'), 3],
  ])(
    'keeps the pages stored before a failure in %s, and resumes from their cursor storing each request once',
    async (_what, failing, storedPages) => {
      let fail = true;
      const fake = await start({
        intercept: (req, res) => {
          if (!fail || !failing(decodeURIComponent(req.url ?? '')))
            return false;
          sendJson(res, 500, { errorMessages: ['Internal server error'] });
          return true;
        },
      });
      const stored: SourcePage[] = [];
      await expect(pull(fake, { stored })).rejects.toThrow('HTTP 500');
      expect(stored).toHaveLength(storedPages);

      fail = false;
      const resumed = await pull(fake, { cursor: lastCursor(stored) });
      const storedIds = stored.flatMap(p => p.observations.map(o => o.id));
      const resumedIds = resumed.flatMap(p => p.observations.map(o => o.id));
      expect(resumedIds.filter(id => storedIds.includes(id))).toEqual([]);
      expect([...storedIds, ...resumedIds].sort()).toEqual(
        EXPECTED.map(o => o.id),
      );
    },
  );

  it('reads nothing when no entity is bound', async () => {
    const fake = await start();
    expect(await pull(fake, { entities: [] })).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });
});
