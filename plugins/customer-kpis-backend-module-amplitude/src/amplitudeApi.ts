// A thin client of the Amplitude Dashboard REST API endpoints this source reads, with the answer shapes it relies on.
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  SourceRedactor,
  fetchJsonWithRetry,
  parseJsonAnswer,
  retryOptionsOf,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { z } from 'zod';
import { AmplitudeConfig, amplitudeOrigin } from './config';
import { compactDay } from './days';

/** A segment definition (`s=`): users whose property `prop` is one of `values`. */
export interface AmplitudeSegment {
  prop: string;
  op: 'is';
  values: string[];
}

const count = z.number().finite().min(0);

/**
 * The answer of `/api/2/users` and `/api/2/events/segmentation`: one series per segment or group, each with a value
 * per day of `xValues`. The labels are `seriesMeta` (users) or `seriesLabels` (segmentation); neither is needed here,
 * because no group-by is asked for and the one series is the segment's.
 */
const seriesAnswerSchema = z.object({
  data: z.object({
    series: z.array(z.array(count)),
    xValues: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
  }),
});

const retentionCellSchema = z.object({
  count,
  outof: count,
  incomplete: z.boolean().optional(),
});

/** The answer of `/api/2/retention`: per segment, cohorts by date and `combined`, their deduplicated aggregate. */
const retentionAnswerSchema = z.object({
  data: z.object({
    series: z.array(
      z.object({
        combined: z.array(retentionCellSchema),
      }),
    ),
  }),
});

/** Retention of one cohort: `outof` users started, `retained` were back one interval later. */
export interface CohortRetention {
  outof: number;
  retained: number;
  complete: boolean;
}

/** The calls of the Amplitude source, authenticated with the project's API key and secret key. */
export class AmplitudeClient {
  private readonly origin: string;

  /**
   * @param keysFor - the API key and secret key for a request URL; it throws when a credential is not allowed for
   *   the URL (`context.credentials.get`), so that both are checked against the very URL that carries them.
   */
  constructor(
    private readonly config: AmplitudeConfig,
    private readonly keysFor: (url: string) => {
      apiKey: string;
      secretKey: string;
    },
    private readonly logger: LoggerService,
    private readonly redactor: SourceRedactor,
    private readonly signal?: AbortSignal,
  ) {
    this.origin = amplitudeOrigin(config);
  }

  private async get<T>(
    path: string,
    params: Array<[string, string]>,
    schema: z.ZodType<T>,
  ): Promise<T> {
    const url = `${this.origin}${path}?${new URLSearchParams(params)}`;
    const { apiKey, secretKey } = this.keysFor(url);
    const authorization = `Basic ${Buffer.from(
      `${apiKey}:${secretKey}`,
    ).toString('base64')}`;
    // One request at a time: Amplitude allows 5 concurrent requests per project across all of its REST endpoints,
    // and its 429s (concurrency or the hourly cost budget) are retried with backoff or after Retry-After.
    const body = await fetchJsonWithRetry(
      url,
      { headers: { accept: 'application/json', authorization } },
      {
        ...retryOptionsOf(this.config),
        signal: this.signal,
        logger: this.logger,
        redactor: this.redactor,
      },
    );
    return parseJsonAnswer(schema, body, `Amplitude answered ${path}`);
  }

  /** The values of the first series per day, checked to cover exactly the days asked for. */
  private static valuesByDay(
    path: string,
    answer: z.output<typeof seriesAnswerSchema>,
  ): Map<string, number> {
    const values = answer.data.series[0] ?? [];
    if (
      answer.data.series.length > 0 &&
      values.length !== answer.data.xValues.length
    ) {
      throw new Error(
        `Amplitude answered ${path} with ${values.length} values for ${answer.data.xValues.length} days`,
      );
    }
    return new Map(
      answer.data.xValues.map((day, index) => [day, values[index]]),
    );
  }

  /** Daily active users per day from `from` to `to` (`/api/2/users`, `m=active`, `i=1`). */
  async dailyActiveUsers(
    from: string,
    to: string,
    segment: AmplitudeSegment,
  ): Promise<Map<string, number>> {
    const path = '/api/2/users';
    const answer = await this.get(
      path,
      [
        ['start', compactDay(from)],
        ['end', compactDay(to)],
        ['m', 'active'],
        ['i', '1'],
        ['s', JSON.stringify([segment])],
      ],
      seriesAnswerSchema,
    );
    return AmplitudeClient.valuesByDay(path, answer);
  }

  /**
   * Distinct active users of the `windowDays` days ending on each day from `from` to `to`: event segmentation of
   * "any active event" (`_active`), unique users, daily, with a rolling window (`rollingWindow`).
   */
  async rollingActiveUsers(
    from: string,
    to: string,
    windowDays: 7 | 30,
    segment: AmplitudeSegment,
  ): Promise<Map<string, number>> {
    const path = '/api/2/events/segmentation';
    const answer = await this.get(
      path,
      [
        ['e', JSON.stringify({ event_type: '_active' })],
        ['m', 'uniques'],
        ['start', compactDay(from)],
        ['end', compactDay(to)],
        ['i', '1'],
        ['rollingWindow', String(windowDays)],
        ['s', JSON.stringify([segment])],
      ],
      seriesAnswerSchema,
    );
    return AmplitudeClient.valuesByDay(path, answer);
  }

  /**
   * Monthly retention of the users active from `from` to `to` (one month): `/api/2/retention` with "any active
   * event" as start and return action, `i=30`; read from `combined`, the cohorts' deduplicated aggregate.
   */
  async monthlyRetention(
    from: string,
    to: string,
    segment: AmplitudeSegment,
  ): Promise<CohortRetention> {
    const path = '/api/2/retention';
    const answer = await this.get(
      path,
      [
        ['se', JSON.stringify({ event_type: '_active' })],
        ['re', JSON.stringify({ event_type: '_active' })],
        ['start', compactDay(from)],
        ['end', compactDay(to)],
        ['i', '30'],
        ['s', JSON.stringify([segment])],
      ],
      retentionAnswerSchema,
    );
    const combined = answer.data.series[0]?.combined ?? [];
    const [started, returned] = combined;
    if (!started) {
      // No user of the segment was active in the cohort month.
      return { outof: 0, retained: 0, complete: true };
    }
    return {
      outof: started.outof,
      retained: returned?.count ?? 0,
      complete: returned !== undefined && returned.incomplete !== true,
    };
  }
}
