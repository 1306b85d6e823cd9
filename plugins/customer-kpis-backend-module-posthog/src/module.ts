// The backend module that adds the `posthog` source type to the customer-kpis backend.
import { createBackendModule } from '@backstage/backend-plugin-api';
import { customerKpisSourcesExtensionPoint } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { posthogSourceType } from './posthogSourceType';

/** Adds the `posthog` data-source type (adoption, retention and time to value from PostHog's query API). */
export const customerKpisModulePostHog = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'posthog',
  register(env) {
    env.registerInit({
      deps: { sources: customerKpisSourcesExtensionPoint },
      async init({ sources }) {
        sources.addSourceType(posthogSourceType);
      },
    });
  },
});
