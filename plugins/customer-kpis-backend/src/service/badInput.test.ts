// The bad-input suite: malformed requests to every route, on every test database. Each must answer its 4xx with a
// message that names the field and the reason, and must leave every table of the plugin as it was.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import {
  BASE,
  BadInputCase,
  countRows,
  migrationTables,
  sendCase,
} from '../__testUtils__/badInput';
import {
  observationCases,
  validAnswer,
} from '../__testUtils__/badInputCases/observations';
import { importCases } from '../__testUtils__/badInputCases/imports';
import { readCases } from '../__testUtils__/badInputCases/reads';
import {
  EXISTING_SOURCE,
  sourceCases,
} from '../__testUtils__/badInputCases/sources';
import {
  WEBHOOK_CONFIG,
  webhookCases,
} from '../__testUtils__/badInputCases/webhooks';
import {
  testCatalogFactory,
  testPermissionsFactory,
} from '../__testUtils__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import { fakeSourceModule } from '../__testUtils__/sourceTypes';
import { signedSourceModule } from '../__testUtils__/webhookSourceType';
import { customerKpisPlugin } from '../plugin';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const ADMIN = mockCredentials.user.header('user:default/admin');
const TABLES = migrationTables();

const CASES: BadInputCase[] = [
  ...observationCases,
  ...readCases,
  ...sourceCases,
  ...importCases,
  ...webhookCases,
];

/** The routes of the API (as the OpenAPI document names them) and the cases that reach each. */
const ROUTE_PATTERNS: [string, RegExp][] = [
  ['GET /kpis', /^get \/kpis\?/],
  ['POST /observations', /^post \/observations$/],
  ['POST /imports', /^post \/imports(\?|$)/],
  [
    'GET /entities/{kind}/{namespace}/{name}/kpis',
    /^get \/entities\/[^/]+\/[^/]+\/[^/]+\/kpis(\?|$)/,
  ],
  [
    'GET /entities/{kind}/{namespace}/{name}/kpis/{kpi}/series',
    /^get \/entities\/.*\/series/,
  ],
  ['GET /overview', /^get \/overview\?/],
  ['GET /overview/facets', /^get \/overview\/facets\?/],
  ['GET /overview/owned', /^get \/overview\/owned\?/],
  ['GET /coverage', /^get \/coverage\?/],
  ['GET /credentials', /^get \/credentials\?/],
  ['GET /sources', /^get \/sources\?/],
  ['POST /sources', /^post \/sources$/],
  ['GET /sources/{id}', /^get \/sources\/[^/?]+$/],
  ['PUT /sources/{id}', /^put \/sources\/[^/]+$/],
  ['DELETE /sources/{id}', /^delete \/sources\/[^/]+$/],
  ['POST /sources/test', /^post \/sources\/test$/],
  ['POST /sources/{id}/run', /^post \/sources\/[^/]+\/run$/],
  ['POST /sources/{id}/test', /^post \/sources\/(?!test$)[^/]+\/test$/],
  ['GET /sources/{id}/runs', /^get \/sources\/[^/]+\/runs/],
  ['POST /webhooks/{sourceId}', /^post \/webhooks\/[^/]+$/],
];

describe('the bad-input suite', () => {
  it('has at least 150 cases with distinct names, and reaches every route', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(CASES.map(c => c.name)).size).toBe(CASES.length);
    const reached = ROUTE_PATTERNS.filter(([, pattern]) =>
      CASES.some(c => pattern.test(`${c.method} ${c.path}`)),
    ).map(([route]) => route);
    expect(reached).toEqual(ROUTE_PATTERNS.map(([route]) => route));
    expect(CASES.every(c => c.status >= 400 && c.status < 500)).toBe(true);
  });
});

describe.each(databases.eachSupportedId())('bad input on %p', databaseId => {
  let knex: Knex;
  let api: ReturnType<typeof request>;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    const { server } = await startTestBackend({
      features: [
        customerKpisPlugin,
        fakeSourceModule,
        signedSourceModule,
        testCatalogFactory(),
        // The webhook cases' source (config-defined: it is not a row of the sources table) and its secret.
        mockServices.rootConfig.factory({
          data: { customerKpis: WEBHOOK_CONFIG },
        }),
        mockServices.database.factory({ knex }),
        testPermissionsFactory(AuthorizeResult.ALLOW),
        // Start-up tasks (the catalog mirror) run before the first case; nothing runs on a timer after.
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
      ],
    });
    api = request(server);
    // Some rows in the tables the cases could reach, so that "nothing added" is not "nothing there".
    const ingest = await api
      .post(`${BASE}/observations`)
      .set('Authorization', ADMIN)
      .send({ observations: [validAnswer] });
    if (ingest.status !== 200)
      throw new Error(`seeding failed: ${ingest.status} ${ingest.text}`);
    const source = await api
      .post(`${BASE}/sources`)
      .set('Authorization', ADMIN)
      .send(EXISTING_SOURCE);
    if (source.status !== 201)
      throw new Error(`seeding failed: ${source.status} ${source.text}`);
  });

  afterAll(async () => {
    await knex.destroy();
  });

  it('counts the rows of every table the migrations create', async () => {
    expect(TABLES).toContain('customer_kpis_observations');
    expect(TABLES).toContain('customer_kpis_source_runs');
    const counts = await countRows(knex, TABLES);
    expect(counts.customer_kpis_observations).toBe(1);
    expect(counts.customer_kpis_sources).toBe(1);
  });

  it.each(CASES.map(c => [c.name, c] as const))(
    '%s',
    async (_name, testCase) => {
      const before = await countRows(knex, TABLES);

      const res = await sendCase(api, testCase, ADMIN);

      expect({ status: res.status, message: res.body?.error?.message }).toEqual(
        {
          status: testCase.status,
          message: expect.stringMatching(testCase.message),
        },
      );
      expect(await countRows(knex, TABLES)).toEqual(before);
    },
  );
});
