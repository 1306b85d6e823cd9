// The customer-kpis plugin for apps on the legacy frontend system.
import { createPlugin } from '@backstage/core-plugin-api';
import { CUSTOMER_KPIS_PLUGIN_ID } from '@customer-kpis/backstage-plugin-customer-kpis-common';

/** The customer-kpis frontend plugin (legacy frontend system). */
export const customerKpisPlugin = createPlugin({
  id: CUSTOMER_KPIS_PLUGIN_ID,
});
