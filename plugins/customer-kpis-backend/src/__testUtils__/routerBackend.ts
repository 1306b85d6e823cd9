// The real plugin over HTTP for router tests: the test catalog and its read rules (./catalog.ts), the store on a
// test database, every other permission allowed, and a scheduler that runs the catalog mirror's first sync at once.
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
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
import { ADMIN, PIPELINE } from './identities';

export const ROUTER_BASE = '/api/customer-kpis';

type ConfigData = NonNullable<
  Parameters<typeof mockServices.rootConfig.factory>[0]
>['data'];

export interface RouterTestBackendOptions {
  /** The catalog; {@link TEST_ENTITIES} unless given. */
  entities?: Entity[];
  /** `customerKpis` of app-config; none unless given. */
  customerKpis?: object;
  /**
   * What the admin reads once the catalog mirror is filled: the path and a test of its body (tried every 100 ms,
   * 100 times unless `tries`). The mirror fills on the first scheduled sync; without this, no wait.
   */
  ready?: {
    path: string;
    when: (body: Record<string, unknown>) => boolean;
    tries?: number;
  };
}

/** Starts the plugin on `knex` (the caller destroys it), waits until `ready` holds and returns a client of its server. */
export async function startRouterTestBackend(
  knex: Knex,
  options: RouterTestBackendOptions = {},
) {
  const { server } = await startTestBackend({
    features: [
      customerKpisPlugin,
      testCatalogFactory(options.entities ?? TEST_ENTITIES),
      mockServices.database.factory({ knex }),
      testPermissionsFactory(AuthorizeResult.ALLOW),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
      ...(options.customerKpis
        ? [
            mockServices.rootConfig.factory({
              data: { customerKpis: options.customerKpis } as ConfigData,
            }),
          ]
        : []),
    ],
  });
  const api = request(server);
  const { ready } = options;
  for (let i = 0; ready && i < (ready.tries ?? 100); i++) {
    const res = await api.get(ready.path).set('Authorization', ADMIN);
    if (res.status === 200 && ready.when(res.body)) break;
    await new Promise(r => setTimeout(r, 100));
  }
  return api;
}

/** Sends `observations` as a pipeline; throws unless all `expected` (all sent, unless given) were inserted. */
export async function ingestAll(
  api: ReturnType<typeof request>,
  observations: unknown[],
  expected = observations.length,
) {
  const ingest = await api
    .post(`${ROUTER_BASE}/observations`)
    .set('Authorization', PIPELINE)
    .send({ observations });
  if (ingest.status !== 200 || ingest.body.inserted !== expected)
    throw new Error(`ingest answered ${JSON.stringify(ingest.body)}`);
}
