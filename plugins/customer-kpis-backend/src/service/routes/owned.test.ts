// GET /overview/owned over HTTP on every test database: what a team's page and a user's home page list — the
// systems and components the owners own that the caller may read, each row as the leadership page shows it.
import { Entity } from '@backstage/catalog-model';
import {
  OverviewRow,
  overviewResponseSchema,
  ownedOverviewResponseSchema,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import request from 'supertest';
import { TEST_ENTITIES } from '../../__testUtils__/catalog';
import { createTestDatabases } from '../../__testUtils__/databases';
import {
  ADMIN,
  ALICE,
  CART,
  CHECKOUT,
  NOBODY,
  PRODUCT_SEARCH,
  SEARCH_SYSTEM as SEARCH,
  SHOP,
} from '../../__testUtils__/identities';
import {
  daysAgo,
  oneOfEveryKpi,
  today,
} from '../../__testUtils__/observations';
import {
  ROUTER_BASE as BASE,
  ingestAll,
  startRouterTestBackend,
} from '../../__testUtils__/routerBackend';

jest.setTimeout(120_000);

const databases = createTestDatabases();

const TEAM_SHOP = 'group:default/team-shop';
const TEAM_SEARCH = 'group:default/team-search';
const ALICE_REF = 'user:default/alice';
const LEGACY = 'component:default/legacy-checkout';
const TOOL = 'component:default/alice-tool';
const GIFTS = 'system:default/gifts';

const component = (
  name: string,
  spec: Record<string, unknown>,
  metadata: Partial<Entity['metadata']> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', ...metadata },
  spec: { type: 'service', lifecycle: 'production', ...spec },
});

/**
 * The test catalog (the shop team owns the shop with checkout and cart, the search team the search system with its
 * restricted component) with: a restricted component of the shop's team, a system of the shop's team without
 * components, a component that Alice owns herself, and the shop team's group.
 */
const ENTITIES: Entity[] = [
  ...TEST_ENTITIES,
  component(
    'legacy-checkout',
    { owner: TEAM_SHOP, system: 'shop' },
    { tags: ['restricted'] },
  ),
  component('alice-tool', { owner: ALICE_REF }, { title: "Alice's tool" }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'gifts', namespace: 'default', title: 'Gift cards' },
    spec: { owner: TEAM_SHOP, domain: 'commerce' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-shop', namespace: 'default', title: 'Shop Team' },
    spec: { type: 'team', children: [] },
  },
];

const DAYS_WITH_DATA: Record<string, number[]> = {
  [CHECKOUT]: [1, 2, 5, 9],
  [CART]: [2, 3],
  [LEGACY]: [4],
  [PRODUCT_SEARCH]: [6, 7],
  [TOOL]: [1],
};

const SENT = Object.entries(DAYS_WITH_DATA).flatMap(([ref, days], e) =>
  days.flatMap(ago =>
    oneOfEveryKpi(`${ref}-${ago}`, daysAgo(ago), ref, e * 3 + ago),
  ),
);

describe.each(databases.eachSupportedId())(
  'the products of owners on %p',
  databaseId => {
    let knex: Knex;
    let api: ReturnType<typeof request>;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      // The catalog mirror fills on the first scheduled sync: five components then.
      api = await startRouterTestBackend(knex, {
        entities: ENTITIES,
        ready: { path: `${BASE}/overview`, when: body => body.total === 5 },
      });
      await ingestAll(api, SENT);
    });

    afterAll(async () => {
      await knex.destroy();
    });

    const owned = async (query: string, auth = ALICE) => {
      const res = await api
        .get(`${BASE}/overview/owned?${query}`)
        .set('Authorization', auth);
      expect(res.status).toBe(200);
      return ownedOverviewResponseSchema.parse(res.body);
    };
    const overviewRows = async (query: string, auth: string) => {
      const res = await api
        .get(`${BASE}/overview?${query}`)
        .set('Authorization', auth);
      expect(res.status).toBe(200);
      return overviewResponseSchema.parse(res.body).rows;
    };
    const summary = (rows: OverviewRow[]) =>
      rows.map(r => `${r.kind} ${r.title} (${r.entityCount})`);

    it("lists a team's systems, then its components, by title, with what each rolls up", async () => {
      const answer = await owned(`owner=${TEAM_SHOP}`);

      expect(answer.owners).toEqual([TEAM_SHOP]);
      expect(summary(answer.rows)).toEqual([
        // The gift cards system has no components: a row without data.
        'system Gift cards (0)',
        // The legacy checkout is restricted: Alice's shop rolls up two components.
        'system Shop (2)',
        'component cart service (1)',
        'component checkout service (1)',
      ]);
      expect(answer.total).toBe(4);
      expect(answer.window).toEqual({
        from: daysAgo(89),
        to: today,
        days: 90,
      });
      const gifts = answer.rows.find(r => r.ref === GIFTS)!;
      expect(Object.values(gifts.kpis).every(c => c!.value === null)).toBe(
        true,
      );
      // Titles of the owner and domain, for readers who do not know refs.
      expect(answer.rows.find(r => r.ref === SHOP)).toMatchObject({
        owner: TEAM_SHOP,
        ownerTitle: 'Shop Team',
        domainTitle: 'Commerce',
      });
    });

    it.each([
      ['the admin', ADMIN],
      ['Alice', ALICE],
    ])(
      'gives, for %s, each row as the leadership page does: a system as its system row, a component as its own',
      async (_who, auth) => {
        const answer = await owned(`owner=${TEAM_SHOP}`, auth);
        const [systems, components] = await Promise.all([
          overviewRows(`groupBy=system&system=${SHOP}`, auth),
          overviewRows(`owner=${TEAM_SHOP}`, auth),
        ]);
        const shop = answer.rows.find(r => r.ref === SHOP)!;
        expect(shop.entityCount).toBe(auth === ADMIN ? 3 : 2);
        expect(shop.kpis).toEqual(systems.find(r => r.ref === SHOP)!.kpis);
        expect(shop.cci).toEqual(systems.find(r => r.ref === SHOP)!.cci);
        expect(answer.rows.filter(r => r.kind === 'component')).toEqual(
          components,
        );
        expect(shop.kpis.recommend!.n).toBeGreaterThan(0);
      },
    );

    it("lists the products of several owners at once (a user's and the user's groups')", async () => {
      const query = `owner=${ALICE_REF}&owner=${TEAM_SEARCH}`;
      const forAlice = await owned(query);
      expect(forAlice.owners).toEqual([ALICE_REF, TEAM_SEARCH]);
      // Alice reads no component of the search system; her tool is hers.
      expect(summary(forAlice.rows)).toEqual([
        'system Search (0)',
        "component Alice's tool (1)",
      ]);
      expect(forAlice.rows[1].kpis.satisfaction!.n).toBe(1);

      const forAdmin = await owned(query, ADMIN);
      expect(summary(forAdmin.rows)).toEqual([
        'system Search (1)',
        "component Alice's tool (1)",
        'component product search (1)',
      ]);
      expect(forAdmin.rows.find(r => r.ref === SEARCH)!.kpis.recommend!.n).toBe(
        2,
      );
    });

    it('answers no rows for owners of nothing, or to a caller who may read nothing', async () => {
      const nothing = await owned('owner=group:default/team-nobody');
      expect(nothing).toMatchObject({ total: 0, rows: [] });
      const hidden = await owned(`owner=${TEAM_SHOP}`, NOBODY);
      expect(hidden).toMatchObject({ total: 0, rows: [] });
    });

    it('reads the standard windows only, and needs an owner given as an entity ref', async () => {
      const month = await owned(`owner=${TEAM_SHOP}&window=30d`);
      expect(month.window.days).toBe(30);
      // prettier-ignore
      for (const [query, message] of [
        [`owner=${TEAM_SHOP}&window=45d`, /window: the owned products cover 30d, 90d, 365d/],
        ['window=90d', /Invalid query: owner: /],
        ['owner=team-shop', /owner\.0: must be an entity ref "kind:namespace\/name", but it has no kind/],
        [`owner=${TEAM_SHOP}&owner=team-shop`, /owner\.1: must be an entity ref/],
        [Array.from({ length: 51 }, (_, i) => `owner=group:default/t${i}`).join('&'), /owner: must name at most 50 owners/],
        [`owner=${TEAM_SHOP}&team=x`, /Unrecognized key: "team"/],
      ] as const) {
        const res = await api
          .get(`${BASE}/overview/owned?${query}`)
          .set('Authorization', ALICE);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body.error.message).toMatch(message);
      }
    });
  },
);
