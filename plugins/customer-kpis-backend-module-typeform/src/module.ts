// The backend module that adds the `typeform` source type to the customer-kpis backend.
import { createBackendModule } from '@backstage/backend-plugin-api';
import { customerKpisSourcesExtensionPoint } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { typeformSourceType } from './typeformSourceType';

/** Adds the `typeform` data-source type (NPS, CSAT and customer effort from Typeform responses and webhooks). */
export const customerKpisModuleTypeform = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'typeform',
  register(env) {
    env.registerInit({
      deps: { sources: customerKpisSourcesExtensionPoint },
      async init({ sources }) {
        sources.addSourceType(typeformSourceType);
      },
    });
  },
});
