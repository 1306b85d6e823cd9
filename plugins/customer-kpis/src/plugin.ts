// The customer-kpis plugin for apps on the legacy frontend system: the plugin, its API, its entity extensions, its
// pages and its home page card.
import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { createCardExtension } from '@backstage/plugin-home-react';
import { CUSTOMER_KPIS_PLUGIN_ID } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { customerKpisApiFactory } from './apiFactory';
import {
  MY_PRODUCTS_WIDGET_DESCRIPTION,
  MY_PRODUCTS_WIDGET_LAYOUT,
  MY_PRODUCTS_WIDGET_NAME,
  myProductsWidgetParts,
} from './homeWidget';
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
 * each; a home page card (`@backstage/plugin-home`): place it in a `CustomHomepageGrid`, or on any page.
 */
export const HomePageCustomerKpisCard = customerKpisPlugin.provide(
  createCardExtension({
    name: MY_PRODUCTS_WIDGET_NAME,
    description: MY_PRODUCTS_WIDGET_DESCRIPTION,
    layout: MY_PRODUCTS_WIDGET_LAYOUT,
    components: myProductsWidgetParts,
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
