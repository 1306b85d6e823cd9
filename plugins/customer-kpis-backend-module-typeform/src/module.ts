// The backend module that adds the `typeform` source type to the customer-kpis backend.
import { createBackendModule } from '@backstage/backend-plugin-api';

/** Adds the `typeform` data-source type (being written). */
export const customerKpisModuleTypeform = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'typeform',
  register(env) {
    env.registerInit({
      deps: {},
      async init() {},
    });
  },
});
