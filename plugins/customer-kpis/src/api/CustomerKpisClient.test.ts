import { ResponseError } from '@backstage/errors';
import { errorResponse } from '../__testUtils__/fixtures';
import { CustomerKpisClient } from './CustomerKpisClient';

const baseUrl = 'http://localhost:7007/api/customer-kpis';
const entity = {
  kind: 'Component',
  namespace: 'default',
  name: 'checkout service',
};

function client(
  response: Partial<Response> = { ok: true, json: async () => ({}) },
) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) => response as Response,
  );
  const discoveryApi = { getBaseUrl: jest.fn(async () => baseUrl) };
  return {
    fetch,
    discoveryApi,
    client: new CustomerKpisClient({
      discoveryApi,
      fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
    }),
  };
}

describe('CustomerKpisClient', () => {
  it('gets the KPIs of an entity for a window, with the kind in lower case', async () => {
    const { fetch, discoveryApi, client: c } = client();
    await c.getEntityKpis(entity, { window: '30d' });
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('customer-kpis');
    expect(fetch).toHaveBeenCalledWith(
      `${baseUrl}/entities/component/default/checkout%20service/kpis?window=30d`,
    );
  });

  it('gets a series with from, to and granularity', async () => {
    const { fetch, client: c } = client();
    await c.getKpiSeries(entity, 'time-to-resolve', {
      from: '2025-06-01',
      to: '2025-06-30',
      granularity: 'day',
    });
    expect(fetch).toHaveBeenCalledWith(
      `${baseUrl}/entities/component/default/checkout%20service/kpis/time-to-resolve/series?from=2025-06-01&to=2025-06-30&granularity=day`,
    );
  });

  it('runs a source with a POST', async () => {
    const { fetch, client: c } = client({ ok: true });
    await c.runSource('zendesk/eu');
    expect(fetch).toHaveBeenCalledWith(`${baseUrl}/sources/zendesk%2Feu/run`, {
      method: 'POST',
    });
  });

  it('gets an overview page with only the set query fields', async () => {
    const { fetch, client: c } = client();
    await c.getOverview({
      groupBy: 'component',
      window: '12m',
      system: 'system:default/payments',
      q: '',
      sort: 'recommend',
      order: 'desc',
      page: 2,
      pageSize: 100,
    });
    expect(fetch).toHaveBeenCalledWith(
      `${baseUrl}/overview?groupBy=component&window=12m&system=system%3Adefault%2Fpayments&sort=recommend&order=desc&page=2&pageSize=100`,
    );
  });

  it('writes the query fields in the order of the API schema, whatever order the caller built them in', async () => {
    const { fetch, client: c } = client();
    await c.getOverview({ pageSize: 100, tag: 'eu', groupBy: 'system' });
    await c.getKpiSeries(entity, 'recommend', {
      granularity: 'week',
      to: '2025-06-30',
      from: '2025-06-01',
    });
    await c.getEntityKpis(entity);
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      `${baseUrl}/overview?groupBy=system&tag=eu&pageSize=100`,
      `${baseUrl}/entities/component/default/checkout%20service/kpis/recommend/series?from=2025-06-01&to=2025-06-30&granularity=week`,
      `${baseUrl}/entities/component/default/checkout%20service/kpis`,
    ]);
  });

  it('gets the same overview page as CSV text with Accept: text/csv', async () => {
    const { fetch, client: c } = client({
      ok: true,
      text: async () => 'ref,title\n',
    });
    const csv = await c.getOverviewCsv({ groupBy: 'system', sort: 'cci' });
    expect(csv).toBe('ref,title\n');
    expect(fetch).toHaveBeenCalledWith(
      `${baseUrl}/overview?groupBy=system&sort=cci`,
      { headers: { Accept: 'text/csv' } },
    );
  });

  it("gets the overview filters' suggestions, for components unless a kind is given", async () => {
    const facets = { kind: 'system', owners: [], systems: [], domains: [] };
    const { fetch, client: c } = client({
      ok: true,
      status: 200,
      json: async () => facets,
    });
    expect(await c.getOverviewFacets({ kind: 'system' })).toEqual(facets);
    await c.getOverviewFacets();
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      `${baseUrl}/overview/facets?kind=system`,
      `${baseUrl}/overview/facets`,
    ]);
  });

  it('gets the products of owners with one owner parameter each, in the given order', async () => {
    const { fetch, client: c } = client();
    await c.getOwnedKpis({
      window: '30d',
      owner: ['user:default/jane', 'group:default/team-a'],
    });
    await c.getOwnedKpis({ owner: 'group:default/team-a' });
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      `${baseUrl}/overview/owned?owner=user%3Adefault%2Fjane&owner=group%3Adefault%2Fteam-a&window=30d`,
      `${baseUrl}/overview/owned?owner=group%3Adefault%2Fteam-a`,
    ]);
  });

  it('lists sources, source types, credential names and coverage with GETs', async () => {
    const { fetch, client: c } = client({
      ok: true,
      status: 200,
      json: async () => ({
        items: [
          { name: 'prometheus-token', allowedUrls: ['http://prometheus:9090'] },
        ],
      }),
    });
    expect(await c.listCredentials()).toEqual([
      { name: 'prometheus-token', allowedUrls: ['http://prometheus:9090'] },
    ]);
    await c.listSources();
    await c.listSourceTypes();
    await c.listRuns('zendesk/eu', { limit: 1 });
    await c.getCoverage({ kind: 'component' });
    expect(fetch.mock.calls.map(([url, init]) => [url, init?.method])).toEqual([
      [`${baseUrl}/credentials`, 'GET'],
      [`${baseUrl}/sources`, 'GET'],
      [`${baseUrl}/sources/types`, 'GET'],
      [`${baseUrl}/sources/zendesk%2Feu/runs?limit=1`, 'GET'],
      [`${baseUrl}/coverage?kind=component`, undefined],
    ]);
  });

  it('creates, updates, tests and deletes sources with JSON bodies', async () => {
    const { fetch, client: c } = client({
      ok: true,
      status: 200,
      json: async () => ({}),
    });
    const definition = {
      type: 'prometheus',
      schedule: { frequency: { minutes: 30 } },
      config: { baseUrl: 'http://localhost:9090' },
    };
    await c.createSource({ id: 'prom', ...definition });
    await c.updateSource('prom', definition);
    await c.testSource({ type: 'prometheus', config: {} });
    const json = { 'Content-Type': 'application/json' };
    expect(fetch.mock.calls).toEqual([
      [
        `${baseUrl}/sources`,
        {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ id: 'prom', ...definition }),
        },
      ],
      [
        `${baseUrl}/sources/prom`,
        { method: 'PUT', headers: json, body: JSON.stringify(definition) },
      ],
      [
        `${baseUrl}/sources/test`,
        {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ type: 'prometheus', config: {} }),
        },
      ],
    ]);
    const deleted = client({ ok: true, status: 204 });
    await expect(deleted.client.deleteSource('prom')).resolves.toBeUndefined();
    expect(deleted.fetch).toHaveBeenCalledWith(`${baseUrl}/sources/prom`, {
      method: 'DELETE',
    });
  });

  it('throws a ResponseError with the status and the server message', async () => {
    const { client: c } = client(
      errorResponse(403, 'NotAllowedError', 'Forbidden'),
    );
    const error = await c.getEntityKpis(entity).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.body.error.name).toBe('NotAllowedError');
  });
});
