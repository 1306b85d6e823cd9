// The backend module that adds the `jira-service-management` source type to the customer-kpis backend.
import { createBackendModule } from '@backstage/backend-plugin-api';

/** Adds the `jira-service-management` data-source type (being written). */
export const customerKpisModuleJiraServiceManagement = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'jira-service-management',
  register(env) {
    env.registerInit({
      deps: {},
      async init() {},
    });
  },
});
