// The backend module that adds the `prometheus` source type to the customer-kpis backend.
import { createBackendModule } from '@backstage/backend-plugin-api';
import { customerKpisSourcesExtensionPoint } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { prometheusSourceType } from './prometheusSourceType';

/** Adds the `prometheus` data-source type (adoption from active-user gauges). */
export const customerKpisModulePrometheus = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'prometheus',
  register(env) {
    env.registerInit({
      deps: { sources: customerKpisSourcesExtensionPoint },
      async init({ sources }) {
        sources.addSourceType(prometheusSourceType);
      },
    });
  },
});
