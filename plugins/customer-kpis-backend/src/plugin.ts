// Declares the customer-kpis backend plugin: its services, its extension point, its tasks and its router.
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  bindingAnnotationsOf,
  CustomerKpisSourceType,
  SecretRedactor,
  customerKpisSourcesExtensionPoint,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import {
  CUSTOMER_KPIS_BINDING_ANNOTATIONS,
  CUSTOMER_KPIS_PLUGIN_ID,
  customerKpisPermissions,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { CatalogSync } from './catalog/CatalogSync';
import { readCustomerKpisSettings } from './config';
import { GroupSummaryStore } from './database/GroupSummaryStore';
import { EntityStore } from './database/EntityStore';
import { KnexKpiStore } from './database/KnexKpiStore';
import { OverviewStore } from './database/OverviewStore';
import { applyDatabaseMigrations } from './database/migrations';
import { createRouter, publicPaths } from './service/router';
import { Route } from './service/routes/defineRoute';
import { ROUTES } from './service/routes';
import { scheduleMaintenance } from './tasks/maintenance';
import { SourceStore } from './sources/SourceStore';
import { SourceRunner } from './sources/SourceRunner';
import {
  SourceRegistry,
  readConfiguredSources,
} from './sources/SourceRegistry';
import { readCredentials } from './sources/credentialsConfig';

/**
 * Annotations that bind an entity to data, known before any module registers: the built-in sources' (Zendesk's
 * brand annotation included, which its source type does not name as its main one).
 */
const OWN_BINDING_ANNOTATIONS: readonly string[] =
  CUSTOMER_KPIS_BINDING_ANNOTATIONS;

/**
 * The customer-kpis backend plugin, serving `extraRoutes` beside the route table's (tests add a route this way).
 */
export function createCustomerKpisPlugin(
  options: { extraRoutes?: readonly Route[] } = {},
) {
  return createBackendPlugin({
    pluginId: CUSTOMER_KPIS_PLUGIN_ID,
    register(env) {
      const sourceTypes = new Map<string, CustomerKpisSourceType>();
      env.registerExtensionPoint(customerKpisSourcesExtensionPoint, {
        addSourceType(sourceType) {
          if (sourceTypes.has(sourceType.id)) {
            throw new Error(
              `customer-kpis: data-source type '${sourceType.id}' is registered twice`,
            );
          }
          sourceTypes.set(sourceType.id, sourceType);
        },
      });

      env.registerInit({
        deps: {
          logger: coreServices.logger,
          config: coreServices.rootConfig,
          database: coreServices.database,
          scheduler: coreServices.scheduler,
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          auth: coreServices.auth,
          permissions: coreServices.permissions,
          permissionsRegistry: coreServices.permissionsRegistry,
          catalog: catalogServiceRef,
        },
        async init(deps) {
          const { logger, config, database, scheduler, httpRouter } = deps;
          const settings = readCustomerKpisSettings(config);
          // Read first: a credential in the old plain-string form stops the start before anything else happens.
          const credentials = readCredentials(config);
          const db = await database.getClient();
          if (!database.migrations?.skip) {
            await applyDatabaseMigrations(db);
          }
          deps.permissionsRegistry.addPermissions(customerKpisPermissions);
          const store = new KnexKpiStore(db);
          const entities = new EntityStore(db);
          const groups = new GroupSummaryStore(db, store, entities);
          const bindingAnnotations = () => [
            ...OWN_BINDING_ANNOTATIONS,
            ...[...sourceTypes.values()].flatMap(bindingAnnotationsOf),
          ];
          const catalogSync = new CatalogSync({
            catalog: deps.catalog,
            auth: deps.auth,
            entities,
            logger,
            bindingAnnotations,
          });
          // The one redactor: it knows every configured secret, and stands between them and run records, dry-run
          // answers, source logs and the admin API.
          const redactor = new SecretRedactor(
            Object.values(credentials).map(c => c.secret),
          );
          const sourceStore = new SourceStore(db, { redactor });
          const runner = new SourceRunner({
            store,
            sources: sourceStore,
            sourceTypes,
            catalog: deps.catalog,
            auth: deps.auth,
            logger,
            credentials,
            redactor,
          });
          const registry = new SourceRegistry({
            store: sourceStore,
            runner,
            scheduler,
            logger,
            configured: readConfiguredSources(config),
            typeIds: () => [...sourceTypes.keys()],
          });
          await registry.scheduleAll();

          await scheduleMaintenance({
            scheduler,
            logger,
            catalogSync,
            store,
            entities,
            groups,
            retentionDays: settings.retentionDays,
          });

          httpRouter.use(
            await createRouter({
              logger,
              httpAuth: deps.httpAuth,
              auth: deps.auth,
              permissions: deps.permissions,
              catalog: deps.catalog,
              store,
              entities,
              groups,
              overviews: new OverviewStore(db),
              settings,
              bindingAnnotations,
              sources: {
                registry,
                runner,
                store: sourceStore,
                sourceTypes,
                credentials,
                redactor,
              },
              extraRoutes: options.extraRoutes,
            }),
          );
          for (const path of publicPaths([
            ...ROUTES,
            ...(options.extraRoutes ?? []),
          ])) {
            httpRouter.addAuthPolicy({ path, allow: 'unauthenticated' });
          }
          logger.info(
            `customer-kpis backend started; data-source types: ${
              [...sourceTypes.keys()].join(', ') || '(none)'
            }`,
          );
        },
      });
    },
  });
}

/** The customer-kpis backend plugin. */
export const customerKpisPlugin = createCustomerKpisPlugin();
