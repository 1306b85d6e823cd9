// A CustomerKpisApi over HTTP: finds the backend through the discovery API and calls it with the user's fetch API.
import {
  DiscoveryApi,
  FetchApi,
  IdentityApi,
} from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  CUSTOMER_KPIS_PLUGIN_ID,
  coverageQuerySchema,
  entityKpisQuerySchema,
  importQuerySchema,
  overviewFacetsQuerySchema,
  overviewQuerySchema,
  ownedOverviewQuerySchema,
  seriesQuerySchema,
  sourceRunsQuerySchema,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import type {
  CoverageQueryInput,
  CoverageResponse,
  CredentialSummary,
  EntityKpisQueryInput,
  EntityKpisResponse,
  ImportResponse,
  KpiId,
  KpiSeriesResponse,
  OverviewFacetsQueryInput,
  OverviewFacetsResponse,
  OverviewResponse,
  OwnedOverviewQueryInput,
  OwnedOverviewResponse,
  SourceDryRunResponse,
  SourceRunResponse,
  SourceRunsQueryInput,
  SourceSummary,
  SourceTypeSummary,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { CsvImportError } from './CustomerKpisApi';
import type {
  CsvImportOptions,
  CsvImportRequest,
  CustomerKpisApi,
  KpiSeriesQuery,
  OverviewQueryParams,
  SourceDefinitionRequest,
  SourceDryRunRequest,
} from './CustomerKpisApi';

/** The default implementation of {@link CustomerKpisApi}. */
export class CustomerKpisClient implements CustomerKpisApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly identityApi?: Pick<IdentityApi, 'getCredentials'>;

  /**
   * The `identityApi` option gives the token of CSV uploads, which go through XMLHttpRequest for their progress;
   * without it they go through the fetch API, without progress.
   */
  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    identityApi?: Pick<IdentityApi, 'getCredentials'>;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.identityApi = options.identityApi;
  }

  async importCsv(
    file: Blob,
    request: CsvImportRequest,
    options: CsvImportOptions = {},
  ): Promise<ImportResponse> {
    const { dryRun, mapping, ...rest } = request;
    const baseUrl = await this.discoveryApi.getBaseUrl(CUSTOMER_KPIS_PLUGIN_ID);
    const url = `${baseUrl}${withQuery(
      '/imports',
      {
        ...rest,
        dryRun: dryRun ? 'true' : undefined,
        mapping:
          mapping && Object.keys(mapping).length > 0
            ? JSON.stringify(mapping)
            : undefined,
      },
      importQuerySchema,
    )}`;
    if (!this.identityApi) {
      const response = await this.fetchApi.fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'text/csv' },
        body: file,
      });
      return importAnswer(response.status, await response.text());
    }
    // The token fetchApi would send; XMLHttpRequest reports the upload's progress, which fetch cannot.
    const { token } = await this.identityApi.getCredentials();
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url);
      xhr.setRequestHeader('Content-Type', 'text/csv');
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.upload.addEventListener('progress', event => {
        if (event.lengthComputable && event.total > 0)
          options.onProgress?.(event.loaded / event.total);
      });
      xhr.onload = () => {
        try {
          resolve(importAnswer(xhr.status, xhr.responseText));
        } catch (error) {
          reject(error);
        }
      };
      xhr.onerror = () =>
        reject(new CsvImportError('The upload failed (network error)', 0));
      xhr.send(file);
    });
  }

  async getImportTemplate(kpi: KpiId): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl(CUSTOMER_KPIS_PLUGIN_ID);
    const response = await this.fetchApi.fetch(
      `${baseUrl}/imports/templates/${encodeURIComponent(kpi)}.csv`,
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.text();
  }

  async getEntityKpis(
    entity: CompoundEntityRef,
    options: EntityKpisQueryInput = {},
  ): Promise<EntityKpisResponse> {
    return this.request(
      withQuery(`${entityPath(entity)}/kpis`, options, entityKpisQuerySchema),
    );
  }

  async getKpiSeries(
    entity: CompoundEntityRef,
    kpi: KpiId,
    query: KpiSeriesQuery,
  ): Promise<KpiSeriesResponse> {
    return this.request(
      withQuery(
        `${entityPath(entity)}/kpis/${encodeURIComponent(kpi)}/series`,
        query,
        seriesQuerySchema,
      ),
    );
  }

  async runSource(sourceId: string): Promise<void> {
    const baseUrl = await this.discoveryApi.getBaseUrl(CUSTOMER_KPIS_PLUGIN_ID);
    const response = await this.fetchApi.fetch(
      `${baseUrl}/sources/${encodeURIComponent(sourceId)}/run`,
      { method: 'POST' },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
  }

  async listSources(): Promise<SourceSummary[]> {
    const body = await this.send<{ items: SourceSummary[] }>('GET', '/sources');
    return body.items;
  }

  async listSourceTypes(): Promise<SourceTypeSummary[]> {
    const body = await this.send<{ items: SourceTypeSummary[] }>(
      'GET',
      '/sources/types',
    );
    return body.items;
  }

  async listCredentials(): Promise<CredentialSummary[]> {
    const body = await this.send<{
      items: Array<{ name: string; allowedUrls?: string[] }>;
    }>('GET', '/credentials');
    // A backend from before credentials were bound to URLs answers names only.
    return body.items.map(item => ({
      name: item.name,
      allowedUrls: item.allowedUrls ?? [],
    }));
  }

  async createSource(
    definition: SourceDefinitionRequest,
  ): Promise<SourceSummary> {
    return this.send('POST', '/sources', definition);
  }

  async updateSource(
    id: string,
    definition: Omit<SourceDefinitionRequest, 'id'>,
  ): Promise<SourceSummary> {
    return this.send('PUT', `/sources/${encodeURIComponent(id)}`, definition);
  }

  async deleteSource(id: string): Promise<void> {
    await this.send('DELETE', `/sources/${encodeURIComponent(id)}`);
  }

  async testSource(
    request: SourceDryRunRequest,
  ): Promise<SourceDryRunResponse> {
    return this.send('POST', '/sources/test', request);
  }

  async listRuns(
    sourceId: string,
    options: SourceRunsQueryInput = {},
  ): Promise<SourceRunResponse[]> {
    const body = await this.send<{ items: SourceRunResponse[] }>(
      'GET',
      withQuery(
        `/sources/${encodeURIComponent(sourceId)}/runs`,
        options,
        sourceRunsQuerySchema,
      ),
    );
    return body.items;
  }

  async getCoverage(
    options: CoverageQueryInput = {},
  ): Promise<CoverageResponse> {
    return this.request(withQuery('/coverage', options, coverageQuerySchema));
  }

  // A request with an optional JSON body; a 204 answers undefined.
  private async send<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(CUSTOMER_KPIS_PLUGIN_ID);
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}`,
      body === undefined
        ? { method }
        : {
            method,
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  async getOverview(query: OverviewQueryParams): Promise<OverviewResponse> {
    return this.request(withQuery('/overview', query, overviewQuerySchema));
  }

  async getOverviewCsv(query: OverviewQueryParams): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl(CUSTOMER_KPIS_PLUGIN_ID);
    const response = await this.fetchApi.fetch(
      `${baseUrl}${withQuery('/overview', query, overviewQuerySchema)}`,
      { headers: { Accept: 'text/csv' } },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.text();
  }

  async getOverviewFacets(
    query: OverviewFacetsQueryInput = {},
  ): Promise<OverviewFacetsResponse> {
    return this.request(
      withQuery('/overview/facets', query, overviewFacetsQuerySchema),
    );
  }

  async getOwnedKpis(
    query: OwnedOverviewQueryInput,
  ): Promise<OwnedOverviewResponse> {
    return this.request(
      withQuery('/overview/owned', query, ownedOverviewQuerySchema),
    );
  }

  private async request<T>(pathAndQuery: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(CUSTOMER_KPIS_PLUGIN_ID);
    const response = await this.fetchApi.fetch(`${baseUrl}${pathAndQuery}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}

/** The answer of `POST /imports`, or a {@link CsvImportError} with the server's message (and report, for bad rows). */
function importAnswer(status: number, text: string): ImportResponse {
  let body: {
    error?: { message?: string };
    report?: ImportResponse['report'];
  } = {};
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: a proxy's page; the status says enough
  }
  if (status >= 200 && status < 300) return body as ImportResponse;
  throw new CsvImportError(
    body.error?.message ?? `The server answered ${status}`,
    status,
    body.report,
  );
}

/**
 * `path` with the query string of the fields of `query` that are set (an empty text is unset), in the order the
 * schema declares them, so that equal queries give equal URLs; a list is one parameter per item, in its order. A
 * field the schema lacks (the types forbid it) comes last, and the backend answers it with a 400 naming it.
 */
function withQuery<T extends object>(
  path: string,
  query: T,
  schema: { shape: Record<keyof T, unknown> },
): string {
  const declared: string[] = Object.keys(schema.shape);
  const rank = (key: string) =>
    declared.includes(key) ? declared.indexOf(key) : declared.length;
  const search = new URLSearchParams();
  Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== '')
    .sort(([a], [b]) => rank(a) - rank(b))
    .forEach(([key, value]) =>
      ([] as unknown[])
        .concat(value)
        .forEach(item => search.append(key, String(item))),
    );
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

// Catalog URLs spell the kind in lower case; the namespace and name keep their case.
function entityPath({ kind, namespace, name }: CompoundEntityRef): string {
  return `/entities/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}
