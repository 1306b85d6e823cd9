// The demo portal's backend: catalog, guest sign-in, permissions and the customer-kpis plugin.
import { createBackend } from '@backstage/backend-defaults';
import { platformGroupPolicyModule } from './permissionPolicyModule';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));

backend.add(import('@backstage/plugin-permission-backend'));
// Everyone reads; only the platform group manages KPI sources and pushes data (docs/permissions.md).
backend.add(platformGroupPolicyModule);

backend.add(import('@customer-kpis/backstage-plugin-customer-kpis-backend'));
// Synthetic data for the demo catalog; remove it in a real portal.
backend.add(
  import('@customer-kpis/backstage-plugin-customer-kpis-backend-module-demo'),
);

// Real data sources: configure instances under customerKpis.sources (see docs/sources.md).
backend.add(
  import(
    '@customer-kpis/backstage-plugin-customer-kpis-backend-module-zendesk'
  ),
);
backend.add(
  import(
    '@customer-kpis/backstage-plugin-customer-kpis-backend-module-prometheus'
  ),
);
backend.add(
  import(
    '@customer-kpis/backstage-plugin-customer-kpis-backend-module-servicenow'
  ),
);
backend.add(
  import(
    '@customer-kpis/backstage-plugin-customer-kpis-backend-module-jira-service-management'
  ),
);
backend.add(
  import(
    '@customer-kpis/backstage-plugin-customer-kpis-backend-module-typeform'
  ),
);
backend.add(
  import(
    '@customer-kpis/backstage-plugin-customer-kpis-backend-module-surveymonkey'
  ),
);
backend.add(
  import(
    '@customer-kpis/backstage-plugin-customer-kpis-backend-module-qualtrics'
  ),
);
backend.add(
  import('@customer-kpis/backstage-plugin-customer-kpis-backend-module-sql'),
);
backend.add(
  import(
    '@customer-kpis/backstage-plugin-customer-kpis-backend-module-posthog'
  ),
);
backend.add(
  import(
    '@customer-kpis/backstage-plugin-customer-kpis-backend-module-amplitude'
  ),
);

backend.start();
