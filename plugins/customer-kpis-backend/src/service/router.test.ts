import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  entityKpisResponseSchema,
  kpiSeriesResponseSchema,
  overviewResponseSchema,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { parse as parseCsv } from 'csv-parse/sync';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { ADMIN, ALICE, PIPELINE } from '../__testUtils__/identities';
import { daysAgo, today } from '../__testUtils__/observations';
import {
  testCatalogFactory,
  testPermissionsFactory,
} from '../__testUtils__/catalog';
import { customerKpisPlugin } from '../plugin';

jest.setTimeout(60_000);

const databases = createTestDatabases();

function nps(id: string, score: number, entity: string, day = daysAgo(1)) {
  return {
    id,
    kpi: 'recommend',
    entityRef: `component:default/${entity}`,
    timestamp: `${day}T10:00:00Z`,
    score,
  };
}

async function startBackend(
  knex: Knex,
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const { server } = await startTestBackend({
    features: [
      customerKpisPlugin,
      testCatalogFactory(),
      mockServices.database.factory({ knex }),
      testPermissionsFactory(permission),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
    ],
  });
  const api = request(server);
  // The catalog mirror fills on the first scheduled sync.
  for (let i = 0; i < 50; i++) {
    const res = await api
      .get('/api/customer-kpis/overview')
      .set('Authorization', ADMIN);
    if (res.status === 200 && res.body.total === 3) break;
    await new Promise(r => setTimeout(r, 100));
  }
  return api;
}

describe.each(databases.eachSupportedId())(
  'customer-kpis router on %p',
  databaseId => {
    let knex: Knex;
    let api: request.Agent | ReturnType<typeof request>;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      api = await startBackend(knex);
    });

    afterEach(async () => {
      await knex.destroy();
    });

    const post = (body: unknown, auth = PIPELINE) =>
      api
        .post('/api/customer-kpis/observations')
        .set('Authorization', auth)
        .send(body as object);
    const entityKpis = (entity: string, auth = ALICE, query = '') =>
      api
        .get(
          `/api/customer-kpis/entities/component/default/${entity}/kpis${query}`,
        )
        .set('Authorization', auth);

    it('ingests a batch from a pipeline and answers the counts; re-sending it changes nothing', async () => {
      const batch = {
        observations: [
          nps('a', 10, 'checkout-service'),
          nps('b', 6, 'checkout-service'),
        ],
      };

      const first = await post(batch);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        inserted: 2,
        unchanged: 0,
        replaced: 0,
        retracted: 0,
      });
      const before = (await entityKpis('checkout-service')).body;

      expect((await post(batch)).body).toEqual({
        inserted: 0,
        unchanged: 2,
        replaced: 0,
        retracted: 0,
      });
      expect((await entityKpis('checkout-service')).body).toEqual(before);
    });

    it('rejects a batch of 1,000 with one bad item: 400 naming the item and its field, and stores nothing', async () => {
      const observations = Array.from({ length: 1000 }, (_, i) =>
        nps(`obs-${i}`, i % 11, 'checkout-service'),
      );
      observations[637] = { ...observations[637], score: 11 };

      const res = await post({ observations });

      expect(res.status).toBe(400);
      expect(res.body.items).toEqual([
        { index: 637, path: 'score', message: expect.stringMatching(/score/) },
      ]);
      expect(res.body.error.message).toMatch(/item 637, score/);
      const kpis = entityKpisResponseSchema.parse(
        (await entityKpis('checkout-service')).body,
      );
      expect(kpis.kpis.find(k => k.kpi === 'recommend')!.summary.n).toBe(0);
    });

    it('answers 413 above 5,000 observations and 400 for a body without observations', async () => {
      const observations = Array.from({ length: 5001 }, (_, i) =>
        nps(`o-${i}`, 9, 'checkout-service'),
      );
      const tooMany = await post({ observations });
      expect(tooMany.status).toBe(413);

      const empty = await post({ source: 'Bad Source!', observations: [] });
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toMatch(/source: must be/);
      expect(empty.body.error.message).toMatch(
        /observations: must hold at least one/,
      );
    });

    it('refuses ingest by a user without customer-kpis.observation.create', async () => {
      await knex.destroy();
      knex = await databases.init(databaseId);
      api = await startBackend(knex, AuthorizeResult.DENY);

      const res = await post(
        { observations: [nps('a', 10, 'checkout-service')] },
        ALICE,
      );

      expect(res.status).toBe(403);
    });

    it('reads the seven KPIs of an entity with value, n, interval, status, change and sparkline', async () => {
      const scores = [10, 10, 10, 9, 9, 8, 7, 6, 3, 10];
      await post({
        observations: scores.map((s, i) =>
          nps(`n-${i}`, s, 'checkout-service', daysAgo(i)),
        ),
      });

      const res = await entityKpis('checkout-service', ALICE, '?window=30d');

      expect(res.status).toBe(200);
      const body = entityKpisResponseSchema.parse(res.body);
      expect(body.kpis.map(k => k.kpi)).toEqual([
        'adoption',
        'time-to-value',
        'time-to-resolve',
        'customer-effort',
        'satisfaction',
        'retention',
        'recommend',
      ]);
      const recommend = body.kpis.find(k => k.kpi === 'recommend')!;
      expect(recommend.summary.value).toBe(40); // (6 promoters − 2 detractors) ÷ 10 answers
      expect(recommend.summary.n).toBe(10);
      expect(recommend.status).toBe('insufficient-data'); // 10 answers < 30
      expect(recommend.sources).toEqual(['push']);
      expect(recommend.sparkline.reduce((n, p) => n + p.n, 0)).toBe(10);
      expect(body.window).toEqual({ from: daysAgo(29), to: today, days: 30 });
      expect(body.bound).toBe(true);
    });

    it('pools the components of a system into its KPIs, counting only the components the caller may read', async () => {
      await post({
        observations: [
          nps('s1', 10, 'checkout-service'),
          nps('s2', 10, 'checkout-service'),
          nps('s3', 0, 'cart-service'),
          nps('s4', 0, 'product-search'),
        ],
      });
      const systemKpis = async (name: string, auth: string) =>
        entityKpisResponseSchema.parse(
          (
            await api
              .get(`/api/customer-kpis/entities/system/default/${name}/kpis`)
              .set('Authorization', auth)
          ).body,
        );

      const shop = await systemKpis('shop', ALICE);
      expect(shop.members).toBe(2);
      const recommend = shop.kpis.find(k => k.kpi === 'recommend')!;
      expect(recommend.summary.n).toBe(3);
      expect(recommend.summary.value).toBeCloseTo(100 / 3, 10); // (2 promoters − 1 detractor) ÷ 3
      expect(recommend.sparkline.reduce((n, p) => n + p.n, 0)).toBe(3);

      expect((await systemKpis('search', ALICE)).members).toBe(0);
      const searchForAdmin = await systemKpis('search', ADMIN);
      expect(searchForAdmin.members).toBe(1);
      expect(
        searchForAdmin.kpis.find(k => k.kpi === 'recommend')!.summary.value,
      ).toBe(-100);
    });

    it('answers 404 for an entity the caller may not read, and for an unknown KPI', async () => {
      expect((await entityKpis('product-search', ALICE)).status).toBe(404);
      expect((await entityKpis('product-search', ADMIN)).status).toBe(200);
      expect((await entityKpis('no-such-service', ADMIN)).status).toBe(404);
      const unknownKpi = await api
        .get(
          '/api/customer-kpis/entities/component/default/checkout-service/kpis/happiness/series',
        )
        .set('Authorization', ALICE);
      expect(unknownKpi.status).toBe(404);
    });

    it('answers 400 naming the parameter for a bad window or day', async () => {
      const badWindow = await entityKpis(
        'checkout-service',
        ALICE,
        '?window=forever',
      );
      expect(badWindow.status).toBe(400);
      expect(badWindow.body.error.message).toMatch(
        /window: must be a duration/,
      );

      const badDay = await api
        .get(
          '/api/customer-kpis/entities/component/default/checkout-service/kpis/recommend/series?from=yesterday',
        )
        .set('Authorization', ALICE);
      expect(badDay.status).toBe(400);
      expect(badDay.body.error.message).toMatch(/from: must be a day/);
    });

    it('serves a weekly series of a KPI', async () => {
      await post({
        observations: [
          nps('x', 10, 'checkout-service', daysAgo(2)),
          nps('y', 0, 'checkout-service', daysAgo(20)),
        ],
      });

      const res = await api
        .get(
          `/api/customer-kpis/entities/component/default/checkout-service/kpis/recommend/series?from=${daysAgo(
            27,
          )}&to=${today}&granularity=week`,
        )
        .set('Authorization', ALICE);

      expect(res.status).toBe(200);
      const body = kpiSeriesResponseSchema.parse(res.body);
      expect(body.points.length).toBeGreaterThanOrEqual(4);
      expect(body.points.reduce((n, p) => n + p.summary.n, 0)).toBe(2);
      expect(body.points.every(p => p.start <= p.end)).toBe(true);
    });

    it('marks the periods that are not over, or that the range cuts, as partial: series and sparkline', async () => {
      await post({
        observations: [
          nps('p1', 10, 'checkout-service', today),
          nps('p2', 0, 'checkout-service', daysAgo(20)),
        ],
      });
      const series = async (query: string) =>
        kpiSeriesResponseSchema.parse(
          (
            await api
              .get(
                `/api/customer-kpis/entities/component/default/checkout-service/kpis/recommend/series?${query}`,
              )
              .set('Authorization', ALICE)
          ).body,
        );

      const weeks = await series(
        `from=${daysAgo(27)}&to=${today}&granularity=week`,
      );
      expect(weeks.points.map(p => p.partial)).toEqual([
        ...weeks.points.slice(1).map(() => false),
        true,
      ]);
      const thisWeek = weeks.points[weeks.points.length - 1];
      expect(thisWeek.end).toBe(today);
      expect(thisWeek.summary.n).toBe(1); // today's answer, in the partial week

      const days = await series(
        `from=${daysAgo(2)}&to=${today}&granularity=day`,
      );
      expect(days.points.map(p => [p.start, p.partial])).toEqual([
        [daysAgo(2), false],
        [daysAgo(1), false],
        [today, true],
      ]);

      // A range ending in the past: only a period it cuts short is partial.
      const months = await series(
        'from=2025-04-01&to=2025-05-20&granularity=month',
      );
      expect(months.points).toMatchObject([
        { start: '2025-04-01', end: '2025-04-30', partial: false },
        { start: '2025-05-01', end: '2025-05-20', partial: true },
      ]);
      const wholeMonths = await series(
        'from=2025-04-01&to=2025-05-31&granularity=month',
      );
      expect(wholeMonths.points.map(p => p.partial)).toEqual([false, false]);

      // 90 days in slices of 8: a first slice of 2 days and the slice holding today are partial.
      const kpis = entityKpisResponseSchema.parse(
        (await entityKpis('checkout-service', ALICE, '?window=90d')).body,
      );
      const sparkline = kpis.kpis.find(k => k.kpi === 'recommend')!.sparkline;
      expect(sparkline).toHaveLength(12);
      expect(sparkline[0]).toMatchObject({
        start: daysAgo(89),
        end: daysAgo(88),
        partial: true,
      });
      expect(sparkline.slice(1, -1).every(p => !p.partial)).toBe(true);
      expect(sparkline[11]).toMatchObject({
        end: today,
        partial: true,
        n: 1,
      });
    });

    it('lists only the components the caller may read in the overview, sorted by a KPI', async () => {
      await post({
        observations: [
          nps('c1', 10, 'checkout-service'),
          nps('c2', 0, 'cart-service'),
          nps('c3', 10, 'product-search'),
        ],
      });

      const alice = overviewResponseSchema.parse(
        (
          await api
            .get('/api/customer-kpis/overview?sort=recommend&order=desc')
            .set('Authorization', ALICE)
        ).body,
      );
      expect(alice.rows.map(r => r.ref)).toEqual([
        'component:default/checkout-service',
        'component:default/cart-service',
      ]);
      expect(alice.total).toBe(2);
      const beyond = await api
        .get('/api/customer-kpis/overview?sort=recommend&page=3&pageSize=1')
        .set('Authorization', ALICE);
      expect(beyond.body.rows).toEqual([]);
      expect(beyond.body.total).toBe(2);

      const admin = overviewResponseSchema.parse(
        (
          await api
            .get('/api/customer-kpis/overview?sort=recommend&order=asc')
            .set('Authorization', ADMIN)
        ).body,
      );
      expect(admin.rows.map(r => r.ref)).toEqual([
        'component:default/cart-service',
        'component:default/checkout-service',
        'component:default/product-search',
      ]);
    });

    it('shows an empty overview to a caller the catalog lets read nothing', async () => {
      await post({ observations: [nps('c1', 10, 'checkout-service')] });
      const nobody = await api
        .get('/api/customer-kpis/overview')
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/nobody'),
        );
      expect(nobody.status).toBe(200);
      expect(overviewResponseSchema.parse(nobody.body)).toMatchObject({
        total: 0,
        rows: [],
      });
    });

    it("sorts the overview by today's data as soon as it is stored", async () => {
      await post({
        observations: [
          nps('y1', 10, 'checkout-service'),
          nps('y2', 0, 'cart-service'),
        ],
      });
      const order = async () =>
        overviewResponseSchema
          .parse(
            (
              await api
                .get('/api/customer-kpis/overview?sort=recommend&order=desc')
                .set('Authorization', ALICE)
            ).body,
          )
          .rows.map(r => [r.ref, r.kpis.recommend.value]);
      expect(await order()).toEqual([
        ['component:default/checkout-service', 100],
        ['component:default/cart-service', -100],
      ]);

      await post({
        observations: [
          ...['t1', 't2', 't3'].map(id =>
            nps(id, 0, 'checkout-service', today),
          ),
          ...['t4', 't5', 't6'].map(id => nps(id, 10, 'cart-service', today)),
        ],
      });

      // checkout: 1 promoter, 3 detractors → −50; cart: 3 promoters, 1 detractor → 50.
      expect(await order()).toEqual([
        ['component:default/cart-service', 50],
        ['component:default/checkout-service', -50],
      ]);
    });

    it('rolls components up by system: pooled value beside the unweighted mean', async () => {
      // checkout: 3 promoters (NPS 100); cart: 1 detractor (NPS −100). Pooled: (3 − 1) / 4 = 50; unweighted: 0.
      await post({
        observations: [
          nps('p1', 10, 'checkout-service'),
          nps('p2', 9, 'checkout-service'),
          nps('p3', 10, 'checkout-service'),
          nps('d1', 2, 'cart-service'),
        ],
      });

      const res = await api
        .get('/api/customer-kpis/overview?groupBy=system')
        .set('Authorization', ALICE);

      const body = overviewResponseSchema.parse(res.body);
      const shop = body.rows.find(r => r.ref === 'system:default/shop')!;
      expect(shop.title).toBe('Shop');
      expect(shop.entityCount).toBe(2);
      expect(shop.kpis.recommend.value).toBe(50);
      expect(shop.kpis.recommend.unweightedMean).toBe(0);
      expect(shop.kpis.recommend.n).toBe(4);
      // Alice cannot read product-search, so the search system has no visible members.
      expect(body.rows.map(r => r.ref)).toEqual(['system:default/shop']);
    });

    it('pools only the members a caller may read: a domain with a hidden component differs per caller', async () => {
      await post({
        observations: [
          nps('p1', 10, 'checkout-service'),
          nps('d1', 0, 'cart-service'),
          nps('d2', 0, 'product-search'),
          nps('d3', 0, 'product-search'),
        ],
      });
      const commerce = async (caller: string) =>
        overviewResponseSchema
          .parse(
            (
              await api
                .get('/api/customer-kpis/overview?groupBy=domain')
                .set('Authorization', caller)
            ).body,
          )
          .rows.find(r => r.ref === 'domain:default/commerce')!;

      // The admin reads every member (the stored group summary); Alice cannot read product-search.
      const all = await commerce(ADMIN);
      expect(all.entityCount).toBe(3);
      expect(all.kpis.recommend.n).toBe(4);
      expect(all.kpis.recommend.value).toBe(-50);
      const visible = await commerce(ALICE);
      expect(visible.entityCount).toBe(2);
      expect(visible.kpis.recommend.n).toBe(2);
      expect(visible.kpis.recommend.value).toBe(0);

      // New data reaches the stored summary on the next read.
      await post({ observations: [nps('p2', 10, 'product-search')] });
      expect((await commerce(ADMIN)).kpis.recommend.n).toBe(5);
    });

    it('exports exactly the rows of the overview as CSV', async () => {
      await post({ observations: [nps('c1', 10, 'checkout-service')] });

      const res = await api
        .get('/api/customer-kpis/overview?sort=title')
        .set('Authorization', ALICE)
        .set('Accept', 'text/csv');

      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/csv/);
      const [header, ...rows] = parseCsv(res.text) as string[][];
      expect(header.slice(0, 3)).toEqual(['title', 'ref', 'kind']);
      expect(rows.map(r => r[1])).toEqual([
        'component:default/cart-service',
        'component:default/checkout-service',
      ]);
      const npsColumn = header.indexOf('recommend (NPS points)');
      expect(rows[1][npsColumn]).toBe('100');
    });

    it('answers 400 for an overview window that is not kept', async () => {
      const res = await api
        .get('/api/customer-kpis/overview?window=45d')
        .set('Authorization', ALICE);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /window: the overview covers 30d, 90d, 365d/,
      );
    });

    it('lists the KPI definitions with the thresholds in force', async () => {
      const res = await api
        .get('/api/customer-kpis/kpis')
        .set('Authorization', ALICE);
      expect(res.status).toBe(200);
      expect(res.body.kpis).toHaveLength(7);
      expect(res.body.minimumSample).toBe(30);
    });
  },
);
