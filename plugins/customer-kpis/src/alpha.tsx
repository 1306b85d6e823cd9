// The customer-kpis plugin for apps on the new frontend system, found by feature discovery: the API client, the
// KPI card on component, system and domain pages, the "Customer KPIs" tab on component and system pages, the card
// of what a team owns on group pages, and the signed-in user's "My products" as a home page widget.
import {
  ApiBlueprint,
  coreApis,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import InsightsIcon from '@mui/icons-material/Insights';
import SettingsInputComponentIcon from '@mui/icons-material/SettingsInputComponent';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { CUSTOMER_KPIS_PLUGIN_ID } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { CustomerKpisClient, customerKpisApiRef } from './api';
import {
  MY_PRODUCTS_WIDGET_DESCRIPTION,
  MY_PRODUCTS_WIDGET_LAYOUT,
  MY_PRODUCTS_WIDGET_NAME,
  myProductsWidgetParts,
} from './homeWidget';
import { adminRouteRef, rootRouteRef } from './routes';
import { customerKpisTranslationRef } from './translations/ref';

export {
  CUSTOMER_KPIS_ADMIN_PAGE_ID,
  useCustomerKpisHiddenNavItems,
} from './components/NavItems';

/** The entities that have customer KPIs: components (services) and systems (products). */
export const customerKpisEntityFilter = {
  kind: { $in: ['component', 'system'] },
};

/** The API client. @alpha */
export const customerKpisApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: customerKpisApiRef,
      deps: {
        discoveryApi: coreApis.discovery,
        fetchApi: coreApis.fetch,
        identityApi: coreApis.identity,
      },
      factory: ({ discoveryApi, fetchApi, identityApi }) =>
        new CustomerKpisClient({ discoveryApi, fetchApi, identityApi }),
    }),
});

/** The entities with the KPI card: those with the tab, and domains (their components pooled). @alpha */
export const customerKpisCardFilter = {
  kind: { $in: ['component', 'system', 'domain'] },
};

/** The KPI card on the entity overview. @alpha */
export const customerKpisEntityCard = EntityCardBlueprint.make({
  params: {
    filter: customerKpisCardFilter,
    loader: () =>
      import('./components/KpiCard').then(m => <m.EntityCustomerKpisCard />),
  },
});

/** The card on a group's overview: the systems and components the team owns, with the seven KPIs each. @alpha */
export const customerKpisOwnedEntityCard = EntityCardBlueprint.make({
  name: 'owned',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('./components/OwnedKpis').then(m => <m.EntityOwnedKpisCard />),
  },
});

/** The "Customer KPIs" entity tab. @alpha */
export const customerKpisEntityContent = EntityContentBlueprint.make({
  params: {
    path: '/customer-kpis',
    title: customerKpisTranslationRef('card.title'),
    filter: customerKpisEntityFilter,
    loader: () =>
      import('./components/KpiTab').then(m => <m.EntityCustomerKpisContent />),
  },
});

/** The leadership page at `/customer-kpis`, listed in the app's navigation. @alpha */
export const customerKpisPage = PageBlueprint.make({
  params: {
    path: '/customer-kpis',
    title: customerKpisTranslationRef('leadership.title'),
    icon: <InsightsIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/LeadershipPage').then(m => (
        <m.CustomerKpisPageContent />
      )),
  },
});

/**
 * The data-source admin page at `/customer-kpis/admin`, for users with customer-kpis.source.manage. Its nav item
 * shows for everyone unless the app's nav content leaves out `useCustomerKpisHiddenNavItems()`. @alpha
 */
export const customerKpisAdminPage = PageBlueprint.make({
  name: 'admin',
  params: {
    path: '/customer-kpis/admin',
    title: customerKpisTranslationRef('admin.title'),
    icon: <SettingsInputComponentIcon fontSize="inherit" />,
    routeRef: adminRouteRef,
    loader: () =>
      import('./components/AdminPage').then(m => (
        <m.CustomerKpisAdminPageBody />
      )),
  },
});

/**
 * "My products" on the home page (`@backstage/plugin-home`): the systems and components that the signed-in user or
 * the user's groups own, with the seven KPIs each. The home page shows the widgets its `defaultConfig` places (by
 * the name `HomePageCustomerKpisCard`); users add the others with "Add widget". @alpha
 */
export const customerKpisHomePageWidget = HomePageWidgetBlueprint.make({
  name: 'my-products',
  params: {
    name: MY_PRODUCTS_WIDGET_NAME,
    description: MY_PRODUCTS_WIDGET_DESCRIPTION,
    layout: MY_PRODUCTS_WIDGET_LAYOUT,
    components: myProductsWidgetParts,
  },
});

/** The customer-kpis frontend plugin (new frontend system). @alpha */
const customerKpisFrontendPlugin = createFrontendPlugin({
  pluginId: CUSTOMER_KPIS_PLUGIN_ID,
  routes: { root: rootRouteRef, admin: adminRouteRef },
  extensions: [
    customerKpisApi,
    customerKpisEntityCard,
    customerKpisOwnedEntityCard,
    customerKpisEntityContent,
    customerKpisPage,
    customerKpisAdminPage,
    customerKpisHomePageWidget,
  ],
});

export default customerKpisFrontendPlugin;
