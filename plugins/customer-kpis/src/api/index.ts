// The API ref and HTTP client of the customer-kpis frontend.
export { CsvImportError, customerKpisApiRef } from './CustomerKpisApi';
export type {
  CsvImportOptions,
  CsvImportRequest,
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
