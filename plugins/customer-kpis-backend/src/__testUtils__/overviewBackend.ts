// The overview's routes over HTTP, for their tests: the plugin on a test database with a catalog in which one owner
// group is readable by the admin only, and the catalog mirror filled before the first request.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import { customerKpisPlugin } from '../plugin';
import {
  TEST_ENTITIES,
  testCatalogFactory,
  testPermissionsFactory,
} from './catalog';

export const OVERVIEW_BASE = '/api/customer-kpis';
export const CHECKOUT = 'component:default/checkout-service';
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
  const { server } = await startTestBackend({
    features: [
      customerKpisPlugin,
      testCatalogFactory(OVERVIEW_ENTITIES),
      mockServices.database.factory({ knex }),
      testPermissionsFactory(AuthorizeResult.ALLOW),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
    ],
  });
  const api = request(server);
  // The catalog mirror fills on the first scheduled sync.
  for (let i = 0; i < 50; i++) {
    const res = await api
      .get(`${OVERVIEW_BASE}/overview`)
      .set('Authorization', mockCredentials.user.header('user:default/admin'));
    if (res.status === 200 && res.body.total === 4) break;
    await new Promise(r => setTimeout(r, 100));
  }
  return api;
}
