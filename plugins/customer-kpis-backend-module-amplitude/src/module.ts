// The backend module that adds the `amplitude` source type to the customer-kpis backend.
import { createBackendModule } from '@backstage/backend-plugin-api';
import { customerKpisSourcesExtensionPoint } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { amplitudeSourceType } from './amplitudeSourceType';

/** Adds the `amplitude` data-source type (adoption and retention from Amplitude's Dashboard REST API). */
export const customerKpisModuleAmplitude = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'amplitude',
  register(env) {
    env.registerInit({
      deps: { sources: customerKpisSourcesExtensionPoint },
      async init({ sources }) {
        sources.addSourceType(amplitudeSourceType);
      },
    });
  },
});
