// The customer-kpis plugin for apps on the legacy frontend system: the plugin, its API and its entity extensions.
import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { CUSTOMER_KPIS_PLUGIN_ID } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { customerKpisApiFactory } from './apiFactory';
import { adminRouteRef, entityContentRouteRef, rootRouteRef } from './routes';

/** The customer-kpis frontend plugin (legacy frontend system). */
export const customerKpisPlugin = createPlugin({
  id: CUSTOMER_KPIS_PLUGIN_ID,
  apis: [customerKpisApiFactory],
  routes: {
    root: rootRouteRef,
    entityContent: entityContentRouteRef,
    admin: adminRouteRef,
  },
});

/**
 * The card with the seven customer KPIs of the current entity; place it on the overview of a component, system or
 * domain page (a system or domain pools its components, and shows their unweighted mean beside each value).
 */
export const EntityCustomerKpisCard = customerKpisPlugin.provide(
  // Typed here so that the public type does not name the lazily loaded component.
  createComponentExtension<() => JSX.Element>({
    name: 'EntityCustomerKpisCard',
    component: {
      lazy: () =>
        import('./components/KpiCard').then(m => m.EntityCustomerKpisCard),
    },
  }),
);

/** The systems and components the current group owns, with the seven KPIs each; place it on a group page. */
export const EntityOwnedCustomerKpisCard = customerKpisPlugin.provide(
  createComponentExtension<() => JSX.Element>({
    name: 'EntityOwnedCustomerKpisCard',
    component: {
      lazy: () =>
        import('./components/OwnedKpis').then(m => m.EntityOwnedKpisCard),
    },
  }),
);

/**
 * "My products": the systems and components that the signed-in user or the user's groups own, with the seven KPIs
 * each; place it on a home page.
 */
export const HomePageCustomerKpisCard = customerKpisPlugin.provide(
  createComponentExtension<() => JSX.Element>({
    name: 'HomePageCustomerKpisCard',
    component: {
      lazy: () => import('./components/OwnedKpis').then(m => m.MyProductsCard),
    },
  }),
);

/** The "Customer KPIs" tab of the current entity; mount it in an `EntityLayout.Route`. */
export const EntityCustomerKpisContent = customerKpisPlugin.provide(
  createRoutableExtension<() => JSX.Element>({
    name: 'EntityCustomerKpisContent',
    component: () =>
      import('./components/KpiTab').then(m => m.EntityCustomerKpisContent),
    mountPoint: entityContentRouteRef,
  }),
);

/** The leadership page comparing products across the catalog; mount it at `/customer-kpis` in the app's routes. */
export const CustomerKpisPage = customerKpisPlugin.provide(
  createRoutableExtension<() => JSX.Element>({
    name: 'CustomerKpisPage',
    component: () =>
      import('./components/LeadershipPage').then(m => m.CustomerKpisPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The data-source admin page for platform engineers (sources, runs, coverage); mount it at `/customer-kpis/admin`.
 * Users without `customer-kpis.source.manage` see a "no permission" message.
 */
export const CustomerKpisAdminPage = customerKpisPlugin.provide(
  createRoutableExtension<() => JSX.Element>({
    name: 'CustomerKpisAdminPage',
    component: () =>
      import('./components/AdminPage').then(m => m.CustomerKpisAdminPage),
    mountPoint: adminRouteRef,
  }),
);
