// The backend module that adds the `qualtrics` source type to the customer-kpis backend.
import { createBackendModule } from '@backstage/backend-plugin-api';

/** Adds the `qualtrics` data-source type (being written). */
export const customerKpisModuleQualtrics = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'qualtrics',
  register(env) {
    env.registerInit({
      deps: {},
      async init() {},
    });
  },
});
