// POST /webhooks/{sourceId} through the real backend: verified deliveries are stored and read back; bad, missing and
// stale signatures, oversized bodies and unknown sources store nothing; a delivery received twice is stored once.
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  addDaysToDay,
  utcDay,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import request from 'supertest';
import { BASE } from '../__testUtils__/badInput';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  OpenApiDocument,
  operationOf,
} from '../__testUtils__/openApiValidator';
import {
  startPluginBackend,
  withCheckoutAnnotations,
} from '../__testUtils__/pluginBackend';
import { fakeSourceModule } from '../__testUtils__/sourceTypes';
import {
  signedHeaders,
  signedSourceModule,
} from '../__testUtils__/webhookSourceType';
import { openApiDocument } from './openapi';
import { ROUTES } from './routes';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const ADMIN = mockCredentials.user.header('user:default/admin');
const SECRET = 'webhook-secret-0123456789';
const API_TOKEN = 'api-token-0123456789';
const SCOPED_SECRET = 'scoped-secret-0123456789';
const CHECKOUT = 'component:default/checkout-service';
const day = addDaysToDay(utcDay(new Date()), -1);
const entities = withCheckoutAnnotations({ 'test.io/signed': 'yes' });

const delivery = (id: string, scores: number[]) =>
  JSON.stringify({
    id,
    answers: scores.map(score => ({ entity: CHECKOUT, score, day })),
  });
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe.each(databases.eachSupportedId())(
  'POST /webhooks/{sourceId} on %p',
  databaseId => {
    let knex: Knex;
    let api: ReturnType<typeof request>;
    let stop: () => Promise<void>;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      ({ api, stop } = await startPluginBackend({
        knex,
        entities,
        features: [signedSourceModule, fakeSourceModule],
        customerKpis: {
          credentials: {
            'hook-secret': {
              secret: SECRET,
              allowedUrls: [
                'https://backstage.example/api/customer-kpis/webhooks/hooked',
              ],
            },
            'api-token': {
              secret: API_TOKEN,
              allowedUrls: ['https://api.example'],
            },
            // Allowed only elsewhere: verification is no sending, so it still verifies.
            'scoped-secret': {
              secret: SCOPED_SECRET,
              allowedUrls: ['https://survey-tool.example'],
            },
          },
          sources: [
            {
              id: 'hooked',
              type: 'signed',
              schedule: { frequency: { hours: 6 } },
              config: { webhookCredential: 'hook-secret' },
            },
            {
              id: 'scoped',
              type: 'signed',
              schedule: { frequency: { hours: 6 } },
              config: { webhookCredential: 'scoped-secret' },
            },
            {
              id: 'no-secret',
              type: 'signed',
              schedule: { frequency: { hours: 6 } },
              config: { webhookCredential: 'nope' },
            },
            {
              id: 'pulled',
              type: 'fake',
              schedule: { frequency: { hours: 6 } },
              config: { label: 'x' },
            },
          ],
        },
      }));
    });

    afterAll(async () => {
      await stop();
      await knex.destroy();
    });

    const post = (
      source: string,
      body: string,
      headers: Record<string, string>,
    ) => api.post(`${BASE}/webhooks/${source}`).set(headers).send(body);
    const storedRows = async () =>
      Number(
        (
          await knex('customer_kpis_observations')
            .where({ source: 'hooked' })
            .count({ n: '*' })
        )[0].n,
      );
    const recommend = async () => {
      const res = await api
        .get(`${BASE}/entities/component/default/checkout-service/kpis`)
        .set('Authorization', ADMIN);
      expect(res.status).toBe(200);
      return res.body.kpis.find((k: { kpi: string }) => k.kpi === 'recommend');
    };
    /** The source's webhook runs, newest first (its scheduled pulls run too). */
    const runs = async (source = 'hooked') =>
      (
        await api
          .get(`${BASE}/sources/${source}/runs`)
          .set('Authorization', ADMIN)
      ).body.items.filter((r: { trigger: string }) => r.trigger === 'webhook');

    it('refuses missing, invalid and stale signatures with 401 and stores nothing, without a Backstage token', async () => {
      const body = delivery('d0', [10]);
      const cases = [
        { 'content-type': 'application/json' },
        signedHeaders(body, 'another-secret-123', nowSeconds()),
        {
          ...signedHeaders(body, SECRET, nowSeconds()),
          'x-timestamp': String(nowSeconds() - 1),
        },
        signedHeaders(body, SECRET, nowSeconds() - 3600),
      ];
      for (const headers of cases) {
        const res = await post('hooked', body, headers);
        expect([res.status, res.body.error?.name]).toEqual([
          401,
          'AuthenticationError',
        ]);
        expect(JSON.stringify(res.body)).not.toContain(SECRET);
      }
      expect(await storedRows()).toBe(0);
      expect(await runs()).toEqual([]);
    });

    it('stores a verified delivery, shows it in the entity read, and records it as a webhook run', async () => {
      const body = delivery('d1', [10, 9, 3]);
      const res = await post(
        'hooked',
        body,
        signedHeaders(body, SECRET, nowSeconds()),
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        inserted: 3,
        unchanged: 0,
        replaced: 0,
        retracted: 0,
        skipped: 0,
      });
      expect(await storedRows()).toBe(3);
      const kpi = await recommend();
      expect([kpi.summary.n, kpi.summary.value]).toEqual([
        3,
        (2 / 3 - 1 / 3) * 100,
      ]);
      const [run] = await runs();
      expect(run).toMatchObject({
        trigger: 'webhook',
        status: 'succeeded',
        inserted: 3,
        pages: 1,
        entities: 1,
      });
    });

    it('stores a delivery received twice once (the second is counted as unchanged)', async () => {
      const body = delivery('d2', [0]);
      const headers = signedHeaders(body, SECRET, nowSeconds());
      const first = await post('hooked', body, headers);
      const again = await post('hooked', body, headers);
      expect(first.body).toMatchObject({ inserted: 1, unchanged: 0 });
      expect(again.body).toMatchObject({ inserted: 0, unchanged: 1 });
      expect(await storedRows()).toBe(4);
      expect((await recommend()).summary.n).toBe(4);
      expect(
        (await runs())
          .slice(0, 2)
          .map((r: { unchanged: number }) => r.unchanged),
      ).toEqual([1, 0]);
    });

    it('answers 413 for a body over the limit and 404 for an unknown source or a type without webhooks', async () => {
      const big = delivery(
        'd3',
        Array.from({ length: 3000 }, () => 5),
      );
      expect(big.length).toBeGreaterThan(64 * 1024);
      expect(
        (await post('hooked', big, signedHeaders(big, SECRET, nowSeconds())))
          .status,
      ).toBe(413);
      const huge = 'x'.repeat(1024 * 1024 + 1);
      expect(
        (await post('hooked', huge, { 'content-type': 'application/json' }))
          .status,
      ).toBe(413);
      const body = delivery('d4', [7]);
      expect(
        (await post('nowhere', body, signedHeaders(body, SECRET, nowSeconds())))
          .status,
      ).toBe(404);
      expect(
        (await post('pulled', body, signedHeaders(body, SECRET, nowSeconds())))
          .status,
      ).toBe(404);
      expect(await storedRows()).toBe(4);
    });

    it('refuses a delivery it cannot verify for want of its secret, and shows why in the source runs', async () => {
      const body = delivery('d5', [8]);
      const res = await post(
        'no-secret',
        body,
        signedHeaders(body, SECRET, nowSeconds()),
      );
      expect(res.status).toBe(401);
      const [run] = await runs('no-secret');
      expect(run).toMatchObject({
        trigger: 'webhook',
        status: 'failed',
        inserted: 0,
      });
      expect(run.error).toContain(
        "no credential 'nope' in customerKpis.credentials",
      );
    });

    it('verifies with a secret whose allowedUrls name neither the webhook nor the portal (they govern sending only)', async () => {
      const body = delivery('d8', [9]);
      const res = await post(
        'scoped',
        body,
        signedHeaders(body, SCOPED_SECRET, nowSeconds()),
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ inserted: 1 });
      const [run] = await runs('scoped');
      expect(run).toMatchObject({ trigger: 'webhook', status: 'succeeded' });
    });

    it('reads JSON under a vendor media type or with a charset, verifying the signature over the bytes as sent', async () => {
      const before = await storedRows();
      // Indented: re-serialised JSON would not match the signature.
      const body = JSON.stringify(JSON.parse(delivery('d6', [6])), null, 2);
      for (const type of [
        'application/vnd.surveymonkey.response.v1+json',
        'application/json; charset=utf-8',
        'application/vnd.api+json; charset=UTF-8',
      ]) {
        const res = await post('hooked', body, {
          ...signedHeaders(body, SECRET, nowSeconds()),
          'content-type': type,
        });
        expect([type, res.status]).toEqual([type, 200]);
      }
      expect(await storedRows()).toBe(before + 1);
    });

    it('refuses a body in another media type with 415, naming the types it reads, and stores nothing', async () => {
      const before = await storedRows();
      const body = delivery('d7', [7]);
      for (const type of ['text/plain', 'text/json', 'application/xml']) {
        const res = await post('hooked', body, {
          ...signedHeaders(body, SECRET, nowSeconds()),
          'content-type': type,
        });
        expect([res.status, res.body.error?.message]).toEqual([
          415,
          `Invalid request body: Content-Type must be application/json or application/*+json (got ${type})`,
        ]);
      }
      expect(await storedRows()).toBe(before);
    });
  },
);

describe('POST /webhooks/{sourceId} in the OpenAPI document', () => {
  it('lists the media types the route reads: JSON, also under a vendor type', () => {
    const doc = openApiDocument(ROUTES) as unknown as OpenApiDocument;
    expect(
      Object.keys(
        operationOf(doc, 'POST /webhooks/{sourceId}').requestBody?.content ??
          {},
      ),
    ).toEqual(['application/json', 'application/*+json']);
    expect(
      Object.keys(operationOf(doc, 'POST /imports').requestBody?.content ?? {}),
    ).toEqual(['text/csv']);
  });
});
