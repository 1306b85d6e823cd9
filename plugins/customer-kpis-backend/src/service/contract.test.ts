// The API answers as its OpenAPI document says: every route of the document is called for real, and each answer's
// status and body are checked against the document the backend serves; documented query defaults are what routes apply.
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import { BASE } from '../__testUtils__/badInput';
import {
  TEST_ENTITIES,
  testCatalogFactory,
  testPermissionsFactory,
} from '../__testUtils__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  ADMIN,
  CART,
  NOBODY,
  NONE,
  PIPELINE,
} from '../__testUtils__/identities';
import {
  CHECKOUT,
  daysAgo,
  today,
  oneOfEveryKpi,
} from '../__testUtils__/observations';
import {
  OpenApiDocument,
  answerValidator,
  documentedRoutes,
  operationOf,
} from '../__testUtils__/openApiValidator';
import { fakeSourceModule } from '../__testUtils__/sourceTypes';
import {
  signedHeaders,
  signedSourceModule,
} from '../__testUtils__/webhookSourceType';
import { customerKpisPlugin } from '../plugin';
import { SourceStore } from '../sources/SourceStore';
import { ROUTES } from './routes';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const ENTITY = '/entities/component/default/checkout-service/kpis';
const SOURCE = '/sources/fake-registered';

/** One request of the walk through the API, the route of the document it calls, and the status it must get. */
interface Call {
  route: string;
  path: string;
  status: number;
  /** The Authorization header; null for none. */
  as?: string | null;
  json?: unknown;
  raw?: { type: string; text: string };
  accept?: string;
  /** More request headers (a webhook's signature). */
  headers?: Record<string, string>;
  /** Asked again (up to 10 s) until the answer satisfies it: for what runs after the answer. */
  until?: (body: { items?: { status: string }[] }) => boolean;
}

const call = (
  route: string,
  path: string,
  status: number,
  more: Omit<Call, 'route' | 'path' | 'status'> = {},
): Call => ({ route, path, status, ...more });

const registration = {
  id: 'fake-registered',
  type: 'fake',
  title: 'Registered fake',
  schedule: { frequency: { minutes: 15 } },
  config: { label: 'api', credential: 'fake-token' },
};

// Twelve days of every KPI for two components, so that values, intervals, comparisons and rollups are not empty.
const history = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 40, 100].flatMap(n => [
  ...oneOfEveryKpi(`c${n}`, daysAgo(n), CHECKOUT, n),
  ...oneOfEveryKpi(`k${n}`, daysAgo(n), CART, n + 3),
]);

/** A CSV file of two NPS answers, as `POST /imports` reads it. */
const IMPORT_CSV = `id,entityRef,timestamp,score\ncsv-1,${CART},${daysAgo(
  2,
)}T09:00:00Z,9\ncsv-2,${CART},${daysAgo(2)}T10:00:00Z,4`;

/** A signed webhook delivery of the test type `signed` (see webhookSourceType.ts). */
const WEBHOOK_SECRET = 'webhook-secret-0123456789';
const WEBHOOK_BODY = JSON.stringify({
  id: 'contract-delivery',
  answers: [{ entity: CART, score: 9, day: daysAgo(1) }],
});
const WEBHOOK = { type: 'application/json', text: WEBHOOK_BODY };

/** In order: later calls read what earlier ones stored. */
// prettier-ignore
const CALLS: Call[] = [
  call('GET /health', '/health', 200, { as: NONE }),
  call('GET /openapi.json', '/openapi.json', 200),
  call('GET /kpis', '/kpis', 200),
  call('GET /kpis', '/kpis', 401, { as: NONE }),
  call('GET /kpis', '/kpis?lang=en', 400),
  call('POST /observations', '/observations', 200, { as: PIPELINE, json: { observations: history } }),
  call('POST /observations', '/observations', 200, { as: PIPELINE, json: { retractions: ['c100-adoption', 'no-such-id'] } }),
  call('POST /observations', '/observations', 400, { json: { observations: [{ ...history[0], id: 'bad', dau: -1 }] } }),
  call('POST /observations', '/observations', 400, { json: { observations: [] } }),
  call('POST /observations', '/observations', 413, { json: { observations: Array.from({ length: 5001 }, () => ({})) } }),
  call('POST /observations', '/observations', 415, { raw: { type: 'text/plain', text: '{}' } }),
  call('POST /observations', '/observations', 403, { as: NOBODY, json: { observations: history } }),
  call('POST /imports', '/imports?kpi=recommend&dryRun=true', 200, { raw: { type: 'text/csv', text: IMPORT_CSV } }),
  call('POST /imports', '/imports?kpi=recommend&source=contract-sheet', 200, { raw: { type: 'text/csv', text: IMPORT_CSV } }),
  call('POST /imports', '/imports?kpi=recommend', 400, { raw: { type: 'text/csv', text: `${IMPORT_CSV}\nbad,${CART},${daysAgo(2)}T09:00:00Z,11` } }),
  call('POST /imports', '/imports?kpi=recommend', 415, { json: { rows: [] } }),
  call('POST /imports', '/imports?kpi=recommend', 403, { as: NOBODY, raw: { type: 'text/csv', text: IMPORT_CSV } }),
  call('GET /imports/templates/{kpi}.csv', '/imports/templates/retention.csv', 200),
  call('GET /imports/templates/{kpi}.csv', '/imports/templates/happiness.csv', 404),
  call('GET /entities/{kind}/{namespace}/{name}/kpis', ENTITY, 200),
  call('GET /entities/{kind}/{namespace}/{name}/kpis', '/entities/system/default/shop/kpis?window=30d', 200),
  call('GET /entities/{kind}/{namespace}/{name}/kpis', '/entities/component/default/no-such-thing/kpis', 404),
  call('GET /entities/{kind}/{namespace}/{name}/kpis/{kpi}/series', `${ENTITY}/recommend/series`, 200),
  call('GET /entities/{kind}/{namespace}/{name}/kpis/{kpi}/series', `${ENTITY}/time-to-value/series?granularity=day&from=${daysAgo(13)}&to=${today}`, 200),
  call('GET /entities/{kind}/{namespace}/{name}/kpis/{kpi}/series', `${ENTITY}/happiness/series`, 404),
  call('GET /overview', '/overview', 200),
  call('GET /overview', '/overview?groupBy=system&sort=recommend&order=desc', 200),
  call('GET /overview', '/overview?groupBy=owner&window=30d', 200),
  call('GET /overview', '/overview', 200, { accept: 'text/csv' }),
  call('GET /overview', '/overview?window=45d', 400),
  call('GET /overview/facets', '/overview/facets', 200),
  call('GET /overview/facets', '/overview/facets?kind=system', 200),
  call('GET /overview/facets', '/overview/facets?window=30d', 400),
  call('GET /overview/owned', '/overview/owned?owner=group:default/team-shop', 200),
  call('GET /overview/owned', '/overview/owned?owner=group:default/team-shop&owner=user:default/alice&window=30d', 200),
  call('GET /overview/owned', '/overview/owned', 400),
  call('GET /coverage', '/coverage', 200),
  call('GET /coverage', '/coverage', 403, { as: NOBODY }),
  call('GET /credentials', '/credentials', 200),
  call('GET /sources/types', '/sources/types', 200),
  call('POST /sources/test', '/sources/test', 200, { json: { type: 'fake', config: { label: 'try' } } }),
  call('POST /sources', '/sources', 201, { json: registration }),
  call('POST /sources', '/sources', 409, { json: registration }),
  call('GET /sources', '/sources', 200),
  call('GET /sources/{id}', SOURCE, 200),
  call('GET /sources/{id}', '/sources/no-such-source', 404),
  call('GET /sources/{id}', '/sources/Not%20An%20Id', 400),
  call('PUT /sources/{id}', SOURCE, 200, { json: { ...registration, id: undefined, title: 'Renamed' } }),
  call('POST /sources/{id}/test', `${SOURCE}/test`, 200),
  call('POST /sources/{id}/run', `${SOURCE}/run`, 202),
  call('GET /sources/{id}/runs', `${SOURCE}/runs`, 200, { until: body => body.items?.[0]?.status === 'succeeded' }),
  call('GET /sources/{id}', SOURCE, 200),
  call('POST /webhooks/{sourceId}', '/webhooks/hooked', 200, { as: null, raw: WEBHOOK, headers: signedHeaders(WEBHOOK_BODY, WEBHOOK_SECRET, Math.floor(Date.now() / 1000)) }),
  call('POST /webhooks/{sourceId}', '/webhooks/hooked', 401, { as: null, raw: WEBHOOK }),
  call('POST /webhooks/{sourceId}', '/webhooks/from-config', 404, { as: null, raw: WEBHOOK }),
  call('POST /webhooks/{sourceId}', '/webhooks/Not%20An%20Id', 400, { as: null, raw: WEBHOOK }),
  call('DELETE /sources/{id}', '/sources/from-config', 409),
  call('DELETE /sources/{id}', SOURCE, 204),
];

async function send(api: ReturnType<typeof request>, c: Call) {
  const method = c.route.split(' ')[0].toLowerCase() as
    | 'get'
    | 'post'
    | 'put'
    | 'delete';
  let req = api[method](`${BASE}${c.path}`);
  if (c.as !== null) req = req.set('Authorization', c.as ?? ADMIN);
  if (c.accept) req = req.set('Accept', c.accept);
  if (c.headers) req = req.set(c.headers);
  if (c.raw) return req.set('Content-Type', c.raw.type).send(c.raw.text);
  return c.json === undefined ? req : req.send(c.json as object);
}

async function sendUntilDone(api: ReturnType<typeof request>, c: Call) {
  for (let i = 0; ; i++) {
    const res = await send(api, c);
    if (!c.until || c.until(res.body) || i >= 100) return res;
    await new Promise(r => setTimeout(r, 100));
  }
}

describe.each(databases.eachSupportedId())(
  'the API as its OpenAPI document says, on %p',
  databaseId => {
    let knex: Knex;
    let api: ReturnType<typeof request>;
    let doc: OpenApiDocument;
    let validate: ReturnType<typeof answerValidator>;
    /** Every "METHOD path status" answered as documented. */
    const answered = new Set<string>();

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      const entities = TEST_ENTITIES.map(e =>
        e.metadata.name === 'checkout-service'
          ? {
              ...e,
              metadata: {
                ...e.metadata,
                annotations: { 'test.io/fake': 'yes' },
              },
            }
          : e,
      );
      const { server } = await startTestBackend({
        features: [
          customerKpisPlugin,
          fakeSourceModule,
          signedSourceModule,
          testCatalogFactory(entities),
          mockServices.database.factory({ knex }),
          testPermissionsFactory(AuthorizeResult.ALLOW, [
            'user:default/nobody',
          ]),
          mockServices.scheduler.factory({
            includeInitialDelayedTasksOnStartup: true,
          }),
          mockServices.rootConfig.factory({
            data: {
              customerKpis: {
                credentials: {
                  'fake-token': {
                    secret: 'fake-secret-0123456789',
                    allowedUrls: ['https://fake.example'],
                  },
                  'hook-secret': {
                    secret: WEBHOOK_SECRET,
                    allowedUrls: [
                      'https://backstage.example/api/customer-kpis/webhooks/hooked',
                    ],
                  },
                },
                sources: [
                  {
                    id: 'from-config',
                    type: 'fake',
                    schedule: { frequency: { hours: 6 } },
                    config: { label: 'cfg' },
                  },
                  {
                    id: 'hooked',
                    type: 'signed',
                    schedule: { frequency: { hours: 6 } },
                    config: { webhookCredential: 'hook-secret' },
                  },
                ],
              },
            },
          }),
        ],
      });
      api = request(server);
      const served = await api
        .get(`${BASE}/openapi.json`)
        .set('Authorization', ADMIN);
      doc = served.body;
      validate = answerValidator(doc);
    });

    afterAll(async () => {
      await knex.destroy();
    });

    it.each(
      CALLS.map((c, i) => [`${i + 1}. ${c.route} ${c.path}`, c] as const),
    )('%s', async (_name, c) => {
      const res = await sendUntilDone(api, c);

      expect({ status: res.status, problems: validate(c.route, res) }).toEqual({
        status: c.status,
        problems: [],
      });
      answered.add(`${c.route} ${res.status}`);
    });

    it('called every route of the document, each with a success', () => {
      const succeeded = documentedRoutes(doc).filter(route =>
        [...answered].some(a => a.startsWith(`${route} 2`)),
      );
      expect(succeeded).toEqual(documentedRoutes(doc));
      // The document is the table's: nothing served goes undocumented.
      expect(documentedRoutes(doc).sort()).toEqual(
        ROUTES.map(
          r => `${r.method.toUpperCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`,
        ).sort(),
      );
    });

    // Every route whose document lists a query default, called without a query.
    const READS_WITH_DEFAULTS: [string, string][] = [
      ['GET /entities/{kind}/{namespace}/{name}/kpis', ENTITY],
      [
        'GET /entities/{kind}/{namespace}/{name}/kpis/{kpi}/series',
        `${ENTITY}/recommend/series`,
      ],
      ['GET /overview', '/overview'],
      ['GET /overview/owned', '/overview/owned?owner=group:default/team-shop'],
      ['GET /coverage', '/coverage'],
      ['GET /sources/{id}/runs', '/sources/from-config/runs'],
    ];

    it('calls every route that has a documented query default below', () => {
      const withDefaults = documentedRoutes(doc).filter(route =>
        operationOf(doc, route).parameters.some(
          p => p.in === 'query' && p.schema.default !== undefined,
        ),
      );
      expect(READS_WITH_DEFAULTS.map(([route]) => route)).toEqual(withDefaults);
    });

    it.each(READS_WITH_DEFAULTS)(
      '%s answers with its documented query defaults spelled out exactly as without them',
      async (route, path) => {
        const defaults = operationOf(doc, route)
          .parameters.filter(
            p => p.in === 'query' && p.schema.default !== undefined,
          )
          .map(
            p => `${p.name}=${encodeURIComponent(String(p.schema.default))}`,
          );
        const get = (url: string) =>
          api.get(`${BASE}${url}`).set('Authorization', ADMIN);
        const plain = await get(path);
        const spelled = await get(
          `${path}${path.includes('?') ? '&' : '?'}${defaults.join('&')}`,
        );

        expect(plain.status).toBe(200);
        expect(defaults.length).toBeGreaterThan(0);
        expect(spelled.status).toBe(200);
        expect(spelled.body).toEqual(plain.body);
      },
    );

    it('applies the documented defaults: 90 days, components, page 1 of 50, 50 runs', async () => {
      const defaultOf = (route: string, name: string) =>
        operationOf(doc, route).parameters.find(p => p.name === name)!.schema
          .default;
      expect(
        defaultOf('GET /entities/{kind}/{namespace}/{name}/kpis', 'window'),
      ).toBe('90d');
      expect(defaultOf('GET /coverage', 'kind')).toBe('component');
      expect(defaultOf('GET /sources/{id}/runs', 'limit')).toBe(50);

      const get = (path: string) =>
        api.get(`${BASE}${path}`).set('Authorization', ADMIN);
      expect((await get(ENTITY)).body.window.days).toBe(90);
      const overview = (await get('/overview')).body;
      expect([
        overview.groupBy,
        overview.window.days,
        overview.page,
        overview.pageSize,
      ]).toEqual([
        defaultOf('GET /overview', 'groupBy'),
        90,
        defaultOf('GET /overview', 'page'),
        defaultOf('GET /overview', 'pageSize'),
      ]);
      const coverage = (await get('/coverage')).body;
      expect(
        new Set(coverage.rows.map((r: { kind: string }) => r.kind)),
      ).toEqual(new Set(['component']));
      const store = new SourceStore(knex);
      for (let i = 0; i < 55; i++) {
        await store.startRun('from-config', 'manual', new Date().toISOString());
      }
      expect((await get('/sources/from-config/runs')).body.items).toHaveLength(
        50,
      );
    });
  },
);
