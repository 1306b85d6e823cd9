// The backend module that adds the `servicenow` source type to the customer-kpis backend.
import { createBackendModule } from '@backstage/backend-plugin-api';

/** Adds the `servicenow` data-source type (being written). */
export const customerKpisModuleServiceNow = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'servicenow',
  register(env) {
    env.registerInit({
      deps: {},
      async init() {},
    });
  },
});
