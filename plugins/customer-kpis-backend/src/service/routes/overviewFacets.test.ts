// GET /overview/facets through the real backend, on every test database: the owners, systems and domains that the
// overview's filters suggest, with titles only where the caller may read them and counts that are the rows each
// filter then shows.
import {
  OverviewFacetsResponse,
  overviewFacetsResponseSchema,
  overviewResponseSchema,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../../__testUtils__/databases';
import { ADMIN, ALICE, NOBODY, NONE } from '../../__testUtils__/identities';
import {
  OVERVIEW_BASE as BASE,
  startOverviewBackend,
} from '../../__testUtils__/overviewBackend';

jest.setTimeout(120_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'the overview facets on %p',
  databaseId => {
    let knex: Knex;
    let api: ReturnType<typeof request>;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      api = await startOverviewBackend(knex);
    });

    afterAll(async () => {
      await knex.destroy();
    });

    const facets = async (
      auth: string,
      query = '',
    ): Promise<OverviewFacetsResponse> => {
      const res = await api
        .get(`${BASE}/overview/facets${query}`)
        .set('Authorization', auth);
      expect(res.status).toBe(200);
      return overviewFacetsResponseSchema.parse(res.body);
    };

    it('lists the owners, systems and domains of every component by title, with their counts', async () => {
      expect(await facets(ADMIN)).toEqual({
        kind: 'component',
        // The search team is no catalog entity: its ref, no title (and sorted by its ref).
        owners: [
          { ref: 'group:default/team-search', title: null, count: 1 },
          { ref: 'group:default/secret-team', title: 'Secret Team', count: 1 },
          { ref: 'group:default/team-shop', title: 'Shop Team', count: 2 },
        ],
        systems: [
          { ref: 'system:default/search', title: 'Search', count: 1 },
          { ref: 'system:default/shop', title: 'Shop', count: 3 },
        ],
        domains: [
          { ref: 'domain:default/commerce', title: 'Commerce', count: 4 },
        ],
      });
    });

    it('counts only the components the caller may read, and names only the owners it may read', async () => {
      expect(await facets(ALICE)).toEqual({
        kind: 'component',
        // Alice reads billing, but not its owner: the ref the overview's row shows anyway, without its title.
        owners: [
          { ref: 'group:default/secret-team', title: null, count: 1 },
          { ref: 'group:default/team-shop', title: 'Shop Team', count: 2 },
        ],
        systems: [{ ref: 'system:default/shop', title: 'Shop', count: 3 }],
        domains: [
          { ref: 'domain:default/commerce', title: 'Commerce', count: 3 },
        ],
      });
      expect(await facets(NOBODY)).toEqual({
        kind: 'component',
        owners: [],
        systems: [],
        domains: [],
      });
    });

    it('counts what the overview then shows for each suggestion', async () => {
      const { owners, systems, domains } = await facets(ALICE);
      const filters = [
        ...owners.map(f => ['owner', f] as const),
        ...systems.map(f => ['system', f] as const),
        ...domains.map(f => ['domain', f] as const),
      ];
      const totals = await Promise.all(
        filters.map(async ([key, facet]) => {
          const res = await api
            .get(`${BASE}/overview`)
            .query({ [key]: facet.ref })
            .set('Authorization', ALICE);
          return [facet.ref, overviewResponseSchema.parse(res.body).total];
        }),
      );
      expect(totals).toEqual(filters.map(([, f]) => [f.ref, f.count]));
    });

    it('counts the entities of another kind when asked', async () => {
      expect(await facets(ADMIN, '?kind=System')).toEqual({
        kind: 'system',
        owners: [
          { ref: 'group:default/team-search', title: null, count: 1 },
          { ref: 'group:default/team-shop', title: 'Shop Team', count: 1 },
        ],
        // A system is its own system.
        systems: [
          { ref: 'system:default/search', title: 'Search', count: 1 },
          { ref: 'system:default/shop', title: 'Shop', count: 1 },
        ],
        domains: [
          { ref: 'domain:default/commerce', title: 'Commerce', count: 2 },
        ],
      });
    });

    it('answers a caller without credentials 401 and a bad query 400', async () => {
      const anonymous = await api
        .get(`${BASE}/overview/facets`)
        .set('Authorization', NONE);
      expect(anonymous.status).toBe(401);
      const unknown = await api
        .get(`${BASE}/overview/facets?groupBy=system`)
        .set('Authorization', ALICE);
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toMatch(
        /Invalid query: .*Unrecognized key: "groupBy"/,
      );
    });
  },
);
