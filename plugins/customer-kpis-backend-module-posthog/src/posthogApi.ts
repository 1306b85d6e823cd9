// A thin client of PostHog's query API (`POST /api/projects/{project_id}/query/`) for HogQL queries, blocking or
// async with polling of `GET /api/projects/{project_id}/query/{id}/`, with the response shapes it relies on.
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  SourceRedactor,
  fetchJsonWithRetry,
  parseJsonAnswer,
  retryOptionsOf,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { PostHogConfig, posthogProjectBase } from './config';
import { HogQLRequest } from './hogql';

/** The fields of a HogQLQueryResponse this source reads; others are ignored. */
const hogqlResponseSchema = z.object({
  results: z.array(z.array(z.unknown())),
  columns: z.array(z.string()),
  types: z.array(z.unknown()).nullish(),
  hasMore: z.boolean().nullish(),
  limit: z.number().nullish(),
  error: z.string().nullish(),
});

/** `query_status` of an async query (and of a blocking one that PostHog moved to the background). */
const queryStatusSchema = z.object({
  id: z.string(),
  complete: z.boolean().nullish(),
  error: z.boolean().nullish(),
  error_message: z.string().nullish(),
  results: z.unknown().optional(),
});

const postAnswerSchema = z.union([
  hogqlResponseSchema.extend({ query_status: queryStatusSchema.nullish() }),
  z.object({ query_status: queryStatusSchema }),
]);

const statusAnswerSchema = z.object({ query_status: queryStatusSchema });

/** One answer of a HogQL query: rows as objects keyed by column, and whether PostHog holds more rows. */
export interface QueryAnswer {
  rows: Record<string, unknown>[];
  hasMore: boolean;
}

/** HogQL queries against one PostHog project with a personal API key. */
export class PostHogClient {
  private readonly base: string;

  /**
   * @param apiKeyFor - the personal API key for a request URL; it throws when the credential is not allowed for the
   *   URL (`context.credentials.get`), so that the key is checked against the very URL that carries it.
   */
  constructor(
    private readonly config: PostHogConfig,
    private readonly apiKeyFor: (url: string) => string,
    private readonly logger: LoggerService,
    private readonly redactor: SourceRedactor,
    private readonly signal?: AbortSignal,
  ) {
    this.base = posthogProjectBase(config);
  }

  private async request(
    url: string,
    init: { method: 'GET' | 'POST'; body?: unknown },
  ): Promise<unknown> {
    return fetchJsonWithRetry(
      url,
      {
        method: init.method,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${this.apiKeyFor(url)}`,
          ...(init.body ? { 'content-type': 'application/json' } : {}),
        },
        ...(init.body ? { body: JSON.stringify(init.body) } : {}),
      },
      {
        ...retryOptionsOf(this.config),
        signal: this.signal,
        logger: this.logger,
        redactor: this.redactor,
      },
    );
  }

  private failed(request: HogQLRequest, message: string): Error {
    const safe = this.redactor.redact(message);
    return new Error(
      `PostHog query "${request.name}" failed: ${
        safe.length > 300 ? `${safe.slice(0, 300)}…` : safe
      }`,
    );
  }

  /** Polls a query that runs in the background until it is complete, then returns its HogQL response. */
  private async awaitResult(
    request: HogQLRequest,
    id: string,
  ): Promise<z.output<typeof hogqlResponseSchema>> {
    const url = `${this.base}query/${encodeURIComponent(id)}/`;
    const deadline = Date.now() + this.config.maxQueryWaitMs;
    for (;;) {
      await sleep(this.config.pollIntervalMs, undefined, {
        signal: this.signal,
      });
      const { query_status: status } = parseJsonAnswer(
        statusAnswerSchema,
        await this.request(url, { method: 'GET' }),
        `PostHog answered the status of query "${request.name}"`,
      );
      if (status.error) {
        throw this.failed(request, status.error_message ?? 'unknown error');
      }
      if (status.complete) {
        return parseJsonAnswer(
          hogqlResponseSchema,
          status.results,
          `PostHog answered the result of query "${request.name}"`,
        );
      }
      if (Date.now() >= deadline) {
        throw this.failed(
          request,
          `still running after ${this.config.maxQueryWaitMs} ms (maxQueryWaitMs)`,
        );
      }
    }
  }

  /**
   * Runs one HogQL query and returns its rows, keyed by the column names PostHog returns; every column of
   * `expectedColumns` must be there.
   */
  async query(
    request: HogQLRequest,
    expectedColumns: readonly string[],
  ): Promise<QueryAnswer> {
    const answer = parseJsonAnswer(
      postAnswerSchema,
      await this.request(`${this.base}query/`, {
        method: 'POST',
        body: {
          query: {
            kind: 'HogQLQuery',
            query: request.query,
            values: request.values,
          },
          name: request.name,
          refresh:
            this.config.queryMode === 'async' ? 'force_async' : 'blocking',
        },
      }),
      `PostHog answered query "${request.name}"`,
    );
    let response: z.output<typeof hogqlResponseSchema>;
    if ('results' in answer) {
      response = answer;
    } else if (answer.query_status.error) {
      throw this.failed(
        request,
        answer.query_status.error_message ?? 'unknown error',
      );
    } else if (answer.query_status.complete && answer.query_status.results) {
      response = parseJsonAnswer(
        hogqlResponseSchema,
        answer.query_status.results,
        `PostHog answered the result of query "${request.name}"`,
      );
    } else {
      response = await this.awaitResult(request, answer.query_status.id);
    }
    if (response.error) {
      throw this.failed(request, response.error);
    }
    const missing = expectedColumns.filter(
      column => !response.columns.includes(column),
    );
    if (missing.length > 0) {
      throw this.failed(
        request,
        `the answer lacks the column(s) ${missing.join(
          ', ',
        )} (got ${response.columns.join(', ')})`,
      );
    }
    return {
      rows: response.results.map(row =>
        Object.fromEntries(
          response.columns.map((column, i) => [column, row[i]]),
        ),
      ),
      hasMore: Boolean(response.hasMore),
    };
  }
}
