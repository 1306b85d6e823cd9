// The backend module that adds the `zendesk` source type to the customer-kpis backend.
import { createBackendModule } from '@backstage/backend-plugin-api';
import { customerKpisSourcesExtensionPoint } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { zendeskSourceType } from './zendeskSourceType';

/** Adds the `zendesk` data-source type (time to resolve and CSAT from Zendesk Support). */
export const customerKpisModuleZendesk = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'zendesk',
  register(env) {
    env.registerInit({
      deps: { sources: customerKpisSourcesExtensionPoint },
      async init({ sources }) {
        sources.addSourceType(zendeskSourceType);
      },
    });
  },
});
