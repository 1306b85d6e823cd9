// The route refs of the customer-kpis frontend.
import { createRouteRef } from '@backstage/core-plugin-api';

/** The entity tab of the legacy frontend system. */
export const entityContentRouteRef = createRouteRef({
  id: 'customer-kpis:entity-content',
});

/** The leadership page, `/customer-kpis` (both frontend systems). */
export const rootRouteRef = createRouteRef({
  id: 'customer-kpis:root',
});

/** The data-source admin page, `/customer-kpis/admin` (both frontend systems). */
export const adminRouteRef = createRouteRef({
  id: 'customer-kpis:admin',
});
