// The frontend's contract with the customer-kpis backend: the API ref and the calls the entity card and tab make.
import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  EntityKpisResponse,
  KpiId,
  KpiSeriesResponse,
  OverviewResponse,
  OverviewSort,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import type {
  CoverageResponse,
  CredentialSummary,
  SourceDryRunResponse,
  SourceRunResponse,
  SourceSchedule,
  SourceSummary,
  SourceTypeSummary,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';

/** The windows the entity card and tab offer, as the API spells them. */
export type KpiWindow = '30d' | '90d' | '12m';

/** The bucket size of a KPI series. */
export type SeriesGranularity = 'day' | 'week' | 'month';

/** The query of a KPI series: an inclusive range of UTC days and a granularity. */
export interface KpiSeriesQuery {
  /** First day, 'YYYY-MM-DD'. */
  from: string;
  /** Last day, 'YYYY-MM-DD'. */
  to: string;
  granularity: SeriesGranularity;
}

/** What the leadership overview groups its rows by. */
export type OverviewGroupBy = 'component' | 'system' | 'domain' | 'owner';

/**
 * The query of `GET /overview`, as the API spells it (window '30d', '90d' or '12m'). Owner, system and domain are
 * full lower-case entity refs (e.g. 'system:default/payments'). Unset fields take the API's defaults.
 */
export interface OverviewQueryParams {
  groupBy?: OverviewGroupBy;
  window?: KpiWindow;
  kind?: string;
  owner?: string;
  system?: string;
  domain?: string;
  lifecycle?: string;
  tag?: string;
  /** Text in the name or title. */
  q?: string;
  sort?: OverviewSort;
  order?: 'asc' | 'desc';
  page?: number;
  /** At most 500. */
  pageSize?: number;
}

/** A source definition as the admin page sends it (`POST /sources`, `PUT /sources/{id}`). */
export interface SourceDefinitionRequest {
  id: string;
  type: string;
  title?: string;
  schedule: SourceSchedule;
  config: Record<string, unknown>;
}

/** The body of `POST /sources/test`: a definition that need not be saved. */
export interface SourceDryRunRequest {
  type: string;
  config: Record<string, unknown>;
  id?: string;
  title?: string;
}

/** The calls of the customer-kpis REST API that the frontend uses. */
export interface CustomerKpisApi {
  /** The seven KPIs of an entity over a window (default: the backend's, 90 days). */
  getEntityKpis(
    entity: CompoundEntityRef,
    options?: { window?: KpiWindow },
  ): Promise<EntityKpisResponse>;
  /** One KPI of an entity as a series of summaries per day, week or month. */
  getKpiSeries(
    entity: CompoundEntityRef,
    kpi: KpiId,
    query: KpiSeriesQuery,
  ): Promise<KpiSeriesResponse>;
  /** Runs a data source now (needs `customer-kpis.source.manage`). */
  runSource(sourceId: string): Promise<void>;
  /** The data sources, from app-config and registered through the API (needs `customer-kpis.source.manage`). */
  listSources(): Promise<SourceSummary[]>;
  /** The installed source types with the JSON Schema of their config. */
  listSourceTypes(): Promise<SourceTypeSummary[]>;
  /** The credentials configured on the server: names and the URLs each may be sent to; never their values. */
  listCredentials(): Promise<CredentialSummary[]>;
  /** Registers a source (`POST /sources`). */
  createSource(definition: SourceDefinitionRequest): Promise<SourceSummary>;
  /** Replaces a registered source (`PUT /sources/{id}`); config sources answer 409. */
  updateSource(
    id: string,
    definition: Omit<SourceDefinitionRequest, 'id'>,
  ): Promise<SourceSummary>;
  /** Deletes a registered source. */
  deleteSource(id: string): Promise<void>;
  /** A dry run of a definition that need not be saved: what its first page would store (nothing is stored). */
  testSource(request: SourceDryRunRequest): Promise<SourceDryRunResponse>;
  /** The runs of a source, newest first. */
  listRuns(
    sourceId: string,
    options?: { limit?: number },
  ): Promise<SourceRunResponse[]>;
  /** Which entities have data for which KPI, and why not; and data naming entities not in the catalog. */
  getCoverage(options?: { kind?: string }): Promise<CoverageResponse>;
  /** One page of the leadership overview: components, or systems, domains or owners with their entities rolled up. */
  getOverview(query: OverviewQueryParams): Promise<OverviewResponse>;
  /** The same page of the overview as CSV text (`Accept: text/csv`). */
  getOverviewCsv(query: OverviewQueryParams): Promise<string>;
}

/** The API ref of {@link CustomerKpisApi}. */
export const customerKpisApiRef = createApiRef<CustomerKpisApi>({
  id: 'plugin.customer-kpis.service',
});
