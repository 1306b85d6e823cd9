// The backend module that adds the `surveymonkey` source type to the customer-kpis backend.
import { createBackendModule } from '@backstage/backend-plugin-api';
import { customerKpisSourcesExtensionPoint } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { surveyMonkeySourceType } from './surveyMonkeySourceType';

/** Adds the `surveymonkey` data-source type (NPS, CSAT and customer effort from SurveyMonkey responses and webhooks). */
export const customerKpisModuleSurveyMonkey = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'surveymonkey',
  register(env) {
    env.registerInit({
      deps: { sources: customerKpisSourcesExtensionPoint },
      async init({ sources }) {
        sources.addSourceType(surveyMonkeySourceType);
      },
    });
  },
});
