// The API ref and HTTP client of the customer-kpis frontend.
export { customerKpisApiRef } from './CustomerKpisApi';
export type {
  CustomerKpisApi,
  KpiSeriesQuery,
  KpiWindow,
  OverviewGroupBy,
  OverviewQueryParams,
  SeriesGranularity,
  SourceDefinitionRequest,
  SourceDryRunRequest,
} from './CustomerKpisApi';
export { CustomerKpisClient } from './CustomerKpisClient';
