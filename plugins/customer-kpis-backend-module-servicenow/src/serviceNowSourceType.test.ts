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
  FakeServiceNow,
  FakeServiceNowOptions,
  startFakeServiceNow,
} from './__testUtils__/fakeServiceNow';
import {
  EXPECTED_RESOLVED,
  EXPECTED_RETRACTED,
  EXPECTED_SURVEYS,
  EXPECTED_SURVEY_RETRACTED,
  INC,
  REFERENCES,
  SURVEY_METRICS,
  entities,
  incidents,
  sid,
  surveyTables,
} from './__testUtils__/fixtures';
import { serviceNowConfigSchema } from './config';
import { serviceNowSourceType } from './serviceNowSourceType';

const USER = 'kpi.integration';
const PASSWORD = 'sn-password-123';
const CLIENT_ID = 'a1b2c3d4e5f6';
const CLIENT_SECRET = 'sn-client-secret-456';
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
const NOW = new Date('2026-11-23T10:00:00Z');

const byId = (a: Observation, b: Observation) => a.id.localeCompare(b.id);
/** Every id the pages stored, observed or retracted. */
const idsOf = (pages: SourcePage[]) => [
  ...observationsOf(pages).map(o => o.id),
  ...retractionsOf(pages),
];
/** All that was logged, as one text to search for secrets. */
const loggedText = (logger: ReturnType<typeof recordingLogger>) =>
  JSON.stringify(logger.lines);

/** {@link pullPages} of the fake with basic auth (or OAuth), two records a page, the survey metrics and fast retries. */
function pull(
  server: FakeServiceNow,
  {
    config,
    oauth,
    ...options
  }: Omit<PullPagesOptions, 'config'> & {
    config?: Record<string, unknown>;
    oauth?: boolean;
  } = {},
): Promise<SourcePage[]> {
  return pullPages(serviceNowSourceType, {
    config: {
      baseUrl: server.url,
      auth: oauth
        ? {
            type: 'oauth',
            clientId: CLIENT_ID,
            credential: 'servicenow-client',
          }
        : { type: 'basic', username: USER, credential: 'servicenow-password' },
      pageSize: 2,
      surveyMetrics: SURVEY_METRICS,
      retries: 2,
      minRetryDelayMs: 10,
      ...config,
    },
    credentials: {
      'servicenow-password': { secret: PASSWORD, allowedUrls: [server.url] },
      'servicenow-client': { secret: CLIENT_SECRET, allowedUrls: [server.url] },
    },
    entities,
    now: NOW,
    ...options,
  });
}

describe('serviceNowSourceType', () => {
  let server: FakeServiceNow | undefined;
  const start = async (options: Partial<FakeServiceNowOptions> = {}) => {
    server = await startFakeServiceNow({
      tables: { incident: incidents(), ...surveyTables() },
      references: REFERENCES,
      basic: { username: USER, password: PASSWORD },
      oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      ...options,
    });
    return server;
  };
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('binds entities by business service, CI, assignment group or entity id, and declares its KPIs', () => {
    expect(entities.map(e => serviceNowSourceType.isAvailable(e))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    // A name is not a sys_id: it would never match the raw value, so the entity is not bound.
    expect(
      serviceNowSourceType.isAvailable(
        testEntity('x', {
          'servicenow.com/assignment_group': 'Service Desk',
        }),
      ),
    ).toBe(false);
    expect(
      serviceNowSourceType.isAvailable(
        testEntity('y', { 'servicenow.com/category': 'network' }),
      ),
    ).toBe(false);
    expect(serviceNowSourceType.annotation).toBe(
      'servicenow.com/business_service',
    );
    expect(serviceNowSourceType.bindingAnnotations).toEqual([
      'servicenow.com/business_service',
      'servicenow.com/cmdb_ci',
      'servicenow.com/assignment_group',
      'servicenow.com/entity-id',
    ]);
    expect([...serviceNowSourceType.kpis]).toEqual([
      'time-to-resolve',
      'satisfaction',
      'customer-effort',
      'recommend',
    ]);
  });

  it('maps resolved incidents of bound entities to time to resolve with the business duration, and retracts the others', async () => {
    const pages = await pull(await start());
    expect(observationsOf(pages, 'time-to-resolve')).toEqual(EXPECTED_RESOLVED);
    expect(retractionsOf(pages).sort()).toEqual(
      [...EXPECTED_RETRACTED, ...EXPECTED_SURVEY_RETRACTED].sort(),
    );
    for (const o of observationsOf(pages)) {
      expect(parseObservation(o)).toEqual(o);
    }
  });

  it('warns about resolved records it could not read, without failing the run', async () => {
    const logger = mockServices.logger.mock();
    await pull(await start(), { logger });
    expect(logger.warn).toHaveBeenCalledWith(
      'ServiceNow source: 1 resolved incident record(s) could not be mapped and were left out (or retracted)',
    );
  });

  it('maps survey answers of the configured metrics, by sys_id or name, through the task of their assessment', async () => {
    const pages = await pull(await start());
    expect(
      observationsOf(pages).filter(o => o.kpi !== 'time-to-resolve'),
    ).toEqual(EXPECTED_SURVEYS);
    expect(server!.queries('asmt_metric_result')[0]).toBe(
      `metric=${sid(
        'm-csat',
      )}^ORmetric.name=Recommend^ORmetric.name=Effort^instance.trigger_table=incident^instance.state=complete^sys_updated_on<2026-11-23 09:59:00^sys_updated_on>=2026-08-25 10:00:00^ORDERBYsys_updated_on^ORDERBYsys_id`,
    );
  });

  it('reads no survey answers when no metric is configured', async () => {
    const fake = await start();
    const pages = await pull(fake, { config: { surveyMetrics: [] } });
    expect(fake.queries('asmt_metric_result')).toEqual([]);
    expect(observationsOf(pages).every(o => o.kpi === 'time-to-resolve')).toBe(
      true,
    );
  });

  it('asks for raw values of the needed fields, updated since the lookback and before the settle time', async () => {
    const fake = await start();
    await pull(fake);
    const first = new URL(fake.requests[0].url, fake.url);
    expect(first.pathname).toBe('/api/now/table/incident');
    expect(Object.fromEntries(first.searchParams)).toEqual({
      sysparm_query:
        'sys_updated_on<2026-11-23 09:59:00^sys_updated_on>=2026-08-25 10:00:00^ORDERBYsys_updated_on^ORDERBYsys_id',
      sysparm_fields:
        'sys_id,sys_updated_on,state,opened_at,resolved_at,business_duration,business_service,cmdb_ci,assignment_group,u_backstage_entity_id',
      sysparm_limit: '2',
      sysparm_display_value: 'false',
      sysparm_exclude_reference_link: 'true',
    });
  });

  it('pages on (sys_updated_on, sys_id), so records updated in the same second are neither skipped nor repeated', async () => {
    const fake = await start();
    const pages = await pull(fake);
    const queries = fake
      .queries('incident')
      .filter(q => !q.includes('sys_idIN'));
    // 9 records before the settle time, 2 per page
    expect(queries).toHaveLength(5);
    // the second page ended at the first of three records updated at 2026-11-05 10:00:00
    expect(queries[2]).toBe(
      `sys_updated_on<2026-11-23 09:59:00^sys_updated_on>2026-11-05 10:00:00^NQsys_updated_on<2026-11-23 09:59:00^sys_updated_on=2026-11-05 10:00:00^sys_id>${INC.tieB}^ORDERBYsys_updated_on^ORDERBYsys_id`,
    );
    const ticketIds = idsOf(pages)
      .filter(id => id.startsWith('task/'))
      .map(id => id.split('/')[1]);
    expect(new Set(ticketIds).size).toBe(ticketIds.length);
    expect(ticketIds).not.toContain(INC.settling);
    expect(pages[pages.length - 1].cursor).toEqual({
      version: 1,
      tickets: { updatedOn: '2026-11-10 08:00:00', sysId: INC.portal },
      surveys: { updatedOn: '2026-11-05 12:00:01', sysId: sid('r4') },
    });
  });

  it('pages past rows that ACLs withhold while the Link header says more follow', async () => {
    const fake = await start({ hidden: new Set([INC.tieA, INC.tieB]) });
    const pages = await pull(fake);
    const queries = fake
      .paths()
      .filter(
        p => p.startsWith('/api/now/table/incident') && !p.includes('sys_idIN'),
      );
    expect(queries[2]).toContain('sysparm_offset=2');
    expect(observationsOf(pages, 'time-to-resolve').map(o => o.id)).toEqual(
      EXPECTED_RESOLVED.map(o => o.id).filter(
        id => !id.includes(INC.tieA) && !id.includes(INC.tieB),
      ),
    );
  });

  it('continues from the stored cursor, reading only records updated since, and picks up the settled record', async () => {
    const fake = await start();
    const first = await pull(fake);
    const before = fake.requests.length;
    // the config's own defaults (one page, no survey metrics), not those of `pull`
    const stored = await pullPages(serviceNowSourceType, {
      config: {
        baseUrl: fake.url,
        auth: { type: 'basic', username: USER, credential: 'pw' },
      },
      credentials: { pw: { secret: PASSWORD, allowedUrls: [fake.url] } },
      entities,
      cursor: first[first.length - 1].cursor,
      now: new Date('2026-11-23T10:05:00Z'),
    });
    expect(fake.queries('incident').slice(-1)[0]).toBe(
      `sys_updated_on<2026-11-23 10:04:00^sys_updated_on>2026-11-10 08:00:00^NQsys_updated_on<2026-11-23 10:04:00^sys_updated_on=2026-11-10 08:00:00^sys_id>${INC.portal}^ORDERBYsys_updated_on^ORDERBYsys_id`,
    );
    expect(fake.requests.length - before).toBe(1);
    expect(idsOf(stored)).toEqual([
      `task/${INC.settling}/component:default/payments`,
    ]);
  });

  it('retracts a reopened ticket and observes it again once it is resolved again', async () => {
    const fake = await start();
    const payments = 'component:default/payments';
    const id = `task/${INC.resolved}/${payments}`;
    const first = await pull(fake, { config: { surveyMetrics: [] } });
    expect(observationsOf(first).map(o => o.id)).toContain(id);

    const record = fake.options.tables.incident.find(
      r => r.sys_id === INC.resolved,
    )!;
    Object.assign(record, {
      state: '2',
      resolved_at: '',
      business_duration: '',
      sys_updated_on: '2026-11-12 08:00:00',
    });
    const second = await pull(fake, {
      cursor: first[first.length - 1].cursor,
      config: { surveyMetrics: [] },
    });
    expect(observationsOf(second)).toEqual([]);
    expect(retractionsOf(second)).toEqual([id]);

    Object.assign(record, {
      state: '6',
      resolved_at: '2026-11-13 09:00:00',
      business_duration: '1970-01-01 06:00:00',
      sys_updated_on: '2026-11-13 09:00:00',
    });
    const third = await pull(fake, {
      cursor: second[second.length - 1].cursor,
      config: { surveyMetrics: [] },
    });
    expect(retractionsOf(third)).toEqual([]);
    expect(observationsOf(third)).toEqual([
      {
        id,
        kpi: 'time-to-resolve',
        entityRef: payments,
        openedAt: '2026-11-02T09:00:00.000Z',
        resolvedAt: '2026-11-13T09:00:00.000Z',
        businessMinutes: 360,
      },
    ]);
  });

  it('authenticates every request with basic auth of the user and the named credential', async () => {
    const fake = await start();
    await pull(fake);
    expect(fake.requests.length).toBeGreaterThan(0);
    for (const request of fake.requests) {
      expect(request.headers.authorization).toBe(BASIC);
    }
  });

  it('with OAuth, buys one token with the client credentials and sends it as a bearer token until it expires', async () => {
    const fake = await start();
    const pages = await pull(fake, { oauth: true });
    expect(fake.tokens).toHaveLength(1);
    expect(fake.paths()[0]).toBe('/oauth_token.do');
    for (const request of fake.requests.slice(1)) {
      expect(request.headers.authorization).toBe(`Bearer ${fake.tokens[0]}`);
    }
    expect(observationsOf(pages, 'time-to-resolve')).toEqual(EXPECTED_RESOLVED);
  });

  it('with OAuth, buys a new token once the current one is about to expire', async () => {
    // expires_in 60 s is within the renewal margin: every request needs a new token
    const fake = await start({
      oauth: {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        expiresIn: 60,
      },
    });
    await pull(fake, { oauth: true });
    const apiRequests = fake.requests.filter(r => r.url.startsWith('/api/'));
    expect(fake.tokens).toHaveLength(apiRequests.length);
    expect(apiRequests.map(r => r.headers.authorization)).toEqual(
      fake.tokens.map(token => `Bearer ${token}`),
    );
  });

  it('with OAuth, buys a new token when the current one is refused (401), once', async () => {
    let revoked = false;
    const fake = await start({
      intercept: (_req, _res, index) => {
        if (index === 3 && !revoked) {
          revoked = true;
          fake.revokeTokens();
        }
        return false;
      },
    });
    const logger = mockServices.logger.mock();
    const pages = await pull(fake, { oauth: true, logger });
    expect(fake.tokens).toHaveLength(2);
    expect(fake.paths().filter(p => p === '/oauth_token.do')).toHaveLength(2);
    expect(logger.info).toHaveBeenCalledWith(
      'ServiceNow source: the access token was refused (HTTP 401); requesting a new one',
    );
    expect(observationsOf(pages, 'time-to-resolve')).toEqual(EXPECTED_RESOLVED);
  });

  it('with OAuth, fails clearly when a new token is refused too', async () => {
    const fake = await start({
      intercept: (req, res) => {
        if (req.url?.startsWith('/api/now/')) {
          sendJson(res, 401, {
            error: { message: 'User Not Authenticated', detail: null },
            status: 'failure',
          });
          return true;
        }
        return false;
      },
    });
    const error: Error = await pull(fake, { oauth: true }).catch(e => e);
    expect(error.message).toMatch(
      /^ServiceNow refused a new access token of OAuth client "a1b2c3d4e5f6" \(credential "servicenow-client"\): GET .* failed with HTTP 401/,
    );
    expect(fake.tokens).toHaveLength(2);
    expect(error.message).not.toContain(fake.tokens[1]);
  });

  it('fails clearly when the token endpoint refuses the client credentials', async () => {
    const fake = await start({
      oauth: { clientId: CLIENT_ID, clientSecret: 'another-secret-789' },
    });
    const error: Error = await pull(fake, { oauth: true }).catch(e => e);
    expect(error.message).toBe(
      `ServiceNow refused the OAuth client credentials of client "${CLIENT_ID}" (credential "servicenow-client"): POST ${fake.url}/oauth_token.do failed with HTTP 401 Unauthorized: {"error_description":"access_denied","error":"server_error"}. Check the client id and secret, and that the client_credentials grant is enabled on the instance.`,
    );
    expect(fake.requests).toHaveLength(1);
  });

  it('fails clearly when the token endpoint answers without an access token', async () => {
    const fake = await start({
      intercept: (req, res) => {
        if (req.url !== '/oauth_token.do') return false;
        sendJson(res, 200, { token_type: 'Bearer', expires_in: 1799 });
        return true;
      },
    });
    const error: Error = await pull(fake, { oauth: true }).catch(e => e);
    expect(error.message).toBe(
      `ServiceNow answered ${fake.url}/oauth_token.do in an unexpected shape: access_token: Invalid input: expected string, received undefined`,
    );
    expect(fake.requests).toHaveLength(1);
  });

  it('fails clearly when a table answers in an unexpected shape', async () => {
    const fake = await start({
      intercept: (_req, res) => {
        sendJson(res, 200, { result: { sys_id: INC.resolved } });
        return true;
      },
    });
    const error: Error = await pull(fake).catch(e => e);
    expect(error.message).toBe(
      `ServiceNow answered the incident table of ${fake.url} in an unexpected shape: result: Invalid input: expected array, received object`,
    );
  });

  it('fails clearly on expired basic credentials (401), naming the user and the credential, never the password', async () => {
    const fake = await start({
      basic: { username: USER, password: 'the-new-password' },
    });
    const error: Error = await pull(fake).catch(e => e);
    expect(error.message).toMatch(
      /^ServiceNow refused the credentials of user "kpi.integration" \(credential "servicenow-password"\): GET http:\/\/127\.0\.0\.1:\d+\/api\/now\/table\/incident\?.* failed with HTTP 401 Unauthorized: .*User Not Authenticated.*Check the user name and password/,
    );
    expect(error.message).not.toContain(PASSWORD);
    expect(fake.requests).toHaveLength(1);
  });

  it('fails before any request when the named credential is not configured', async () => {
    const fake = await start();
    await expect(pull(fake, { credentials: {} })).rejects.toThrow(
      'ServiceNow source: No credential named "servicenow-password" in customerKpis.credentials',
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('sends the secret to no URL that its credential does not allow, failing before any request', async () => {
    const fake = await start();
    const error: Error = await pull(fake, {
      oauth: true,
      credentials: {
        'servicenow-client': {
          secret: CLIENT_SECRET,
          allowedUrls: ['https://acme.service-now.com'],
        },
      },
    }).catch(e => e);
    expect(error.message).toBe(
      `ServiceNow source: Credential "servicenow-client" may not be sent to ${fake.url}/oauth_token.do: customerKpis.credentials.servicenow-client.allowedUrls allows only https://acme.service-now.com`,
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('declares where it sends its credential: the Table API, or the token endpoint and the Table API', () => {
    expect(
      serviceNowSourceType.credentialTargets!(
        serviceNowConfigSchema.parse({
          instance: 'acme',
          auth: { type: 'basic', username: USER, credential: 'pw' },
        }),
      ),
    ).toEqual([
      {
        credential: 'pw',
        credentialField: 'auth.credential',
        urlField: 'instance',
        url: 'https://acme.service-now.com/api/now/',
      },
    ]);
    expect(
      serviceNowSourceType.credentialTargets!(
        serviceNowConfigSchema.parse({
          baseUrl: 'https://sn.example/',
          auth: { type: 'oauth', clientId: CLIENT_ID, credential: 'client' },
        }),
      ),
    ).toEqual([
      {
        credential: 'client',
        credentialField: 'auth.credential',
        urlField: 'baseUrl',
        url: 'https://sn.example/oauth_token.do',
      },
      {
        credential: 'client',
        credentialField: 'auth.credential',
        urlField: 'baseUrl',
        url: 'https://sn.example/api/now/',
      },
    ]);
  });

  it.each([
    ['basic', 401, 0],
    ['basic', 500, 2],
    ['oauth', 401, 0],
    ['oauth', 500, 2],
  ])(
    'keeps the secrets out of the error and the logs when an HTTP %s %i echoes the request (%i retries logged)',
    async (auth, status, retries) => {
      const fake = await start({
        intercept: (req, res) => {
          if (req.url === '/oauth_token.do') return false;
          sendEcho(req, res, status);
          return true;
        },
      });
      const logger = recordingLogger();
      const error: Error = await pull(fake, {
        logger,
        oauth: auth === 'oauth',
      }).catch(e => e);
      expect(error.message).toContain(`failed with HTTP ${status}`);
      expect(error.message).toContain('***');
      expect(logger.lines.filter(l => l.level === 'warn')).toHaveLength(
        retries,
      );
      for (const text of [error.message, loggedText(logger)]) {
        for (const secret of [PASSWORD, CLIENT_SECRET, ...fake.tokens]) {
          expect(text).not.toContain(secret);
          expect(text).not.toContain(Buffer.from(secret).toString('base64'));
        }
        expect(text).not.toContain(BASIC.slice('Basic '.length));
      }
    },
  );

  it('waits the Retry-After of a 429 before asking again', async () => {
    const fake = await start({
      intercept: (_req, res, index) => {
        if (index !== 1) return false;
        sendJson(
          res,
          429,
          { error: { message: 'Too many requests' }, status: 'failure' },
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
        sendJson(res, 503, { error: { message: 'Service Unavailable' } });
        return true;
      },
    });
    const pages = await pull(fake);
    expect(observationsOf(pages)).toEqual(
      [...EXPECTED_RESOLVED, ...EXPECTED_SURVEYS].sort(byId),
    );
  });

  it.each([
    ['the incidents', 'incident', INC.tieB],
    ['the survey answers', 'asmt_metric_result', sid('r2')],
  ])(
    'keeps the pages stored before a failure in %s, and resumes from their cursor without duplicates or gaps',
    async (_what, table, failAfter) => {
      let failing = true;
      const fake = await start({
        intercept: (req, res) => {
          const path = decodeURIComponent(req.url ?? '');
          if (
            !failing ||
            !path.startsWith(`/api/now/table/${table}?`) ||
            !path.includes(`sys_id>${failAfter}`)
          ) {
            return false;
          }
          sendJson(res, 500, { error: { message: 'Internal error' } });
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
      expect(
        fake
          .paths()
          .slice(before)
          .find(p => p.startsWith(`/api/now/table/${table}?`)),
      ).toContain(`sys_id>${failAfter}`);

      const storedIds = idsOf(stored);
      const resumedIds = idsOf(resumed);
      expect(resumedIds.filter(id => storedIds.includes(id))).toEqual([]);
      expect([...storedIds, ...resumedIds].sort()).toEqual(
        [
          ...EXPECTED_RESOLVED.map(o => o.id),
          ...EXPECTED_SURVEYS.map(o => o.id),
          ...EXPECTED_RETRACTED,
          ...EXPECTED_SURVEY_RETRACTED,
        ].sort(),
      );
    },
  );
});
