// The backend module that adds the `amplitude` source type to the customer-kpis backend.
import { createBackendModule } from '@backstage/backend-plugin-api';

/** Adds the `amplitude` data-source type (being written). */
export const customerKpisModuleAmplitude = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'amplitude',
  register(env) {
    env.registerInit({
      deps: {},
      async init() {},
    });
  },
});
