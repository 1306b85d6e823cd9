// The customer-kpis plugin for apps on the new frontend system, found by feature discovery.
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { CUSTOMER_KPIS_PLUGIN_ID } from '@customer-kpis/backstage-plugin-customer-kpis-common';

/** The customer-kpis frontend plugin (new frontend system). @alpha */
const customerKpisFrontendPlugin = createFrontendPlugin({
  pluginId: CUSTOMER_KPIS_PLUGIN_ID,
  extensions: [],
});

export default customerKpisFrontendPlugin;
