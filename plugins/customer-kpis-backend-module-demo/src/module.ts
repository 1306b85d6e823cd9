// The backend module that adds the `demo` source type to the customer-kpis backend.
import { createBackendModule } from '@backstage/backend-plugin-api';
import { customerKpisSourcesExtensionPoint } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { demoSourceType } from './demoSourceType';

/** Adds the `demo` data-source type (synthetic data for entities annotated `customer-kpis.io/demo: enabled`). */
export const customerKpisModuleDemo = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'demo',
  register(env) {
    env.registerInit({
      deps: { sources: customerKpisSourcesExtensionPoint },
      async init({ sources }) {
        sources.addSourceType(demoSourceType);
      },
    });
  },
});
