// A thin client of the Zendesk Support API endpoints this source reads, with the response shapes it relies on.
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  SourceRedactor,
  fetchJsonWithRetry,
  parseJsonAnswer,
  retryOptionsOf,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { z } from 'zod';
import { ZendeskConfig, zendeskOrigin } from './config';

const id = z.union([z.number(), z.string()]).transform(String);
const optionalId = id.nullish();

/** A ticket of the incremental export; only the fields used here, others are ignored. */
const ticketSchema = z.object({
  id,
  status: z.string(),
  created_at: z.string(),
  group_id: optionalId,
  brand_id: optionalId,
});
export type ZendeskTicket = z.output<typeof ticketSchema>;

const minutesSchema = z
  .object({ calendar: z.number().nullish(), business: z.number().nullish() })
  .nullish();

/** A ticket metric set, side-loaded with `include=metric_sets`. */
const metricSetSchema = z.object({
  ticket_id: id,
  solved_at: z.string().nullish(),
  full_resolution_time_in_minutes: minutesSchema,
});
export type ZendeskMetricSet = z.output<typeof metricSetSchema>;

/** A page of the cursor-based incremental ticket export. */
const ticketExportPageSchema = z.object({
  tickets: z.array(ticketSchema),
  metric_sets: z.array(metricSetSchema).optional(),
  after_cursor: z.string().nullish(),
  end_of_stream: z.boolean(),
});
export type ZendeskTicketExportPage = z.output<typeof ticketExportPageSchema>;

/** A (legacy CSAT) satisfaction rating. */
const ratingSchema = z.object({
  id,
  score: z.string(),
  created_at: z.string(),
  group_id: optionalId,
  ticket_id: optionalId,
});
export type ZendeskRating = z.output<typeof ratingSchema>;

/** A page of satisfaction ratings with cursor pagination (`page[size]`). */
const ratingsPageSchema = z.object({
  satisfaction_ratings: z.array(ratingSchema),
  meta: z
    .object({
      has_more: z.boolean(),
      after_cursor: z.string().nullish(),
    })
    .optional(),
});
export type ZendeskRatingsPage = z.output<typeof ratingsPageSchema>;

const showManyTicketsSchema = z.object({
  tickets: z.array(ticketSchema.pick({ id: true, brand_id: true })),
});

/** The calls of the Zendesk source, authenticated with an API token. */
export class ZendeskClient {
  private readonly origin: string;

  /**
   * @param apiTokenFor - the API token for a request URL; it throws when the credential is not allowed for the URL,
   *   so that the token is checked against the very URL that carries it (`context.credentials.get`).
   */
  constructor(
    private readonly config: ZendeskConfig,
    private readonly apiTokenFor: (url: string) => string,
    private readonly logger: LoggerService,
    private readonly redactor: SourceRedactor,
    private readonly signal?: AbortSignal,
  ) {
    this.origin = zendeskOrigin(config);
  }

  private async get<T>(
    path: string,
    params: Record<string, string>,
    schema: z.ZodType<T>,
  ): Promise<T> {
    const url = `${this.origin}${path}?${new URLSearchParams(params)}`;
    const authorization = `Basic ${Buffer.from(
      `${this.config.email}/token:${this.apiTokenFor(url)}`,
    ).toString('base64')}`;
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
    return parseJsonAnswer(schema, body, `Zendesk answered ${path}`);
  }

  /**
   * One page of the cursor-based incremental ticket export with metric sets side-loaded: from `startTime` (Unix
   * seconds) on the first request, from `cursor` (an `after_cursor`) after that.
   */
  exportTickets(
    from: { cursor: string } | { startTime: number },
  ): Promise<ZendeskTicketExportPage> {
    return this.get(
      '/api/v2/incremental/tickets/cursor.json',
      {
        ...('cursor' in from
          ? { cursor: from.cursor }
          : { start_time: String(from.startTime) }),
        include: 'metric_sets',
        exclude_deleted: 'true',
      },
      ticketExportPageSchema,
    );
  }

  /** One page of received (good or bad) satisfaction ratings created at or after `startTime` (Unix seconds). */
  listRatings(options: {
    startTime: number;
    after?: string;
    pageSize?: number;
  }): Promise<ZendeskRatingsPage> {
    return this.get(
      '/api/v2/satisfaction_ratings.json',
      {
        score: 'received',
        start_time: String(options.startTime),
        'page[size]': String(options.pageSize ?? 100),
        ...(options.after ? { 'page[after]': options.after } : {}),
      },
      ratingsPageSchema,
    );
  }

  /** The brand of each ticket in `ticketIds` (at most 100), for ratings bound through the brand annotation. */
  async ticketBrands(ticketIds: string[]): Promise<Map<string, string>> {
    const brands = new Map<string, string>();
    if (ticketIds.length === 0) {
      return brands;
    }
    const { tickets } = await this.get(
      '/api/v2/tickets/show_many.json',
      { ids: ticketIds.join(',') },
      showManyTicketsSchema,
    );
    for (const ticket of tickets) {
      if (ticket.brand_id) {
        brands.set(ticket.id, ticket.brand_id);
      }
    }
    return brands;
  }
}
