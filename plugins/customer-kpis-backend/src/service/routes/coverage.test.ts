// GET /coverage over HTTP on every test database: each gap names what fills it (the source type to configure, the
// annotation to add, the failing or silent source), and systems and domains pool the components the caller may read.
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  CoverageResponse,
  coverageResponseSchema,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { customerKpisSourcesExtensionPoint } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { Knex } from 'knex';
import request from 'supertest';
import { z } from 'zod';
import { TEST_ENTITIES } from '../../__testUtils__/catalog';
import { createTestDatabases } from '../../__testUtils__/databases';
import { startPluginBackend } from '../../__testUtils__/pluginBackend';
import {
  fakeSourceModule,
  fakeSourceScript,
} from '../../__testUtils__/sourceTypes';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const ALICE = mockCredentials.user.header('user:default/alice');
const ADMIN = mockCredentials.user.header('user:default/admin');
const SOURCE = 'fake-a';

/** A type that would feed satisfaction, installed but not configured. */
const surveyTypeModule = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'survey-fake',
  register(env) {
    env.registerInit({
      deps: { sources: customerKpisSourcesExtensionPoint },
      async init({ sources }) {
        sources.addSourceType({
          id: 'survey-fake',
          title: 'Survey fake',
          description: 'Never configured here.',
          configSchema: z.object({}),
          kpis: ['satisfaction'],
          annotation: 'test.io/survey',
          isAvailable: () => false,
          async *pull() {},
        });
      },
    });
  },
});

/** The test catalog with checkout-service and the restricted product-search bound to the fake source. */
const entities: Entity[] = TEST_ENTITIES.map(e =>
  ['checkout-service', 'product-search'].includes(e.metadata.name)
    ? {
        ...e,
        metadata: { ...e.metadata, annotations: { 'test.io/fake': 'yes' } },
      }
    : e,
);

type Api = ReturnType<typeof request>;

async function coverage(
  api: Api,
  kind: string,
  as = ALICE,
): Promise<CoverageResponse> {
  const res = await api
    .get(`/api/customer-kpis/coverage?kind=${kind}`)
    .set('Authorization', as);
  expect(res.status).toBe(200);
  return coverageResponseSchema.parse(res.body);
}

function rowOf(answer: CoverageResponse, entityRef: string) {
  const row = answer.rows.find(r => r.entityRef === entityRef);
  if (!row) throw new Error(`no row ${entityRef}`);
  return row;
}

/** Runs the source now and waits until a run of it ended with `status`, then until `settled` holds. */
async function runUntil(
  api: Api,
  status: 'succeeded' | 'failed',
  settled: () => Promise<boolean> = async () => true,
) {
  const run = await api
    .post(`/api/customer-kpis/sources/${SOURCE}/run`)
    .set('Authorization', ALICE);
  expect(run.status).toBe(202);
  for (let i = 0; i < 100; i++) {
    const runs = (
      await api
        .get(`/api/customer-kpis/sources/${SOURCE}/runs`)
        .set('Authorization', ALICE)
    ).body.items as Array<{ status: string }>;
    if (runs[0]?.status === status && (await settled())) return;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`no ${status} run of ${SOURCE}`);
}

describe.each(databases.eachSupportedId())(
  'GET /coverage on %p',
  databaseId => {
    let knex: Knex;
    let stop: () => Promise<void>;
    let api: Api;
    const script = { ...fakeSourceScript };

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      // answers of today, so that data is fresh; no answers until a test says so
      fakeSourceScript.day = new Date().toISOString().slice(0, 10);
      fakeSourceScript.pages = [[]];
      fakeSourceScript.failAtPage = undefined;
      ({ api, stop } = await startPluginBackend({
        knex,
        entities,
        features: [fakeSourceModule, surveyTypeModule],
        customerKpis: {
          sources: [
            {
              id: SOURCE,
              type: 'fake',
              schedule: { frequency: { hours: 6 } },
              config: { label: 'a' },
            },
          ],
        },
      }));
    });

    afterEach(async () => {
      await stop();
      await knex.destroy();
      Object.assign(fakeSourceScript, script);
    });

    it('names what fills each gap of a component: the type to configure, the annotation to add, the failing or silent source', async () => {
      await runUntil(api, 'succeeded');
      let answer = await coverage(api, 'component');
      const checkout = 'component:default/checkout-service';
      expect(rowOf(answer, checkout).cells.recommend).toEqual({
        state: 'missing',
        lastDataAt: null,
        sources: [],
        reason: 'no-data-yet',
        pendingSources: [SOURCE],
      });
      expect(
        rowOf(answer, 'component:default/cart-service').cells.recommend,
      ).toEqual({
        state: 'missing',
        lastDataAt: null,
        sources: [],
        reason: 'no-annotation',
        missingAnnotations: ['test.io/fake'],
      });
      expect(rowOf(answer, checkout).cells.satisfaction).toEqual({
        state: 'missing',
        lastDataAt: null,
        sources: [],
        reason: 'no-source',
        sourceTypes: ['survey-fake'],
      });
      // the restricted component is not Alice's to see
      expect(answer.rows.map(r => r.entityRef)).toEqual([
        'component:default/cart-service',
        checkout,
      ]);

      // the first run read the empty first page; the next reads the second, which fails once
      fakeSourceScript.pages = [[], [9, 10]];
      fakeSourceScript.failAtPage = 2;
      await runUntil(api, 'failed');
      answer = await coverage(api, 'component');
      expect(rowOf(answer, checkout).cells.recommend).toMatchObject({
        state: 'missing',
        reason: 'source-failing',
        failingSources: [SOURCE],
      });

      await runUntil(api, 'succeeded');
      answer = await coverage(api, 'component');
      expect(rowOf(answer, checkout).cells.recommend).toMatchObject({
        state: 'data',
        sources: [SOURCE],
      });
      expect(rowOf(answer, checkout).members).toBeUndefined();
    });

    it('pools a system’s and a domain’s readable components: their data, their bindings and how many they are', async () => {
      fakeSourceScript.pages = [[], [9, 10]];
      const fed = async () =>
        rowOf(await coverage(api, 'system', ADMIN), 'system:default/search')
          .cells.recommend.state === 'data';
      await runUntil(api, 'succeeded', fed);

      const systems = await coverage(api, 'system');
      expect(systems.rows.map(r => [r.entityRef, r.kind, r.members])).toEqual([
        ['system:default/search', 'system', 0],
        ['system:default/shop', 'system', 2],
      ]);
      const shop = rowOf(systems, 'system:default/shop');
      expect(shop.cells.recommend).toMatchObject({
        state: 'data',
        sources: [SOURCE],
      });
      expect(shop.bindings).toEqual([]);
      // search's one component is hidden from Alice: nothing of it counts, so its gap is an annotation
      expect(rowOf(systems, 'system:default/search').cells.recommend).toEqual({
        state: 'missing',
        lastDataAt: null,
        sources: [],
        reason: 'no-annotation',
        missingAnnotations: ['test.io/fake'],
      });

      // the admin reads product-search: search has its data
      const asAdmin = await coverage(api, 'system', ADMIN);
      expect(rowOf(asAdmin, 'system:default/search')).toMatchObject({
        members: 1,
        cells: { recommend: { state: 'data', sources: [SOURCE] } },
      });

      const domains = await coverage(api, 'domain');
      expect(domains.rows.map(r => [r.entityRef, r.members])).toEqual([
        ['domain:default/commerce', 2],
      ]);
      expect(rowOf(domains, 'domain:default/commerce').cells.recommend).toEqual(
        shop.cells.recommend,
      );
      expect(
        (await coverage(api, 'domain', ADMIN)).rows.map(r => r.members),
      ).toEqual([3]);
    });
  },
);
