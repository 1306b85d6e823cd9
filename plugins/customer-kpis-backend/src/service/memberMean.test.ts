// The unweighted mean of a system's or domain's members beside its pooled KPIs, over HTTP on every test database:
// each readable member counts once, the rollup's own data stays out of it, and it is the mean the overview's
// group rows show.
import {
  KPI_IDS,
  EntityKpisResponse,
  entityKpisResponseSchema,
  overviewResponseSchema,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  ADMIN,
  ALICE,
  CART,
  CHECKOUT,
  COMMERCE,
  PRODUCT_SEARCH,
  SHOP,
} from '../__testUtils__/identities';
import { daysAgo, oneOfEveryKpi } from '../__testUtils__/observations';
import {
  ingestAll,
  startRouterTestBackend,
} from '../__testUtils__/routerBackend';

jest.setTimeout(120_000);

const databases = createTestDatabases();

/** Days (before today) with one observation of every KPI; the domain and the shop have data of their own too. */
const DAYS_WITH_DATA: Record<string, number[]> = {
  [COMMERCE]: [3, 4],
  [SHOP]: [6],
  [CHECKOUT]: [1, 2, 5, 9, 20],
  [CART]: [2, 8],
  [PRODUCT_SEARCH]: [4, 7, 11],
};

const SENT = Object.entries(DAYS_WITH_DATA).flatMap(([ref, days], e) =>
  days.flatMap(ago =>
    oneOfEveryKpi(`${ref}-${ago}`, daysAgo(ago), ref, e * 5 + ago),
  ),
);

const pathOf = (ref: string) => {
  const [kind, rest] = ref.split(':');
  return `/api/customer-kpis/entities/${kind}/${rest}/kpis`;
};

describe.each(databases.eachSupportedId())(
  'the mean of the members of systems and domains on %p',
  databaseId => {
    let knex: Knex;
    let api: ReturnType<typeof request>;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      // The catalog mirror fills on the first scheduled sync: the domain has its three components then.
      api = await startRouterTestBackend(knex, {
        ready: { path: pathOf(COMMERCE), when: body => body.members === 3 },
      });
      await ingestAll(api, SENT);
    });

    afterAll(async () => {
      await knex.destroy();
    });

    const kpisOf = async (ref: string, auth: string) => {
      const res = await api.get(pathOf(ref)).set('Authorization', auth);
      expect(res.status).toBe(200);
      return entityKpisResponseSchema.parse(res.body);
    };
    const valueOf = (response: EntityKpisResponse, kpi: string) =>
      response.kpis.find(k => k.kpi === kpi)!.summary.value;

    it.each([
      ['the admin', ADMIN, [CHECKOUT, CART, PRODUCT_SEARCH]],
      ['Alice', ALICE, [CHECKOUT, CART]],
    ])(
      "a domain's mean, for %s, is the mean of its readable components' own values, each counting once",
      async (_who, auth, members) => {
        const domain = await kpisOf(COMMERCE, auth);
        const own = await Promise.all(members.map(ref => kpisOf(ref, auth)));
        for (const kpi of KPI_IDS) {
          const values = own
            .map(response => valueOf(response, kpi))
            .filter((v): v is number => v !== null);
          const mean = values.reduce((a, b) => a + b, 0) / values.length;
          const { memberMean } = domain.kpis.find(k => k.kpi === kpi)!;
          // Members without a value (no one reached value yet) stay out of the mean; every KPI has some here.
          expect({ kpi, members: memberMean?.members }).toEqual({
            kpi,
            members: values.length,
          });
          expect(values.length).toBeGreaterThan(0);
          expect(memberMean?.value).toBeCloseTo(mean, 9);
        }
      },
    );

    it("leaves the domain's own data out of the mean and in the pooled value", async () => {
      const domain = await kpisOf(COMMERCE, ALICE);
      const nps = domain.kpis.find(k => k.kpi === 'recommend')!;
      // One answer per entity and day: the domain's 2, checkout's 5, cart's 2 (the systems' own data is theirs).
      expect(nps.summary.n).toBe(2 + 5 + 2);
      expect(nps.memberMean?.members).toBe(2);
    });

    it.each([
      ['the admin', ADMIN],
      ['Alice', ALICE],
    ])(
      "a domain's mean is the unweighted mean of its row on the leadership page, for %s",
      async (_who, auth) => {
        const domain = await kpisOf(COMMERCE, auth);
        const res = await api
          .get('/api/customer-kpis/overview?groupBy=domain')
          .set('Authorization', auth);
        expect(res.status).toBe(200);
        const row = overviewResponseSchema
          .parse(res.body)
          .rows.find(r => r.ref === COMMERCE)!;
        for (const kpi of KPI_IDS) {
          const cell = row.kpis[kpi]!;
          const { memberMean } = domain.kpis.find(k => k.kpi === kpi)!;
          expect({ kpi, mean: memberMean?.value }).toEqual({
            kpi,
            mean: cell.unweightedMean,
          });
        }
      },
    );

    it('gives a system the mean of its components, and a component none', async () => {
      const shop = await kpisOf(SHOP, ALICE);
      const [checkout, cart] = await Promise.all([
        kpisOf(CHECKOUT, ALICE),
        kpisOf(CART, ALICE),
      ]);
      const csat = shop.kpis.find(k => k.kpi === 'satisfaction')!;
      expect(csat.memberMean?.members).toBe(2);
      expect(csat.memberMean?.value).toBeCloseTo(
        (valueOf(checkout, 'satisfaction')! + valueOf(cart, 'satisfaction')!) /
          2,
        9,
      );
      expect(checkout.kpis.every(k => k.memberMean === undefined)).toBe(true);
    });
  },
);
