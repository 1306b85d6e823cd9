// A local stand-in for the Prometheus HTTP API's range queries, answering in its documented shapes.
import http from 'node:http';
import {
  TestServer,
  sendJson,
  startTestServer,
} from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';

/** Daily gauge values by selector (as written in the query), metric name and day (`YYYY-MM-DD`). */
export type FakeSeries = Record<string, Record<string, Record<string, number>>>;

export interface FakePrometheusOptions {
  series: FakeSeries;
  /** Selectors whose queries return two series (as if the template did not aggregate). */
  duplicated?: string[];
  /** The expected Authorization header, if any; anything else gets a 401. */
  authorization?: string;
  intercept?: (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    index: number,
  ) => boolean;
}

export interface FakePrometheus extends TestServer {
  options: FakePrometheusOptions;
  /** The query parameters of each range query, in order. */
  queries(): Array<{ query: string; start: number; end: number; step: number }>;
}

// metric{ selector } anywhere in the query, as the default templates write it
const SERIES_PATTERN = /([a-z_]+)\{\s*(.*?)\s*\}/;

export async function startFakePrometheus(
  options: FakePrometheusOptions,
): Promise<FakePrometheus> {
  const server = await startTestServer((req, res, index) => {
    if (options.intercept?.(req, res, index)) {
      return;
    }
    if (
      options.authorization &&
      req.headers.authorization !== options.authorization
    ) {
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end('Unauthorized');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://prometheus.test');
    if (url.pathname !== '/api/v1/query_range') {
      sendJson(res, 404, {
        status: 'error',
        errorType: 'not_found',
        error: 'not found',
      });
      return;
    }
    const query = url.searchParams.get('query') ?? '';
    const [start, end, step] = ['start', 'end', 'step'].map(key =>
      Number(url.searchParams.get(key)),
    );
    const match = SERIES_PATTERN.exec(query);
    if (!match || !(step > 0) || !(end >= start)) {
      sendJson(res, 400, {
        status: 'error',
        errorType: 'bad_data',
        error: `1:1: parse error: unexpected input in ${JSON.stringify(query)}`,
      });
      return;
    }
    const [, metric, selector] = match;
    const days = options.series[selector]?.[metric] ?? {};
    const values: Array<[number, string]> = [];
    for (let t = start; t <= end; t += step) {
      // the value at time t is the gauge of the day that ends at t
      const day = new Date((t - 86400) * 1000).toISOString().slice(0, 10);
      if (days[day] !== undefined) {
        values.push([t, String(days[day])]);
      }
    }
    const series = values.length ? [{ metric: {}, values }] : [];
    sendJson(res, 200, {
      status: 'success',
      data: {
        resultType: 'matrix',
        result: options.duplicated?.includes(selector)
          ? [
              { metric: { instance: 'a' }, values },
              { metric: { instance: 'b' }, values },
            ]
          : series,
      },
    });
  });
  return {
    ...server,
    options,
    queries: () =>
      server.requests
        .map(r => new URL(r.url, 'http://prometheus.test').searchParams)
        .filter(p => p.has('query'))
        .map(p => ({
          query: p.get('query')!,
          start: Number(p.get('start')),
          end: Number(p.get('end')),
          step: Number(p.get('step')),
        })),
  };
}
