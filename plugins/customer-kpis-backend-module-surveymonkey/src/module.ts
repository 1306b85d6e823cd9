// The backend module that adds the `surveymonkey` source type to the customer-kpis backend.
import { createBackendModule } from '@backstage/backend-plugin-api';

/** Adds the `surveymonkey` data-source type (being written). */
export const customerKpisModuleSurveyMonkey = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'surveymonkey',
  register(env) {
    env.registerInit({
      deps: {},
      async init() {},
    });
  },
});
