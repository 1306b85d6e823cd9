// The part of SurveyMonkey's API v3 the source reads (survey details, responses in bulk, one response's details),
// with its rate limits: a 429 without Retry-After waits for X-Ratelimit-App-Global-Minute-Reset, and a used-up
// minute budget is waited out before the next request instead of provoking a 429.
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  FetchJsonRetryOptions,
  HttpResponseError,
  SourceRedactor,
  fetchJsonWithRetry,
  parseJsonAnswer,
  retryOptionsOf,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { SurveyMonkeyConfig, surveyMonkeyApiBase } from './config';

/** One option of a question (`answers.choices[]` of survey details). */
export interface SmChoice {
  id: string;
  text?: string;
  position?: number;
  weight?: number;
  visible?: boolean;
  is_na?: boolean;
}

/** One question of `GET /v3/surveys/{id}/details` (`pages[].questions[]`). */
export interface SmQuestionDetails {
  id: string;
  family: string;
  subtype?: string;
  answers?: {
    choices?: SmChoice[];
    rows?: { id: string; text?: string; position?: number }[];
    other?: { id: string };
  };
}

/** `GET /v3/surveys/{id}/details` (the parts read). */
export interface SmSurveyDetails {
  id: string;
  title?: string;
  pages?: { id: string; questions?: SmQuestionDetails[] }[];
}

/** One answer of a response: a choice (`choice_id`, in a matrix with `row_id`), or text (`text`, `other_id`), never read. */
export interface SmAnswer {
  choice_id?: string;
  row_id?: string;
  col_id?: string;
  other_id?: string;
  text?: string;
}

/** A response as `/responses/bulk` and `/responses/{id}/details` return it (the parts read). */
export interface SmResponse {
  id: string;
  survey_id?: string;
  response_status?: string;
  date_created?: string;
  date_modified: string;
  custom_variables?: Record<string, unknown>;
  pages?: {
    id: string;
    questions?: { id: string; answers?: SmAnswer[] }[];
  }[];
}

/** `GET /v3/surveys/{id}/responses/bulk`. */
export interface SmResponseList {
  data: SmResponse[];
  per_page?: number;
  page?: number;
  total?: number;
  links?: { self?: string; next?: string; prev?: string; last?: string };
}

/** What the pull relies on in a response: its id and modification date (the cursor), and its status. */
const responseSchema = z.looseObject({
  id: z.string().min(1),
  date_modified: z.string(),
  response_status: z.string().optional(),
});

/** What the pull relies on in a list of responses: the responses, and the link to the next page. */
const responseListSchema = z.looseObject({
  data: z.array(responseSchema),
  links: z.looseObject({ next: z.string().optional() }).optional(),
});

/** A SurveyMonkey date (`2026-11-02T09:00:00+00:00`, or without offset, which SurveyMonkey means as UTC) in ms. */
export function parseSmDate(value: string | undefined): number {
  if (!value) return NaN;
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value.trim());
  return Date.parse(hasZone ? value : `${value.trim()}Z`);
}

/** Unix seconds as SurveyMonkey's query parameters take them: `YYYY-MM-DDTHH:MM:SS`, UTC. */
export function formatSmQueryDate(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(0, 19);
}

/** What the rate-limit headers of the last response said. */
interface RateLimitState {
  /** Do not send before this time (ms): the minute budget is used up. */
  notBefore: number;
  dayRemaining?: number;
  dayResetSeconds?: number;
}

const headerNumber = (headers: Headers, name: string): number | undefined => {
  const value = Number(headers.get(name) ?? NaN);
  return Number.isFinite(value) ? value : undefined;
};

/** The longest wait for a used-up minute budget before a request (SurveyMonkey's window is a minute). */
const MAX_MINUTE_WAIT_MS = 65_000;

/**
 * A `fetch` that reads SurveyMonkey's `X-Ratelimit-App-Global-*` headers: after a response that leaves no request of
 * the minute, the next request waits for `…-Minute-Reset`; a 429 without `Retry-After` gets one from `…-Minute-Reset`
 * (or `…-Day-Reset` when the day's budget is used up), so that `fetchJsonWithRetry` waits for it, or fails at once
 * when it is longer than it will wait.
 */
function rateLimitedFetch(
  state: RateLimitState,
  signal?: AbortSignal,
): typeof fetch {
  return async (input, init) => {
    const wait = Math.min(state.notBefore - Date.now(), MAX_MINUTE_WAIT_MS);
    if (wait > 0) await sleep(wait, undefined, { signal });
    const response = await fetch(input, init);
    const minuteRemaining = headerNumber(
      response.headers,
      'x-ratelimit-app-global-minute-remaining',
    );
    const minuteReset = headerNumber(
      response.headers,
      'x-ratelimit-app-global-minute-reset',
    );
    state.dayRemaining = headerNumber(
      response.headers,
      'x-ratelimit-app-global-day-remaining',
    );
    state.dayResetSeconds = headerNumber(
      response.headers,
      'x-ratelimit-app-global-day-reset',
    );
    if (response.ok && minuteRemaining === 0 && minuteReset !== undefined) {
      state.notBefore = Date.now() + minuteReset * 1000;
    }
    if (response.status === 429 && !response.headers.has('retry-after')) {
      const seconds =
        state.dayRemaining === 0 ? state.dayResetSeconds : minuteReset;
      if (seconds !== undefined) {
        const headers = new Headers(response.headers);
        headers.set('retry-after', String(Math.max(0, Math.ceil(seconds))));
        return new Response(response.body, {
          status: response.status,
          statusText: response.statusText,
          headers,
        });
      }
    }
    return response;
  };
}

/** Reads a config's surveys with its token, retrying 429 and 5xx. */
export class SurveyMonkeyClient {
  private readonly limits: RateLimitState = { notBefore: 0 };
  private readonly base: string;

  constructor(
    private readonly config: SurveyMonkeyConfig,
    private readonly token: (url: string) => string,
    private readonly logger: LoggerService,
    private readonly redactor: SourceRedactor,
    private readonly signal?: AbortSignal,
    private readonly retry: Pick<
      FetchJsonRetryOptions,
      'retries' | 'maxRetryAfterMs'
    > = {},
  ) {
    this.base = surveyMonkeyApiBase(config);
  }

  /** `GET /v3/surveys/{id}/details`: the questions and their choices. */
  surveyDetails(surveyId: string): Promise<SmSurveyDetails> {
    // Read leniently: a part it lacks gives no choices, and answers to them no score.
    return this.get(
      new URL(`${encodeURIComponent(surveyId)}/details`, this.base),
    ) as Promise<SmSurveyDetails>;
  }

  /**
   * The first page of completed responses of a survey last modified at or after `sinceSeconds` (Unix seconds),
   * oldest modification first. Further pages of the same query: {@link SurveyMonkeyClient.next}.
   */
  responses(surveyId: string, sinceSeconds: number): Promise<SmResponseList> {
    const url = new URL(
      `${encodeURIComponent(surveyId)}/responses/bulk`,
      this.base,
    );
    url.searchParams.set('per_page', String(this.config.perPage));
    url.searchParams.set('page', '1');
    url.searchParams.set('status', 'completed');
    url.searchParams.set('start_modified_at', formatSmQueryDate(sinceSeconds));
    url.searchParams.set('sort_by', 'date_modified');
    url.searchParams.set('sort_order', 'ASC');
    return this.list(url);
  }

  /** The page that `links.next` of a response list names; it must be under the API base. */
  next(link: string): Promise<SmResponseList> {
    const url = new URL(link, this.base);
    if (!url.toString().startsWith(this.base)) {
      throw new Error(
        `SurveyMonkey source: links.next leads outside ${this.base}; not followed`,
      );
    }
    return this.list(url);
  }

  /** `GET /v3/surveys/{sid}/responses/{rid}/details`: one response with its answers. */
  async responseDetails(
    surveyId: string,
    responseId: string,
  ): Promise<SmResponse> {
    const url = new URL(
      `${encodeURIComponent(surveyId)}/responses/${encodeURIComponent(
        responseId,
      )}/details`,
      this.base,
    );
    return parseJsonAnswer(
      responseSchema,
      await this.get(url),
      `SurveyMonkey answered ${url.pathname}`,
    );
  }

  private async list(url: URL): Promise<SmResponseList> {
    return parseJsonAnswer(
      responseListSchema,
      await this.get(url),
      `SurveyMonkey answered ${url.pathname}`,
    );
  }

  private async get(url: URL): Promise<unknown> {
    try {
      return await fetchJsonWithRetry(
        url,
        {
          headers: {
            authorization: `Bearer ${this.token(url.toString())}`,
            accept: 'application/json',
          },
        },
        {
          ...retryOptionsOf(this.config),
          ...this.retry,
          logger: this.logger,
          redactor: this.redactor,
          signal: this.signal,
          fetch: rateLimitedFetch(this.limits, this.signal),
        },
      );
    } catch (error) {
      if (error instanceof HttpResponseError && error.status === 429) {
        if (this.limits.dayRemaining === 0) {
          throw new Error(
            `SurveyMonkey source: the app's daily request limit is used up (X-Ratelimit-App-Global-Day-Remaining: 0; it resets in ${
              this.limits.dayResetSeconds ?? '?'
            } s); the next run resumes where this one stopped. ${
              error.message
            }`,
          );
        }
      }
      if (
        error instanceof HttpResponseError &&
        (error.status === 401 || error.status === 403)
      ) {
        throw new Error(
          `SurveyMonkey source: the access token of credential '${this.config.credential}' was refused (HTTP ${error.status}); check the token and its scopes (View Surveys, View Responses, View Response Details). ${error.message}`,
        );
      }
      throw error;
    }
  }
}
