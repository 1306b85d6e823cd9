// Starts the real customer-kpis backend (store, migrations, runner, routes) with a source module under test, a
// catalog of given entities and a fresh database, and reads what it serves over real HTTP.
import { BackendFeature } from '@backstage/backend-plugin-api';
import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EntityKpisQueryInput,
  EntityKpisResponse,
  KpiId,
  KpiSeriesResponse,
  KpiSummary,
  SeriesQueryInput,
  SourceDefinitionInput,
  SourceRunResponse,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { AddressInfo } from 'node:net';
import { customerKpisPlugin } from '../plugin';
import { createSourceTestDatabases } from './databases';

// One set of test databases per test file (jest loads this module once per file); dropped after all its tests.
const databases = createSourceTestDatabases();

/** Who calls the API: an admin user (the test backend allows every permission). */
const ADMIN = mockCredentials.user.header('user:default/admin');

/** How long {@link SourceTestBackend.runSource} waits for the run it triggered to finish. */
const RUN_TIMEOUT_MS = 60_000;

/**
 * A secret of `customerKpis.credentials`, as in app-config: the value and the URLs it may be sent to.
 *
 * @public
 */
export interface SourceTestCredential {
  secret: string;
  allowedUrls: string[];
}

/**
 * What {@link startSourceTestBackend} starts.
 *
 * @public
 */
export interface SourceTestBackendOptions {
  /** One of {@link sourceTestDatabaseIds}: the store gets a fresh, empty database on it. */
  databaseId: TestDatabaseId;
  /** The source module(s) under test, and any other backend feature they need. */
  features: BackendFeature[];
  /** The catalog the backend sees (through the real catalog service mock). */
  entities: Entity[];
  /**
   * Entries of `customerKpis.sources`, as in app-config. They run only when the test calls
   * {@link SourceTestBackend.runSource}: nothing runs at start-up.
   */
  sources: SourceDefinitionInput[];
  /** `customerKpis.credentials`, by name. */
  credentials?: Record<string, SourceTestCredential>;
  /**
   * The instant the backend's clock starts at; it then advances with real time. Only `Date` is faked (with Jest's
   * modern fake timers), timers stay real; {@link SourceTestBackend.stop} restores the real clock. Without it, the
   * real clock.
   */
  now?: Date;
}

/**
 * A running test backend: the real customer-kpis plugin with a source module, its store on a test database, and
 * its HTTP API on 127.0.0.1.
 *
 * @public
 */
export interface SourceTestBackend {
  /** The plugin's API, e.g. `http://127.0.0.1:40123/api/customer-kpis` (for routes not covered here, e.g. webhooks). */
  baseUrl: string;
  /**
   * Runs a source now through `POST /sources/{id}/run`, waits until that run has finished, and returns its record
   * (status, pages, inserted, unchanged, replaced, retracted, entities, error). A failed run is returned, not thrown.
   */
  runSource(sourceId: string): Promise<SourceRunResponse>;
  /** The runs of a source, newest first (`GET /sources/{id}/runs`). */
  runs(sourceId: string): Promise<SourceRunResponse[]>;
  /** `GET /entities/{kind}/{namespace}/{name}/kpis` of an entity ref such as `component:default/checkout`. */
  entityKpis(
    entityRef: string,
    query?: EntityKpisQueryInput,
  ): Promise<EntityKpisResponse>;
  /** The served summary of each KPI of an entity over a window: {@link SourceTestBackend.entityKpis}, by KPI. */
  summaries(
    entityRef: string,
    query?: EntityKpisQueryInput,
  ): Promise<Record<KpiId, KpiSummary>>;
  /** `GET /entities/{kind}/{namespace}/{name}/kpis/{kpi}/series`: the KPI per day, ISO week or month. */
  series(
    entityRef: string,
    kpi: KpiId,
    query?: SeriesQueryInput,
  ): Promise<KpiSeriesResponse>;
  /** Stops the backend, closes its database and restores the real clock. */
  stop(): Promise<void>;
}

function queryString(query: object | undefined): string {
  const params = new URLSearchParams(
    Object.entries(query ?? {})
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, String(value)]),
  ).toString();
  return params ? `?${params}` : '';
}

function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return [kind, namespace, name].map(encodeURIComponent).join('/');
}

const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Starts the real customer-kpis backend plugin with the given source module(s) on a fresh test database: real
 * migrations, store, source runner and routes, the catalog service mock with `entities`, every permission allowed,
 * and a scheduler that runs nothing by itself. Call {@link SourceTestBackend.stop} when done (e.g. in `afterEach`).
 *
 * @example
 * ```ts
 * describe.each(sourceTestDatabaseIds())('my source on %s', databaseId => {
 *   it('stores the engine figures', async () => {
 *     const backend = await startSourceTestBackend({ databaseId, features: [myModule], entities, sources });
 *     const run = await backend.runSource('mine');
 *     expect((await backend.summaries('component:default/checkout')).recommend).toEqual(expected);
 *     await backend.stop();
 *   });
 * });
 * ```
 *
 * @public
 */
export async function startSourceTestBackend(
  options: SourceTestBackendOptions,
): Promise<SourceTestBackend> {
  const knex = await databases.init(options.databaseId);
  if (options.now) {
    jest.useFakeTimers({
      now: options.now,
      advanceTimers: true,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
  }
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  try {
    backend = await startTestBackend({
      features: [
        customerKpisPlugin,
        ...options.features,
        catalogServiceMock.factory({ entities: options.entities }),
        mockServices.database.factory({ knex }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            customerKpis: {
              credentials: (options.credentials ?? {}) as Record<string, never>,
              sources: options.sources as never[],
            },
          },
        }),
      ],
    });
  } catch (error) {
    if (options.now) jest.useRealTimers();
    await knex.destroy();
    throw error;
  }
  const baseUrl = `http://127.0.0.1:${
    (backend.server.address() as AddressInfo).port
  }/api/customer-kpis`;

  async function call<T>(method: string, path: string, expected: number) {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: ADMIN },
    });
    const text = await res.text();
    if (res.status !== expected) {
      throw new Error(
        `${method} ${path} answered ${res.status}, not ${expected}: ${text}`,
      );
    }
    return JSON.parse(text) as T;
  }

  async function runs(sourceId: string) {
    return (
      await call<{ items: SourceRunResponse[] }>(
        'GET',
        `/sources/${encodeURIComponent(sourceId)}/runs`,
        200,
      )
    ).items;
  }

  async function entityKpis(entityRef: string, query?: EntityKpisQueryInput) {
    return call<EntityKpisResponse>(
      'GET',
      `/entities/${entityPath(entityRef)}/kpis${queryString(query)}`,
      200,
    );
  }

  return {
    baseUrl,
    runs,
    entityKpis,
    async runSource(sourceId) {
      const before = (await runs(sourceId))[0]?.id ?? 0;
      await call('POST', `/sources/${encodeURIComponent(sourceId)}/run`, 202);
      // Real time, whatever the faked clock says.
      const deadline = performance.now() + RUN_TIMEOUT_MS;
      for (;;) {
        const newest = (await runs(sourceId))[0];
        if (newest && newest.id > before && newest.status !== 'running') {
          return newest;
        }
        if (performance.now() > deadline) {
          throw new Error(
            `The run of source '${sourceId}' did not finish within ${RUN_TIMEOUT_MS} ms`,
          );
        }
        await pause(100);
      }
    },
    async summaries(entityRef, query) {
      const { kpis } = await entityKpis(entityRef, query);
      return Object.fromEntries(kpis.map(k => [k.kpi, k.summary])) as Record<
        KpiId,
        KpiSummary
      >;
    },
    async series(entityRef, kpi, query) {
      return call<KpiSeriesResponse>(
        'GET',
        `/entities/${entityPath(entityRef)}/kpis/${kpi}/series${queryString(
          query,
        )}`,
        200,
      );
    },
    async stop() {
      try {
        await backend.stop();
        await knex.destroy();
      } finally {
        if (options.now) jest.useRealTimers();
      }
    },
  };
}
