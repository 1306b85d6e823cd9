// Retractions through the push API: every read moves back to what the remaining observations give.
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  computeNps,
  entityKpisResponseSchema,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { ADMIN, PIPELINE } from '../__testUtils__/identities';
import { daysAgo, today } from '../__testUtils__/observations';
import {
  testCatalogFactory,
  testPermissionsFactory,
} from '../__testUtils__/catalog';
import { customerKpisPlugin } from '../plugin';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const BASE = '/api/customer-kpis';

const ref = (name: string) => `component:default/${name}`;
const stamp = (day: string, time = '10:00:00') =>
  day === today ? `${day}T00:00:01Z` : `${day}T${time}Z`;
const nps = (id: string, score: number, entity: string, day: string) => ({
  id,
  kpi: 'recommend',
  entityRef: ref(entity),
  timestamp: stamp(day),
  score,
});
const csat = (id: string, score: number, entity: string, day: string) => ({
  id,
  kpi: 'satisfaction',
  entityRef: ref(entity),
  timestamp: stamp(day, '11:00:00'),
  score,
});
const ticket = (id: string, minutes: number, entity: string, day: string) => {
  const resolvedAt = new Date(stamp(day));
  return {
    id,
    kpi: 'time-to-resolve',
    entityRef: ref(entity),
    openedAt: new Date(resolvedAt.getTime() - minutes * 60_000).toISOString(),
    resolvedAt: resolvedAt.toISOString(),
  };
};

/** What stays: answers and tickets of two components of the system `shop`, in every window and today. */
const KEPT_NPS = [10, 9, 0, 7, 10, 3];
const kept = [
  ...KEPT_NPS.map((score, i) =>
    nps(
      `k-nps-${i}`,
      score,
      i % 2 ? 'cart-service' : 'checkout-service',
      [daysAgo(1), daysAgo(20), daysAgo(45), today][i % 4],
    ),
  ),
  csat('k-csat-0', 5, 'checkout-service', daysAgo(1)),
  csat('k-csat-1', 2, 'cart-service', daysAgo(45)),
  ticket('k-ticket-0', 90, 'checkout-service', daysAgo(1)),
  ticket('k-ticket-1', 600, 'checkout-service', today),
];

/** What comes and goes: on days with kept data and without, today, for a restricted component and an orphan. */
const extraFromPush = [
  nps('x-nps-0', 0, 'checkout-service', daysAgo(1)),
  nps('x-nps-1', 0, 'checkout-service', daysAgo(9)),
  nps('x-nps-2', 10, 'cart-service', today),
  csat('x-csat-0', 1, 'checkout-service', daysAgo(9)),
  ticket('x-ticket-0', 5000, 'checkout-service', today),
  ticket('x-ticket-1', 30, 'cart-service', daysAgo(100)),
  nps('x-nps-3', 9, 'product-search', daysAgo(2)),
  nps('x-nps-4', 9, 'retired-service', daysAgo(2)),
];
const extraFromTool = [
  nps('t-nps-0', 1, 'checkout-service', daysAgo(1)),
  csat('t-csat-0', 4, 'cart-service', today),
];

describe.each(databases.eachSupportedId())('retractions on %p', databaseId => {
  let knex: Knex;
  let api: ReturnType<typeof request>;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    const { server } = await startTestBackend({
      features: [
        customerKpisPlugin,
        testCatalogFactory(),
        mockServices.database.factory({ knex }),
        testPermissionsFactory(AuthorizeResult.ALLOW),
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
      ],
    });
    api = request(server);
    // The catalog mirror fills on the first scheduled sync.
    for (let i = 0; i < 50; i++) {
      const res = await api.get(`${BASE}/overview`).set('Authorization', ADMIN);
      if (res.status === 200 && res.body.total === 3) break;
      await new Promise(r => setTimeout(r, 100));
    }
  });

  afterEach(async () => {
    await knex.destroy();
  });

  const post = (body: object) =>
    api.post(`${BASE}/observations`).set('Authorization', PIPELINE).send(body);
  const get = async (path: string) => {
    const res = await api.get(`${BASE}${path}`).set('Authorization', ADMIN);
    expect(res.status).toBe(200);
    return res.body;
  };
  const entity = '/entities/component/default';

  /** Every read the UI makes of these entities and their groups. */
  const reads = async () => ({
    checkout: await get(`${entity}/checkout-service/kpis`),
    checkout30: await get(`${entity}/checkout-service/kpis?window=30d`),
    checkout365: await get(`${entity}/checkout-service/kpis?window=365d`),
    cart: await get(`${entity}/cart-service/kpis?window=7d`),
    search: await get(`${entity}/product-search/kpis`),
    shop: await get('/entities/system/default/shop/kpis'),
    commerce: await get('/entities/domain/default/commerce/kpis?window=30d'),
    npsDays: await get(
      `${entity}/checkout-service/kpis/recommend/series?granularity=day&from=${daysAgo(
        60,
      )}&to=${today}`,
    ),
    resolveWeeks: await get(
      `${entity}/checkout-service/kpis/time-to-resolve/series?granularity=week&from=${daysAgo(
        120,
      )}&to=${today}`,
    ),
    components: await get('/overview?sort=recommend'),
    systems: await get('/overview?groupBy=system&sort=satisfaction'),
    domains: await get('/overview?groupBy=domain&window=30d'),
    owners: await get('/overview?groupBy=owner&sort=time-to-resolve'),
    coverage: await get('/coverage'),
  });
  /** The reads without the times data arrived: a retraction is an arrival of its own. */
  const withoutArrivalTimes = (value: unknown): unknown =>
    JSON.parse(
      JSON.stringify(value, (key, v) =>
        key === 'lastUpdated' || key === 'lastDataAt' ? undefined : v,
      ),
    );

  it('moves every read back to exactly what the remaining observations give', async () => {
    expect((await post({ observations: kept })).status).toBe(200);
    const before = await reads();
    await post({ observations: extraFromPush });
    await post({ source: 'survey-tool', observations: extraFromTool });
    const during = await reads();
    for (const key of Object.keys(before) as (keyof typeof before)[]) {
      expect([key, withoutArrivalTimes(during[key])]).not.toEqual([
        key,
        withoutArrivalTimes(before[key]),
      ]);
    }

    const fromPush = await post({ retractions: extraFromPush.map(o => o.id) });
    expect(fromPush.status).toBe(200);
    expect(fromPush.body).toEqual({
      inserted: 0,
      unchanged: 0,
      replaced: 0,
      retracted: 8,
    });
    const fromTool = await post({
      source: 'survey-tool',
      retractions: extraFromTool.map(o => o.id),
    });
    expect(fromTool.body).toMatchObject({ retracted: 2 });

    const after = await reads();
    expect(withoutArrivalTimes(after)).toEqual(withoutArrivalTimes(before));
    // The engine's own figure from what is left: checkout's answers 10, 0, 10 (promoters 2, detractor 1).
    const checkoutNps = entityKpisResponseSchema
      .parse(after.checkout)
      .kpis.find(k => k.kpi === 'recommend')!;
    const engine = computeNps({ promoters: 2, passives: 0, detractors: 1 });
    expect(checkoutNps.summary.value).toBe(engine.nps);
    expect(checkoutNps.summary.n).toBe(3);
    expect(checkoutNps.sources).toEqual(['push']);

    // Retracting again is a no-op: counted unchanged, and not even the arrival times move.
    expect(
      (await post({ retractions: extraFromPush.map(o => o.id) })).body,
    ).toEqual({ inserted: 0, unchanged: 8, replaced: 0, retracted: 0 });
    expect(await reads()).toEqual(after);
  });

  it('takes observations and retractions in one batch, and a bad item refuses both', async () => {
    await post({ observations: kept });
    const before = await reads();

    const refused = await post({
      observations: [nps('new-0', 10, 'checkout-service', daysAgo(3)), {}],
      retractions: ['k-nps-0'],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(
      /1 of 2 observations are invalid/,
    );
    expect(await reads()).toEqual(before);

    const both = await post({
      observations: [nps('new-0', 10, 'checkout-service', daysAgo(3))],
      retractions: ['k-nps-0', 'k-nps-1', 'no-such-answer'],
    });
    expect(both.body).toEqual({
      inserted: 1,
      unchanged: 1,
      replaced: 0,
      retracted: 2,
    });
    expect(
      await knex('customer_kpis_observations')
        .whereIn('observation_id', ['new-0', 'k-nps-0', 'k-nps-1'])
        .pluck('observation_id'),
    ).toEqual(['new-0']);
  });

  it('refuses an id both observed and retracted, naming the item, and stores nothing', async () => {
    await post({ observations: kept });
    const before = await reads();

    const res = await post({
      observations: [nps('k-nps-0', 3, 'checkout-service', daysAgo(1))],
      retractions: ['k-nps-2', 'k-nps-0'],
    });

    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /retractions\.1: "k-nps-0" is also the id of observation 0/,
    );
    expect(await reads()).toEqual(before);
  });
});
