// The frontend's contract with the customer-kpis backend: the API ref and the calls the entity card and tab make.
import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  CoverageQueryInput,
  CoverageResponse,
  CredentialSummary,
  EntityKpisQueryInput,
  EntityKpisResponse,
  ImportQueryInput,
  ImportResponse,
  KpiId,
  KpiSeriesResponse,
  OverviewFacetsQueryInput,
  OverviewFacetsResponse,
  OverviewQueryInput,
  OverviewResponse,
  OwnedOverviewQueryInput,
  OwnedOverviewResponse,
  SeriesQueryInput,
  SourceDefinitionInput,
  SourceDryRunRequestInput,
  SourceDryRunResponse,
  SourceRunResponse,
  SourceRunsQueryInput,
  SourceSummary,
  SourceTypeSummary,
  StandardWindowParam,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';

// The request types are the common zod schemas' inputs (`z.input`), which the backend parses with: a parameter the
// backend does not know, or a value it refuses by type, fails to compile here.

/** The windows the entity card, tab and leadership page offer, as the API spells them. */
export type KpiWindow = StandardWindowParam;

/** The query of a KPI series: an inclusive range of UTC days ('YYYY-MM-DD') and a granularity. */
export type KpiSeriesQuery = SeriesQueryInput;

/** The bucket size of a KPI series. */
export type SeriesGranularity = NonNullable<KpiSeriesQuery['granularity']>;

/**
 * The query of `GET /overview`. Owner, system and domain are entity refs (e.g. 'system:default/payments'); unset
 * fields take the API's defaults.
 */
export type OverviewQueryParams = OverviewQueryInput;

/** What the leadership overview groups its rows by. */
export type OverviewGroupBy = NonNullable<OverviewQueryParams['groupBy']>;

/** A source definition as the admin page sends it (`POST /sources`, `PUT /sources/{id}` without the id). */
export type SourceDefinitionRequest = SourceDefinitionInput;

/** The body of `POST /sources/test`: a definition that need not be saved. */
export type SourceDryRunRequest = SourceDryRunRequestInput;

/** A CSV file to import (`POST /imports`): the KPI, the target source, and the column mapping as an object. */
export type CsvImportRequest = Omit<ImportQueryInput, 'dryRun' | 'mapping'> & {
  /** Validate and preview only: nothing is stored. */
  dryRun?: boolean;
  /** CSV header → observation field; `''` ignores the column. */
  mapping?: Record<string, string>;
};

/** Options of {@link CustomerKpisApi.importCsv}. */
export interface CsvImportOptions {
  /** Called as the file uploads, with the fraction sent (0–1). */
  onProgress?: (fraction: number) => void;
}

/** The calls of the customer-kpis REST API that the frontend uses. */
export interface CustomerKpisApi {
  /** The seven KPIs of an entity over a window (default: the backend's, 90 days). */
  getEntityKpis(
    entity: CompoundEntityRef,
    options?: EntityKpisQueryInput,
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
    options?: SourceRunsQueryInput,
  ): Promise<SourceRunResponse[]>;
  /** Which entities have data for which KPI, and why not; and data naming entities not in the catalog. */
  getCoverage(options?: CoverageQueryInput): Promise<CoverageResponse>;
  /** One page of the leadership overview: components, or systems, domains or owners with their entities rolled up. */
  getOverview(query: OverviewQueryParams): Promise<OverviewResponse>;
  /** The same page of the overview as CSV text (`Accept: text/csv`). */
  getOverviewCsv(query: OverviewQueryParams): Promise<string>;
  /** The owners, systems and domains the overview's filters can choose, with titles and counts. */
  getOverviewFacets(
    query?: OverviewFacetsQueryInput,
  ): Promise<OverviewFacetsResponse>;
  /**
   * The components and systems that any of the owners owns (a team, or a user and the user's groups), each with the
   * seven KPIs as the overview's rows; a system rolled up over its components.
   */
  getOwnedKpis(query: OwnedOverviewQueryInput): Promise<OwnedOverviewResponse>;
  /**
   * Uploads a CSV file of one KPI (`POST /imports`, needs customer-kpis.observation.create): a dry run answers the
   * preview and the validation report; an import stores every row or none. A file refused for its rows rejects
   * with a {@link CsvImportError} that carries the report.
   */
  importCsv(
    file: Blob,
    request: CsvImportRequest,
    options?: CsvImportOptions,
  ): Promise<ImportResponse>;
  /** The CSV template of a KPI: its header row and an example row. */
  getImportTemplate(kpi: KpiId): Promise<string>;
}

/** The API ref of {@link CustomerKpisApi}. */
export const customerKpisApiRef = createApiRef<CustomerKpisApi>({
  id: 'plugin.customer-kpis.service',
});

/** A CSV import the backend refused: its status, message and, for bad rows, the validation report. */
export class CsvImportError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly report?: ImportResponse['report'],
  ) {
    super(message);
    this.name = 'CsvImportError';
  }
}
