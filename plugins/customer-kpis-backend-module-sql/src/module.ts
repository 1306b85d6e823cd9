// The backend module that adds the `sql` source type to the customer-kpis backend.
import { createBackendModule } from '@backstage/backend-plugin-api';

/** Adds the `sql` data-source type (being written). */
export const customerKpisModuleSql = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'sql',
  register(env) {
    env.registerInit({
      deps: {},
      async init() {},
    });
  },
});
