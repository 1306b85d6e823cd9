// A CustomerKpisApi over HTTP: finds the backend through the discovery API and calls it with the user's fetch API.
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  CUSTOMER_KPIS_PLUGIN_ID,
  EntityKpisResponse,
  KpiId,
  KpiSeriesResponse,
  OverviewResponse,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  CustomerKpisApi,
  KpiSeriesQuery,
  KpiWindow,
  OverviewQueryParams,
} from './CustomerKpisApi';
import type {
  CoverageResponse,
  CredentialSummary,
  SourceDryRunResponse,
  SourceRunResponse,
  SourceSummary,
  SourceTypeSummary,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import type {
  SourceDefinitionRequest,
  SourceDryRunRequest,
} from './CustomerKpisApi';

/** The default implementation of {@link CustomerKpisApi}. */
export class CustomerKpisClient implements CustomerKpisApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntityKpis(
    entity: CompoundEntityRef,
    options: { window?: KpiWindow } = {},
  ): Promise<EntityKpisResponse> {
    const query = new URLSearchParams();
    if (options.window) query.set('window', options.window);
    return this.request(`${entityPath(entity)}/kpis`, query);
  }

  async getKpiSeries(
    entity: CompoundEntityRef,
    kpi: KpiId,
    { from, to, granularity }: KpiSeriesQuery,
  ): Promise<KpiSeriesResponse> {
    const query = new URLSearchParams({ from, to, granularity });
    return this.request(
      `${entityPath(entity)}/kpis/${encodeURIComponent(kpi)}/series`,
      query,
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
    options: { limit?: number } = {},
  ): Promise<SourceRunResponse[]> {
    const search = options.limit ? `?limit=${options.limit}` : '';
    const body = await this.send<{ items: SourceRunResponse[] }>(
      'GET',
      `/sources/${encodeURIComponent(sourceId)}/runs${search}`,
    );
    return body.items;
  }

  async getCoverage(
    options: { kind?: string } = {},
  ): Promise<CoverageResponse> {
    const query = new URLSearchParams();
    if (options.kind) query.set('kind', options.kind);
    return this.request('/coverage', query);
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
    return this.request('/overview', overviewSearch(query));
  }

  async getOverviewCsv(query: OverviewQueryParams): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl(CUSTOMER_KPIS_PLUGIN_ID);
    const search = overviewSearch(query).toString();
    const response = await this.fetchApi.fetch(
      `${baseUrl}/overview${search ? `?${search}` : ''}`,
      { headers: { Accept: 'text/csv' } },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.text();
  }

  private async request<T>(path: string, query: URLSearchParams): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(CUSTOMER_KPIS_PLUGIN_ID);
    const search = query.toString();
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${search ? `?${search}` : ''}`,
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}

// The overview's query string: set fields only, in a fixed order so that equal queries give equal URLs.
function overviewSearch(query: OverviewQueryParams): URLSearchParams {
  const search = new URLSearchParams();
  const keys = [
    'groupBy',
    'window',
    'kind',
    'owner',
    'system',
    'domain',
    'lifecycle',
    'tag',
    'q',
    'sort',
    'order',
    'page',
    'pageSize',
  ] as const;
  for (const key of keys) {
    const value = query[key];
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  return search;
}

// Catalog URLs spell the kind in lower case; the namespace and name keep their case.
function entityPath({ kind, namespace, name }: CompoundEntityRef): string {
  return `/entities/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}
