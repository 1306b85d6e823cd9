// The backend module that adds the `servicenow` source type to the customer-kpis backend.
import { createBackendModule } from '@backstage/backend-plugin-api';
import { customerKpisSourcesExtensionPoint } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { serviceNowSourceType } from './serviceNowSourceType';

/** Adds the `servicenow` data-source type (time to resolve, and CSAT, CES or NPS from surveys, from ServiceNow). */
export const customerKpisModuleServiceNow = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'servicenow',
  register(env) {
    env.registerInit({
      deps: { sources: customerKpisSourcesExtensionPoint },
      async init({ sources }) {
        sources.addSourceType(serviceNowSourceType);
      },
    });
  },
});
