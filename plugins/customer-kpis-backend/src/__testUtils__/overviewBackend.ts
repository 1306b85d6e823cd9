// The overview's routes over HTTP, for their tests: the plugin on a test database with a catalog in which one owner
// group is readable by the admin only, and the catalog mirror filled before the first request.
import { Entity } from '@backstage/catalog-model';
import { Knex } from 'knex';
import { TEST_ENTITIES } from './catalog';
import { ROUTER_BASE, startRouterTestBackend } from './routerBackend';

export const OVERVIEW_BASE = ROUTER_BASE;
export { CHECKOUT } from './identities';
export const BILLING = 'component:default/billing-service';

/** The test catalog, with the shop's owner group and a component owned by a group only the admin may read. */
export const OVERVIEW_ENTITIES: Entity[] = [
  ...TEST_ENTITIES,
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-shop', namespace: 'default', title: 'Shop Team' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'secret-team',
      namespace: 'default',
      title: 'Secret Team',
      tags: ['restricted'],
    },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'billing-service', namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/secret-team',
      system: 'shop',
    },
  },
];

/**
 * Starts the plugin over {@link OVERVIEW_ENTITIES} (the catalog's read rules as in ./catalog.ts) and waits until
 * its catalog mirror holds the four components.
 */
export async function startOverviewBackend(knex: Knex) {
  return startRouterTestBackend(knex, {
    entities: OVERVIEW_ENTITIES,
    ready: {
      path: `${ROUTER_BASE}/overview`,
      when: body => body.total === 4,
      tries: 50,
    },
  });
}
