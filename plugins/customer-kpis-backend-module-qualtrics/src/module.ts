// The backend module that adds the `qualtrics` source type to the customer-kpis backend.
import { createBackendModule } from '@backstage/backend-plugin-api';
import { customerKpisSourcesExtensionPoint } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { qualtricsSourceType } from './qualtricsSourceType';

/** Adds the `qualtrics` data-source type (NPS, CSAT and customer effort from Qualtrics response exports). */
export const customerKpisModuleQualtrics = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'qualtrics',
  register(env) {
    env.registerInit({
      deps: { sources: customerKpisSourcesExtensionPoint },
      async init({ sources }) {
        sources.addSourceType(qualtricsSourceType);
      },
    });
  },
});
