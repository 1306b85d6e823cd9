// The series of a system or domain over HTTP: its own data pooled with the components under it that the caller may
// read, as its KPIs are. The expected points are computed here from the observations themselves, with the engine.
import { Entity } from '@backstage/catalog-model';
import {
  KPI_IDS,
  KpiId,
  KpiSeriesResponse,
  Observation,
  aggregatorFor,
  entityKpisResponseSchema,
  kpiDefinitions,
  kpiSeriesResponseSchema,
  observationDay,
  parseObservation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import request from 'supertest';
import { TEST_ENTITIES } from '../__testUtils__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  ADMIN,
  ALICE,
  CART,
  CHECKOUT,
  COMMERCE,
  NOBODY,
  PRODUCT_SEARCH,
  SEARCH_SYSTEM as SEARCH,
  SHOP,
} from '../__testUtils__/identities';
import { daysAgo, oneOfEveryKpi } from '../__testUtils__/observations';
import {
  ingestAll,
  startRouterTestBackend,
} from '../__testUtils__/routerBackend';

jest.setTimeout(120_000);

const databases = createTestDatabases();

/** A component of the shop that only the admin may read. */
const LEGACY = 'component:default/legacy-checkout';

/** The test catalog with a restricted component in the shop, so that Alice reads some of its members only. */
const ENTITIES: Entity[] = [
  ...TEST_ENTITIES,
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'legacy-checkout',
      namespace: 'default',
      tags: ['restricted'],
    },
    spec: {
      type: 'service',
      lifecycle: 'deprecated',
      owner: 'group:default/team-shop',
      system: 'shop',
    },
  },
];

/** The days (before today) each entity has one observation of every KPI on; systems and the domain have own data. */
const DAYS_WITH_DATA: Record<string, number[]> = {
  [SHOP]: [2, 9],
  [SEARCH]: [12],
  [COMMERCE]: [5],
  [CHECKOUT]: [0, 2, 9, 16, 30, 61],
  [CART]: [2, 3, 23, 30, 80],
  [LEGACY]: [2, 16, 44],
  [PRODUCT_SEARCH]: [9, 30, 50],
};

/** The observations as a pipeline sends them, values varied by entity and day. */
const SENT = Object.entries(DAYS_WITH_DATA).flatMap(([ref, days], e) =>
  days.flatMap(ago =>
    oneOfEveryKpi(`${ref}-${ago}`, daysAgo(ago), ref, e * 7 + ago),
  ),
);
const OBSERVATIONS: Observation[] = SENT.map(json => parseObservation(json));

/**
 * The points a pool of entities should have over the periods of `series`: per entity, the aggregate of its own
 * observations in the period, added one by one; then the entities' aggregates merged and summarised by the engine.
 */
function pooledPoints(series: KpiSeriesResponse, refs: readonly string[]) {
  const kpi = series.kpi as KpiId;
  const aggregator = aggregatorFor(kpi);
  const options =
    kpiDefinitions[kpi].unit === 'minutes'
      ? { targetMinutes: series.thresholds.target }
      : {};
  // Whether a point is partial does not depend on the pool (router.test.ts tests it).
  return series.points.map(({ start, end, partial }) => {
    const perEntity = refs.map(ref =>
      OBSERVATIONS.filter(
        o =>
          o.kpi === kpi &&
          o.entityRef === ref &&
          observationDay(o) >= start &&
          observationDay(o) <= end,
      ).reduce((a, o) => aggregator.add(a, o), aggregator.empty()),
    );
    const pooled = perEntity.reduce(
      (a, b) => aggregator.merge(a, b),
      aggregator.empty(),
    );
    // As the answer carries it: through JSON, which drops undefined fields.
    return {
      start,
      end,
      partial,
      summary: JSON.parse(
        JSON.stringify(aggregator.summarise(pooled, options)),
      ),
    };
  });
}

describe.each(databases.eachSupportedId())(
  'the series of systems and domains on %p',
  databaseId => {
    let knex: Knex;
    let api: ReturnType<typeof request>;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      // The catalog mirror fills on the first scheduled sync: the shop has its three components then.
      api = await startRouterTestBackend(knex, {
        entities: ENTITIES,
        ready: {
          path: '/api/customer-kpis/entities/system/default/shop/kpis',
          when: body => body.members === 3,
        },
      });
      await ingestAll(api, SENT, OBSERVATIONS.length);
    });

    afterAll(async () => {
      await knex.destroy();
    });

    const seriesOf = async (
      ref: string,
      kpi: string,
      auth: string,
      query = '',
    ) => {
      const [kind, rest] = ref.split(':');
      const res = await api
        .get(
          `/api/customer-kpis/entities/${kind}/${rest}/kpis/${kpi}/series${query}`,
        )
        .set('Authorization', auth);
      expect(res.status).toBe(200);
      return kpiSeriesResponseSchema.parse(res.body);
    };
    const headlineOf = async (ref: string, auth: string, window: string) => {
      const [kind, rest] = ref.split(':');
      const res = await api
        .get(
          `/api/customer-kpis/entities/${kind}/${rest}/kpis?window=${window}`,
        )
        .set('Authorization', auth);
      expect(res.status).toBe(200);
      return entityKpisResponseSchema.parse(res.body);
    };
    const totalN = (series: KpiSeriesResponse) =>
      series.points.reduce((n, p) => n + p.summary.n, 0);

    it("answers a system's weekly series with points of n > 0: its components' data, not only its own", async () => {
      const series = await seriesOf(SHOP, 'satisfaction', ALICE);

      expect(series.entityRef).toBe(SHOP);
      expect(series.granularity).toBe('week');
      const withData = series.points.filter(p => p.summary.n > 0);
      // Days 0–80 of the shop, checkout and cart fall in 7 distinct weeks at least (a week holds 7 days).
      expect(withData.length).toBeGreaterThanOrEqual(7);
      // One answer per entity and day with data: the shop's 2, checkout's 6, cart's 5.
      expect(totalN(series)).toBe(2 + 6 + 5);
    });

    it.each([
      ['the admin', ADMIN, [SHOP, CHECKOUT, CART, LEGACY]],
      ['Alice', ALICE, [SHOP, CHECKOUT, CART]],
    ])(
      "a system's series, for %s, is its own and its readable components' series pooled, for every KPI and granularity",
      async (_who, auth, refs) => {
        for (const kpi of KPI_IDS) {
          for (const query of [
            '',
            `?granularity=day&from=${daysAgo(20)}`,
            `?granularity=month&from=${daysAgo(200)}`,
          ]) {
            const series = await seriesOf(SHOP, kpi, auth, query);
            expect({ kpi, query, points: series.points }).toEqual({
              kpi,
              query,
              points: pooledPoints(series, refs),
            });
          }
        }
      },
    );

    it.each([
      // A domain pools the components of its systems (as its KPIs and the overview's domain rows do); a
      // system's own data stays the system's.
      ['the admin', ADMIN, [COMMERCE, CHECKOUT, CART, LEGACY, PRODUCT_SEARCH]],
      ['Alice', ALICE, [COMMERCE, CHECKOUT, CART]],
    ])(
      "a domain's series, for %s, is its own and its readable components' series pooled, for every KPI",
      async (_who, auth, refs) => {
        for (const kpi of KPI_IDS) {
          for (const query of ['', `?granularity=month&from=${daysAgo(200)}`]) {
            const series = await seriesOf(COMMERCE, kpi, auth, query);
            expect({ kpi, query, points: series.points }).toEqual({
              kpi,
              query,
              points: pooledPoints(series, refs),
            });
          }
        }
      },
    );

    it('leaves out the members the caller may not read, as the KPIs of the entity do', async () => {
      const admin = await seriesOf(SHOP, 'recommend', ADMIN);
      const alice = await seriesOf(SHOP, 'recommend', ALICE);
      // The legacy checkout's three answers count for the admin only.
      expect(totalN(admin) - totalN(alice)).toBe(3);
      expect(alice.points).toEqual(pooledPoints(alice, [SHOP, CHECKOUT, CART]));

      // Alice reads none of the search system's components: its series is its own data alone.
      const search = await seriesOf(SEARCH, 'retention', ALICE);
      expect(search.points).toEqual(pooledPoints(search, [SEARCH]));
      expect(totalN(search)).toBe(100); // one period of 100 customers at its start, day 12
      const searchForAdmin = await seriesOf(SEARCH, 'retention', ADMIN);
      expect(searchForAdmin.points).toEqual(
        pooledPoints(searchForAdmin, [SEARCH, PRODUCT_SEARCH]),
      );

      // A caller who may read nothing does not see the system at all.
      const hidden = await api
        .get(
          '/api/customer-kpis/entities/system/default/shop/kpis/recommend/series',
        )
        .set('Authorization', NOBODY);
      expect(hidden.status).toBe(404);
    });

    it.each([
      ['the shop', 'the admin', SHOP, ADMIN],
      ['the shop', 'Alice', SHOP, ALICE],
      ['commerce', 'the admin', COMMERCE, ADMIN],
      ['commerce', 'Alice', COMMERCE, ALICE],
    ])(
      "the daily series of %s over the window adds up to the headline's n, for %s",
      async (_name, _who, ref, auth) => {
        const headline = await headlineOf(ref, auth, '30d');
        for (const kpi of ['satisfaction', 'retention', 'recommend'] as const) {
          const series = await seriesOf(
            ref,
            kpi,
            auth,
            `?granularity=day&from=${headline.window.from}&to=${headline.window.to}`,
          );
          const summary = headline.kpis.find(k => k.kpi === kpi)!.summary;
          expect({ kpi, n: totalN(series) }).toEqual({ kpi, n: summary.n });
          expect(summary.n).toBeGreaterThan(0);
        }
      },
    );
  },
);
