import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  coverageResponseSchema,
  sourceSummarySchema,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  startPluginBackend,
  withCheckoutAnnotations,
} from '../__testUtils__/pluginBackend';
import {
  fakeSourceModule,
  fakeSourceScript,
} from '../__testUtils__/sourceTypes';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const SECRET = 'zd-secret-value-0123456789';
const ALICE = mockCredentials.user.header('user:default/alice');
const entities = withCheckoutAnnotations({ 'test.io/fake': 'yes' });

async function startBackend(
  knex: Knex,
  permission: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  const { api } = await startPluginBackend({
    knex,
    entities,
    permission,
    features: [
      fakeSourceModule,
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
    ],
    customerKpis: {
      credentials: {
        'fake-token': {
          secret: SECRET,
          allowedUrls: ['https://fake.example'],
        },
      },
      sources: [
        {
          id: 'from-config',
          type: 'fake',
          schedule: { frequency: { hours: 6 } },
          config: { label: 'cfg' },
        },
      ],
    },
  });
  return api;
}

const registration = {
  id: 'fake-registered',
  type: 'fake',
  title: 'Registered fake',
  schedule: { frequency: { minutes: 15 } },
  config: { label: 'api', credential: 'fake-token' },
};

describe.each(databases.eachSupportedId())(
  'data-source admin API on %p',
  databaseId => {
    let knex: Knex;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      fakeSourceScript.pages = [[10, 9], [0, 8], [10]];
      fakeSourceScript.failAtPage = undefined;
    });

    afterEach(async () => {
      await knex.destroy();
    });

    it('registers a source that then appears in GET /sources, naming its credential and never showing the secret, and lists credentials with their allowed URLs', async () => {
      const api = await startBackend(knex, AuthorizeResult.ALLOW);

      const created = await api
        .post('/api/customer-kpis/sources')
        .set('Authorization', ALICE)
        .send(registration);
      expect(created.status).toBe(201);

      const list = await api
        .get('/api/customer-kpis/sources')
        .set('Authorization', ALICE);
      expect(list.status).toBe(200);
      expect(list.text).not.toContain(SECRET);
      const items = list.body.items.map((i: unknown) =>
        sourceSummarySchema.parse(i),
      );
      expect(
        items.map((i: { id: string; origin: string }) => [i.id, i.origin]),
      ).toEqual([
        ['from-config', 'config'],
        ['fake-registered', 'api'],
      ]);
      expect(items[1].config).toEqual({
        label: 'api',
        credential: 'fake-token',
      });

      const credentials = await api
        .get('/api/customer-kpis/credentials')
        .set('Authorization', ALICE);
      expect(credentials.body).toEqual({
        items: [{ name: 'fake-token', allowedUrls: ['https://fake.example'] }],
      });
      expect(credentials.text).not.toContain(SECRET);
    });

    it('rejects a registration with a bad config, an unknown credential or an unknown type, storing nothing', async () => {
      const api = await startBackend(knex, AuthorizeResult.ALLOW);
      const post = (body: object) =>
        api
          .post('/api/customer-kpis/sources')
          .set('Authorization', ALICE)
          .send(body);

      const badConfig = await post({ ...registration, config: { label: '' } });
      expect(badConfig.status).toBe(400);
      expect(badConfig.body.error.message).toMatch(/config\.label/);
      const badCredential = await post({
        ...registration,
        config: { label: 'x', credential: 'typed-secret' },
      });
      expect(badCredential.status).toBe(400);
      expect(badCredential.body.error.message).toMatch(
        /config\.credential: no credential 'typed-secret'/,
      );
      const badType = await post({ ...registration, type: 'nope' });
      expect(badType.status).toBe(400);
      const badId = await post({ ...registration, id: 'Has Spaces' });
      expect(badId.status).toBe(400);
      expect(badId.body.error.message).toMatch(/id: must be/);

      const list = await api
        .get('/api/customer-kpis/sources')
        .set('Authorization', ALICE);
      expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([
        'from-config',
      ]);
    });

    it('dry-runs a definition before it is saved', async () => {
      const api = await startBackend(knex, AuthorizeResult.ALLOW);

      const res = await api
        .post('/api/customer-kpis/sources/test')
        .set('Authorization', ALICE)
        .send({ type: 'fake', config: { label: 'try' } });

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        entities: 1,
        observations: 2,
        error: null,
      });
    });

    it('runs a source on request and lists the run', async () => {
      const api = await startBackend(knex, AuthorizeResult.ALLOW);
      await api
        .post('/api/customer-kpis/sources')
        .set('Authorization', ALICE)
        .send(registration);

      const triggered = await api
        .post('/api/customer-kpis/sources/fake-registered/run')
        .set('Authorization', ALICE);
      expect(triggered.status).toBe(202);

      let runs: any[] = [];
      for (
        let i = 0;
        i < 100 && !runs.some(r => r.status === 'succeeded');
        i++
      ) {
        await new Promise(r => setTimeout(r, 100));
        runs = (
          await api
            .get('/api/customer-kpis/sources/fake-registered/runs')
            .set('Authorization', ALICE)
        ).body.items;
      }
      expect(runs[0]).toMatchObject({
        status: 'succeeded',
        inserted: 5,
        pages: 3,
      });
    });

    it('reports coverage after a run: data where bound, the reason where not, and data outside the catalog', async () => {
      const api = await startBackend(knex, AuthorizeResult.ALLOW);
      await api
        .post('/api/customer-kpis/sources')
        .set('Authorization', ALICE)
        .send(registration);
      await api
        .post('/api/customer-kpis/sources/fake-registered/run')
        .set('Authorization', ALICE);
      await api
        .post('/api/customer-kpis/observations')
        .set('Authorization', ALICE)
        .send({
          observations: [
            {
              id: 'g',
              kpi: 'recommend',
              entityRef: 'component:default/ghost',
              timestamp: `${new Date().toISOString().slice(0, 10)}T00:00:00Z`,
              score: 9,
            },
          ],
        });

      let coverage: any;
      for (let i = 0; i < 100; i++) {
        coverage = coverageResponseSchema.parse(
          (
            await api
              .get('/api/customer-kpis/coverage')
              .set('Authorization', ALICE)
          ).body,
        );
        const checkout = coverage.rows.find(
          (r: any) => r.entityRef === 'component:default/checkout-service',
        );
        if (checkout?.cells.recommend.state !== 'missing') break;
        await new Promise(r => setTimeout(r, 100));
      }
      const row = (name: string) =>
        coverage.rows.find(
          (r: any) => r.entityRef === `component:default/${name}`,
        );
      expect(row('checkout-service').cells.recommend.sources).toContain(
        'fake-registered',
      );
      expect(row('checkout-service').cells.recommend.state).not.toBe('missing');
      expect(row('cart-service').cells.recommend).toMatchObject({
        state: 'missing',
        reason: 'no-annotation',
      });
      expect(row('checkout-service').cells.satisfaction).toMatchObject({
        state: 'missing',
        reason: 'no-source',
      });
      expect(coverage.orphans.map((o: any) => o.entityRef)).toEqual([
        'component:default/ghost',
      ]);
    });

    it('lists the components the catalog has now, as the caller may see them, before the mirror catches up', async () => {
      const api = await startBackend(knex, AuthorizeResult.ALLOW);
      const refsInCoverage = async () =>
        coverageResponseSchema
          .parse(
            (
              await api
                .get('/api/customer-kpis/coverage')
                .set('Authorization', ALICE)
            ).body,
          )
          .rows.map(r => r.entityRef);
      expect(await refsInCoverage()).toEqual([
        'component:default/cart-service',
        'component:default/checkout-service',
      ]);

      // Registered in the catalog after the startup sync; the next mirror sync is minutes away.
      entities.push({
        ...entities.find(e => e.metadata.name === 'cart-service')!,
        metadata: { name: 'late-service', namespace: 'default' },
      });
      try {
        expect(await refsInCoverage()).toEqual([
          'component:default/cart-service',
          'component:default/checkout-service',
          'component:default/late-service',
        ]);
      } finally {
        entities.pop();
      }
    });

    it('answers 403 on every admin route to a user without customer-kpis.source.manage', async () => {
      const api = await startBackend(knex, AuthorizeResult.DENY);
      const calls = [
        api.post('/api/customer-kpis/sources').send(registration),
        api.put('/api/customer-kpis/sources/from-config').send(registration),
        api.delete('/api/customer-kpis/sources/from-config'),
        api.post('/api/customer-kpis/sources/from-config/run'),
        api.post('/api/customer-kpis/sources/from-config/test'),
        api
          .post('/api/customer-kpis/sources/test')
          .send({ type: 'fake', config: { label: 'x' } }),
        api.get('/api/customer-kpis/sources'),
        api.get('/api/customer-kpis/sources/from-config/runs'),
        api.get('/api/customer-kpis/coverage'),
      ];
      for (const call of calls) {
        const res = await call.set('Authorization', ALICE);
        expect(res.status).toBe(403);
      }
    });

    it('refuses to change or delete a source defined in app-config', async () => {
      const api = await startBackend(knex, AuthorizeResult.ALLOW);
      const res = await api
        .delete('/api/customer-kpis/sources/from-config')
        .set('Authorization', ALICE);
      expect(res.status).toBe(409);
    });
  },
);
