// The real customer-kpis plugin in a test backend, for tests over HTTP: the plugin, the test catalog, the store on
// a test database, one decision on every permission and `customerKpis` of app-config. Each test adds its source
// modules and the services whose behaviour it depends on (which scheduler, a recording logger).
import { BackendFeature } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import { customerKpisPlugin } from '../plugin';
import { TEST_ENTITIES, testCatalogFactory } from './catalog';

type ConfigData = NonNullable<
  Parameters<typeof mockServices.rootConfig.factory>[0]
>['data'];

/** {@link TEST_ENTITIES} with checkout-service carrying `annotations`: the one entity a test source binds. */
export function withCheckoutAnnotations(
  annotations: Record<string, string>,
): Entity[] {
  return TEST_ENTITIES.map(e =>
    e.metadata.name === 'checkout-service'
      ? { ...e, metadata: { ...e.metadata, annotations } }
      : e,
  );
}

export interface PluginBackendOptions {
  /** The store's database (from `createTestDatabases().init`); the caller destroys it. */
  knex: Knex;
  entities: Entity[];
  /** `customerKpis` of app-config: sources, credentials. */
  customerKpis: object;
  /** Source modules, and the services the test depends on (a scheduler, a logger). */
  features: BackendFeature[];
  /** The decision on every permission; allowed unless given. */
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
}

/** Starts the plugin; `api` calls its server, `stop` stops the backend (the database stays open). */
export async function startPluginBackend(options: PluginBackendOptions) {
  const backend = await startTestBackend({
    features: [
      customerKpisPlugin,
      ...options.features,
      testCatalogFactory(options.entities),
      mockServices.database.factory({ knex: options.knex }),
      mockServices.permissions.factory({
        result: options.permission ?? AuthorizeResult.ALLOW,
      }),
      mockServices.rootConfig.factory({
        data: { customerKpis: options.customerKpis } as ConfigData,
      }),
    ],
  });
  return {
    api: request(backend.server),
    stop: () => backend.stop(),
  };
}
