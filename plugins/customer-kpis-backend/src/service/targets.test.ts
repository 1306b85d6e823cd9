// Targets per domain and per system over HTTP, on every test database: the most specific setting decides the status
// wherever one is shown (entity read and its index, series, overview rows of components, systems, domains and owners,
// CSV), GET /kpis lists the entries, and a bad entry stops the backend at start-up.
import { Entity } from '@backstage/catalog-model';
import {
  addDaysToDay,
  entityKpisResponseSchema,
  kpiDefinitionsResponseSchema,
  kpiSeriesResponseSchema,
  overviewResponseSchema,
  ownedOverviewResponseSchema,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { parse as parseCsv } from 'csv-parse/sync';
import { Knex } from 'knex';
import request from 'supertest';
import { TEST_ENTITIES } from '../__testUtils__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  ADMIN,
  CART,
  CHECKOUT,
  COMMERCE,
  PRODUCT_SEARCH,
  SEARCH_SYSTEM,
  SHOP,
} from '../__testUtils__/identities';
import { today } from '../__testUtils__/observations';
import {
  ROUTER_BASE as BASE,
  RouterTestBackendOptions,
  ingestAll,
  startRouterTestBackend,
} from '../__testUtils__/routerBackend';

jest.setTimeout(120_000);

const databases = createTestDatabases();

// Product search is under the search system, which has no entry: the domain's entry decides.

/**
 * Every component scores NPS 20. Globally that is good (target 10); the commerce domain expects 50 (warning 30):
 * critical; the shop system expects 25, its warning keeping the domain's distance (5): a warning. The cart's own
 * annotation (20, warning 10) makes it good again. Each layer thus gives another status.
 */
const TARGETS = {
  recommend: { target: 10, warning: 0 },
  entities: [
    {
      entity: 'Domain:Commerce',
      targets: { recommend: { target: 50, warning: 30 } },
    },
    { entity: 'system:default/shop', targets: { recommend: { target: '25' } } },
  ],
};
const DOMAIN_THRESHOLDS = {
  target: 50,
  warning: 30,
  source: 'config',
  entity: COMMERCE,
};
const SHOP_THRESHOLDS = {
  target: 25,
  warning: 5,
  source: 'config',
  entity: SHOP,
};

const ENTITIES: Entity[] = TEST_ENTITIES.map(e =>
  e.metadata.name === 'cart-service'
    ? {
        ...e,
        metadata: {
          ...e.metadata,
          annotations: { 'customer-kpis.io/target.recommend': '20/10' },
        },
      }
    : e,
);

/** NPS 20 for an entity two days ago: 2 promoters, 2 passives, 1 detractor. */
const npsOf20 = (entityRef: string) =>
  [10, 9, 8, 7, 0].map((score, i) => ({
    id: `${entityRef}-nps-${i}`,
    kpi: 'recommend',
    entityRef,
    timestamp: `${addDaysToDay(today, -2)}T10:0${i}:00Z`,
    score,
  }));

const pathOf = (ref: string) => {
  const [kind, rest] = ref.split(':');
  return `${BASE}/entities/${kind}/${rest}/kpis`;
};

const startBackend = (
  knex: Knex,
  targets: object,
  ready?: RouterTestBackendOptions['ready'],
) =>
  startRouterTestBackend(knex, {
    entities: ENTITIES,
    customerKpis: { minimumSample: 1, targets },
    ready,
  });

describe.each(databases.eachSupportedId())(
  'targets per domain and system on %p',
  databaseId => {
    let knex: Knex;
    let api: ReturnType<typeof request>;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      // The catalog mirror, which places a component in its system and domain, fills on the first scheduled sync.
      api = await startBackend(knex, TARGETS, {
        path: pathOf(COMMERCE),
        when: body => body.members === 3,
      });
      await ingestAll(api, [CHECKOUT, CART, PRODUCT_SEARCH].flatMap(npsOf20));
    });

    afterAll(async () => {
      await knex.destroy();
    });

    const npsOf = async (ref: string) => {
      const res = await api.get(pathOf(ref)).set('Authorization', ADMIN);
      expect(res.status).toBe(200);
      const body = entityKpisResponseSchema.parse(res.body);
      const nps = body.kpis.find(k => k.kpi === 'recommend')!;
      const index = body.cci.components.find(c => c.kpi === 'recommend')!;
      return {
        value: nps.summary.value,
        thresholds: nps.thresholds,
        status: nps.status,
        indexStatus: index.status,
      };
    };
    const overviewStatuses = async (query: string) => {
      const res = await api
        .get(`${BASE}/overview?${query}`)
        .set('Authorization', ADMIN);
      expect(res.status).toBe(200);
      return Object.fromEntries(
        overviewResponseSchema
          .parse(res.body)
          .rows.map(r => [r.ref, r.kpis.recommend?.status]),
      );
    };

    it("gives a component under the domain the domain's target in its entity read and index", async () => {
      expect(await npsOf(PRODUCT_SEARCH)).toEqual({
        value: 20,
        thresholds: DOMAIN_THRESHOLDS,
        status: 'critical',
        indexStatus: 'critical',
      });
    });

    it("lets the system's target win over the domain's, and the entity's annotation over both", async () => {
      expect(await npsOf(CHECKOUT)).toEqual({
        value: 20,
        thresholds: SHOP_THRESHOLDS,
        status: 'warning',
        indexStatus: 'warning',
      });
      expect(await npsOf(CART)).toEqual({
        value: 20,
        thresholds: { target: 20, warning: 10, source: 'annotation' },
        status: 'good',
        indexStatus: 'good',
      });
    });

    it("judges a system's and a domain's pooled figures by their own entries", async () => {
      expect(await npsOf(SHOP)).toMatchObject({
        value: 20,
        thresholds: SHOP_THRESHOLDS,
        status: 'warning',
      });
      expect(await npsOf(SEARCH_SYSTEM)).toMatchObject({
        thresholds: DOMAIN_THRESHOLDS,
        status: 'critical',
      });
      expect(await npsOf(COMMERCE)).toMatchObject({
        value: 20,
        thresholds: DOMAIN_THRESHOLDS,
        status: 'critical',
      });
    });

    it('draws the series against the same thresholds as the entity read', async () => {
      for (const [ref, thresholds] of [
        [CHECKOUT, SHOP_THRESHOLDS],
        [PRODUCT_SEARCH, DOMAIN_THRESHOLDS],
      ] as const) {
        const res = await api
          .get(`${pathOf(ref)}/recommend/series`)
          .set('Authorization', ADMIN);
        expect(res.status).toBe(200);
        expect(kpiSeriesResponseSchema.parse(res.body).thresholds).toEqual(
          thresholds,
        );
      }
    });

    it('gives the overview rows the statuses of the entity reads', async () => {
      expect(await overviewStatuses('groupBy=component')).toEqual({
        [CHECKOUT]: 'warning',
        [CART]: 'good',
        [PRODUCT_SEARCH]: 'critical',
      });
      expect(await overviewStatuses('groupBy=system')).toEqual({
        [SHOP]: 'warning',
        [SEARCH_SYSTEM]: 'critical',
      });
      expect(await overviewStatuses('groupBy=domain')).toEqual({
        [COMMERCE]: 'critical',
      });
      // The index sorts in memory: its rows are judged alike.
      expect(await overviewStatuses('groupBy=component&sort=cci')).toEqual({
        [CHECKOUT]: 'warning',
        [CART]: 'good',
        [PRODUCT_SEARCH]: 'critical',
      });
    });

    it("gives a team's products the same statuses", async () => {
      const res = await api
        .get(`${BASE}/overview/owned?owner=group:default/team-shop`)
        .set('Authorization', ADMIN);
      expect(res.status).toBe(200);
      expect(
        Object.fromEntries(
          ownedOverviewResponseSchema
            .parse(res.body)
            .rows.map(r => [r.ref, r.kpis.recommend?.status]),
        ),
      ).toEqual({ [SHOP]: 'warning', [CHECKOUT]: 'warning', [CART]: 'good' });
    });

    it('writes the same statuses into the CSV export', async () => {
      const res = await api
        .get(`${BASE}/overview?groupBy=component`)
        .set('Authorization', ADMIN)
        .set('Accept', 'text/csv');
      expect(res.status).toBe(200);
      const rows: Record<string, string>[] = parseCsv(res.text, {
        columns: true,
        bom: true,
      });
      expect(
        Object.fromEntries(rows.map(r => [r.ref, r['recommend status']])),
      ).toEqual({
        [CHECKOUT]: 'warning',
        [CART]: 'good',
        [PRODUCT_SEARCH]: 'critical',
      });
    });

    it('lists the entries of each KPI in GET /kpis beside the global thresholds', async () => {
      const res = await api.get(`${BASE}/kpis`).set('Authorization', ADMIN);
      expect(res.status).toBe(200);
      const kpis = kpiDefinitionsResponseSchema.parse(res.body).kpis;
      const nps = kpis.find(k => k.id === 'recommend')!;
      expect(nps.thresholds).toEqual({
        target: 10,
        warning: 0,
        source: 'config',
      });
      expect(nps.entityThresholds).toEqual([
        { entity: COMMERCE, target: 50, warning: 30 },
        { entity: SHOP, target: 25 },
      ]);
      expect(
        kpis.filter(k => k.id !== 'recommend').map(k => k.entityThresholds),
      ).toEqual(Array(6).fill([]));
    });
  },
);

describe('a bad target entry', () => {
  it('stops the backend at start-up, naming the entry', async () => {
    const [databaseId] = databases.eachSupportedId()[0];
    const knex = await databases.init(databaseId);
    try {
      await expect(
        startBackend(knex, {
          entities: [
            {
              entity: 'system:default/shop',
              targets: { recommend: { target: 'high' } },
            },
          ],
        }),
      ).rejects.toThrow(
        'Invalid app-config customerKpis.targets.entities.0.targets.recommend.target: "high" is not an NPS from -100 to 100',
      );
    } finally {
      await knex.destroy();
    }
  });
});
