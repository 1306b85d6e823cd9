// The backend module that adds the `jira-service-management` source type to the customer-kpis backend.
import { createBackendModule } from '@backstage/backend-plugin-api';
import { customerKpisSourcesExtensionPoint } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { jiraServiceManagementSourceType } from './jiraSourceType';

/** Adds the `jira-service-management` data-source type (time to resolve and CSAT from Jira Service Management). */
export const customerKpisModuleJiraServiceManagement = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'jira-service-management',
  register(env) {
    env.registerInit({
      deps: { sources: customerKpisSourcesExtensionPoint },
      async init({ sources }) {
        sources.addSourceType(jiraServiceManagementSourceType);
      },
    });
  },
});
