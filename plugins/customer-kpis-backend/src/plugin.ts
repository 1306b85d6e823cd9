// Declares the customer-kpis backend plugin: its dependencies, its extension point and its router.
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  CustomerKpisSourceType,
  customerKpisSourcesExtensionPoint,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { CUSTOMER_KPIS_PLUGIN_ID } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { createRouter } from './service/router';

/** The customer-kpis backend plugin. */
export const customerKpisPlugin = createBackendPlugin({
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
        httpRouter: coreServices.httpRouter,
      },
      async init({ logger, httpRouter }) {
        httpRouter.use(await createRouter({ sourceTypes }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        logger.info(
          `customer-kpis backend started with data-source types: ${
            [...sourceTypes.keys()].join(', ') || '(none)'
          }`,
        );
      },
    });
  },
});
