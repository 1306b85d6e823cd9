// A thin client of the Prometheus HTTP API's range queries, with the documented response shapes.
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  HttpResponseError,
  SourceRedactor,
  fetchJsonWithRetry,
  parseJsonAnswer,
  retryOptionsOf,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { z } from 'zod';
import { PrometheusConfig, prometheusOrigin } from './config';

const sample = z.tuple([z.number(), z.string()]);

/** `{ status: 'success', data: { resultType, result } }` or `{ status: 'error', errorType, error }`. */
const responseSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('success'),
    data: z.discriminatedUnion('resultType', [
      z.object({
        resultType: z.literal('matrix'),
        result: z.array(
          z.object({
            metric: z.record(z.string(), z.string()),
            values: z.array(sample),
          }),
        ),
      }),
      z.object({
        resultType: z.literal('vector'),
        result: z.array(
          z.object({ metric: z.record(z.string(), z.string()), value: sample }),
        ),
      }),
      z.object({ resultType: z.literal('scalar'), result: sample }),
      z.object({ resultType: z.literal('string'), result: sample }),
    ]),
    warnings: z.array(z.string()).optional(),
  }),
  z.object({
    status: z.literal('error'),
    errorType: z.string(),
    error: z.string(),
  }),
]);

/** A query Prometheus refused or could not run; the message carries its `errorType` and `error`. */
export class PrometheusQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrometheusQueryError';
  }
}

/** One series of a range query: the samples by evaluation time (Unix seconds); non-finite values are left out. */
export type Series = Map<number, number>;

function errorOf(body: unknown): string | undefined {
  const parsed = responseSchema.safeParse(body);
  return parsed.success && parsed.data.status === 'error'
    ? `${parsed.data.errorType}: ${parsed.data.error}`
    : undefined;
}

/** Range queries against one Prometheus, with an optional bearer token. */
export class PrometheusClient {
  private readonly origin: string;

  /**
   * @param bearerTokenFor - the bearer token for a request URL, or `undefined` to send none; it throws when the
   *   credential is not allowed for the URL (`context.credentials.get`), so each request is checked on its own URL.
   */
  constructor(
    private readonly config: PrometheusConfig,
    private readonly bearerTokenFor: ((url: string) => string) | undefined,
    private readonly logger: LoggerService,
    private readonly redactor: SourceRedactor,
    private readonly signal?: AbortSignal,
  ) {
    this.origin = prometheusOrigin(config);
  }

  /**
   * Evaluates `query` at `start`, `start + step`, … `end` (Unix seconds) and returns its single series, or an empty
   * one when the query matches nothing. More than one series is an error: the template must aggregate.
   */
  async rangeQuery(
    query: string,
    range: { start: number; end: number; step: number },
  ): Promise<Series> {
    const url = `${this.origin}/api/v1/query_range?${new URLSearchParams({
      query,
      start: String(range.start),
      end: String(range.end),
      step: String(range.step),
    })}`;
    const bearerToken = this.bearerTokenFor?.(url);
    let body: unknown;
    try {
      body = await fetchJsonWithRetry(
        url,
        {
          headers: {
            accept: 'application/json',
            ...(bearerToken ? { authorization: `Bearer ${bearerToken}` } : {}),
          },
        },
        {
          ...retryOptionsOf(this.config),
          signal: this.signal,
          logger: this.logger,
          redactor: this.redactor,
        },
      );
    } catch (error) {
      // Prometheus answers bad queries with 400/422 and a JSON body naming the problem: say that, not just the status.
      if (error instanceof HttpResponseError) {
        let reason: string | undefined;
        try {
          reason = errorOf(JSON.parse(error.bodyText));
        } catch {
          reason = undefined;
        }
        if (reason) {
          throw new PrometheusQueryError(
            `Prometheus could not run ${JSON.stringify(query)} (HTTP ${
              error.status
            }): ${reason}`,
          );
        }
      }
      throw error;
    }

    const response = parseJsonAnswer(
      responseSchema,
      body,
      `Prometheus answered ${JSON.stringify(query)}`,
    );
    if (response.status === 'error') {
      throw new PrometheusQueryError(
        `Prometheus could not run ${JSON.stringify(query)}: ${
          response.errorType
        }: ${response.error}`,
      );
    }
    for (const warning of response.warnings ?? []) {
      this.logger.warn(
        `Prometheus warns about ${JSON.stringify(query)}: ${warning}`,
      );
    }
    const { data } = response;
    if (data.resultType !== 'matrix') {
      throw new PrometheusQueryError(
        `Prometheus answered the range query ${JSON.stringify(query)} with a ${
          data.resultType
        }, not a matrix`,
      );
    }
    if (data.result.length > 1) {
      throw new PrometheusQueryError(
        `${JSON.stringify(query)} returned ${
          data.result.length
        } series; a template must return one (aggregate with max() or sum())`,
      );
    }
    const series: Series = new Map();
    for (const [time, text] of data.result[0]?.values ?? []) {
      const value = Number(text);
      if (Number.isFinite(value)) {
        series.set(time, value);
      }
    }
    return series;
  }
}
