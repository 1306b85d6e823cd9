/**
 * Customer KPIs for Backstage: the frontend plugin (legacy frontend system exports).
 * The new frontend system's plugin is the default export of `/alpha`.
 *
 * @packageDocumentation
 */
export {
  customerKpisPlugin,
  CustomerKpisPage,
  CustomerKpisAdminPage,
  EntityCustomerKpisCard,
  EntityCustomerKpisContent,
  EntityOwnedCustomerKpisCard,
  HomePageCustomerKpisCard,
} from './plugin';
export {
  CustomerKpisSidebarItems,
  type CustomerKpisSidebarItemsProps,
} from './components/NavItems';
export { customerKpisApiFactory } from './apiFactory';
export { CsvImportError, customerKpisApiRef, CustomerKpisClient } from './api';
export type {
  CsvImportOptions,
  CsvImportRequest,
  CustomerKpisApi,
  KpiSeriesQuery,
  KpiWindow,
  OverviewGroupBy,
  OverviewQueryParams,
  SourceDefinitionRequest,
  SourceDryRunRequest,
  SeriesGranularity,
} from './api';
// Defined in the common package, which the backend and the source modules share; re-exported for the app.
export { CUSTOMER_KPIS_BINDING_ANNOTATIONS } from '@customer-kpis/backstage-plugin-customer-kpis-common';
export {
  customerKpisMessages,
  customerKpisTranslationRef,
  customerKpisTranslations,
} from './translations';
export type { CustomerKpisTranslationRef } from './translations';
export {
  formatKpiValue,
  formatKpiNumber,
  formatKpiInterval,
  formatKpiDelta,
} from './format';
export type { KpiFormatOptions, DurationLabels } from './format';
