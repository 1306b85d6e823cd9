// The backend module that adds the `posthog` source type to the customer-kpis backend.
import { createBackendModule } from '@backstage/backend-plugin-api';

/** Adds the `posthog` data-source type (being written). */
export const customerKpisModulePostHog = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'posthog',
  register(env) {
    env.registerInit({
      deps: {},
      async init() {},
    });
  },
});
