// Source types marked configOnly (the sql source): defined in app-config only, shown read-only by the admin API.
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  CustomerKpisSourceType,
  customerKpisSourcesExtensionPoint,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { Knex } from 'knex';
import { z } from 'zod';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  startPluginBackend,
  withCheckoutAnnotations,
} from '../__testUtils__/pluginBackend';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const ALICE = mockCredentials.user.header('user:default/alice');
const entities = withCheckoutAnnotations({ 'test.io/query': 'yes' });

/** A type whose config is a query, as the sql source's is: it answers one NPS score per bound entity. */
const queryType: CustomerKpisSourceType<{ query: string }> = {
  id: 'query',
  title: 'Query',
  description: 'Runs a configured query.',
  configSchema: z.strictObject({ query: z.string().min(1) }),
  kpis: ['recommend'],
  annotation: 'test.io/query',
  configOnly: true,
  isAvailable: entity =>
    Boolean(entity.metadata.annotations?.['test.io/query']),
  async *pull({ entities: bound, now }) {
    yield {
      observations: bound.map(entity => ({
        id: `answer/${stringifyEntityRef(entity)}`,
        kpi: 'recommend' as const,
        entityRef: stringifyEntityRef(entity),
        timestamp: now().toISOString(),
        score: 9,
      })),
      cursor: null,
    };
  },
};

const queryModule = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'query-test',
  register(env) {
    env.registerInit({
      deps: { sources: customerKpisSourcesExtensionPoint },
      async init({ sources }) {
        sources.addSourceType(queryType);
      },
    });
  },
});

describe.each(databases.eachSupportedId())(
  'config-only source types on %p',
  databaseId => {
    let knex: Knex;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
    });

    afterEach(async () => {
      await knex.destroy();
    });

    async function startBackend() {
      const { api } = await startPluginBackend({
        knex,
        entities,
        features: [
          queryModule,
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        ],
        customerKpis: {
          sources: [
            {
              id: 'warehouse',
              type: 'query',
              schedule: { frequency: { hours: 6 } },
              config: { query: 'SELECT 9 AS score' },
            },
          ],
        },
      });
      return api;
    }

    it('refuses to create, replace or dry-run an unsaved definition of the type through the API, storing nothing', async () => {
      const api = await startBackend();
      const definition = {
        id: 'from-api',
        type: 'query',
        schedule: { frequency: { hours: 1 } },
        config: { query: 'DELETE FROM customers' },
      };
      const message =
        "Sources of type 'query' are defined in app-config only (customerKpis.sources); the API does not create, change or dry-run them";

      for (const res of [
        await api
          .post('/api/customer-kpis/sources')
          .set('Authorization', ALICE)
          .send(definition),
        await api
          .put('/api/customer-kpis/sources/from-api')
          .set('Authorization', ALICE)
          .send(definition),
        await api
          .post('/api/customer-kpis/sources/test')
          .set('Authorization', ALICE)
          .send({ type: definition.type, config: definition.config }),
      ]) {
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(message);
      }

      const list = await api
        .get('/api/customer-kpis/sources')
        .set('Authorization', ALICE);
      expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([
        'warehouse',
      ]);
    });

    it('marks the type configOnly in the list of types, so that the admin page does not offer it for registration', async () => {
      const api = await startBackend();
      const types = await api
        .get('/api/customer-kpis/sources/types')
        .set('Authorization', ALICE);
      expect(types.status).toBe(200);
      expect(
        types.body.items.map((t: { id: string; configOnly: boolean }) => [
          t.id,
          t.configOnly,
        ]),
      ).toEqual([['query', true]]);
    });

    it('lists the app-config source with its config, read-only, and dry-runs it as configured', async () => {
      const api = await startBackend();
      const list = await api
        .get('/api/customer-kpis/sources')
        .set('Authorization', ALICE);
      expect(list.body.items).toEqual([
        expect.objectContaining({
          id: 'warehouse',
          origin: 'config',
          config: { query: 'SELECT 9 AS score' },
        }),
      ]);

      const changed = await api
        .put('/api/customer-kpis/sources/warehouse')
        .set('Authorization', ALICE)
        .send({
          type: 'query',
          schedule: { frequency: { hours: 1 } },
          config: { query: 'SELECT 1 AS score' },
        });
      expect(changed.status).toBe(400);

      const tested = await api
        .post('/api/customer-kpis/sources/warehouse/test')
        .set('Authorization', ALICE);
      expect(tested.status).toBe(200);
      expect(tested.body).toMatchObject({
        entities: 1,
        observations: 1,
        error: null,
      });
    });
  },
);
