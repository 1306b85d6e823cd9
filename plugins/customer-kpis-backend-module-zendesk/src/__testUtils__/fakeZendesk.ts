// A local stand-in for the Zendesk Support API endpoints the source reads, answering in their documented shapes.
import http from 'node:http';
import {
  TestServer,
  sendJson,
  startTestServer,
} from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';

export interface FakeTicket {
  id: number;
  status: 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
  created_at: string;
  group_id: number | null;
  brand_id: number | null;
  /** What the export orders and filters by (`start_time`). */
  generated_timestamp: number;
  solved_at?: string;
  /** `full_resolution_time_in_minutes.business`; calendar minutes are derived. */
  business_minutes?: number | null;
}

export interface FakeRating {
  id: number;
  score: 'offered' | 'unoffered' | 'good' | 'bad';
  created_at: string;
  group_id: number;
  ticket_id: number;
}

export interface FakeZendeskOptions {
  tickets: FakeTicket[];
  ratings: FakeRating[];
  /** The expected Authorization header; anything else gets a 401. */
  authorization: string;
  /** Tickets per export page (Zendesk: up to 1000). */
  exportPageSize?: number;
  /** Ratings per page, at most (Zendesk: page[size] up to 100). */
  ratingsPageSize?: number;
  /** Answers a request itself when it returns true: for 429s, 5xx and the like. `index` counts every request. */
  intercept?: (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    index: number,
  ) => boolean;
}

export interface FakeZendesk extends TestServer {
  options: FakeZendeskOptions;
  /** The request URLs without the origin, in order. */
  paths(): string[];
}

const encodeCursor = (position: number) =>
  Buffer.from(`position:${position}`).toString('base64');
const decodeCursor = (cursor: string) =>
  Number(Buffer.from(cursor, 'base64').toString().split(':')[1]);
const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);

function ticketJson(ticket: FakeTicket) {
  return {
    id: ticket.id,
    url: `https://acme.zendesk.com/api/v2/tickets/${ticket.id}.json`,
    subject: `Ticket ${ticket.id}`,
    status: ticket.status,
    priority: 'normal',
    created_at: ticket.created_at,
    updated_at: ticket.solved_at ?? ticket.created_at,
    generated_timestamp: ticket.generated_timestamp,
    group_id: ticket.group_id,
    brand_id: ticket.brand_id,
    tags: ['demo'],
  };
}

function metricSetJson(ticket: FakeTicket) {
  const calendar = ticket.solved_at
    ? Math.round(
        (Date.parse(ticket.solved_at) - Date.parse(ticket.created_at)) / 60000,
      )
    : null;
  return {
    id: ticket.id * 10,
    ticket_id: ticket.id,
    created_at: ticket.created_at,
    solved_at: ticket.solved_at ?? null,
    reopens: 0,
    replies: 1,
    full_resolution_time_in_minutes: {
      calendar,
      business: ticket.business_minutes ?? null,
    },
    reply_time_in_minutes: { calendar: 5, business: 5 },
  };
}

export async function startFakeZendesk(
  options: FakeZendeskOptions,
): Promise<FakeZendesk> {
  const server = await startTestServer((req, res, index) => {
    if (options.intercept?.(req, res, index)) {
      return;
    }
    if (req.headers.authorization !== options.authorization) {
      sendJson(res, 401, { error: "Couldn't authenticate you" });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://zendesk.test');
    const params = url.searchParams;
    switch (url.pathname) {
      case '/api/v2/incremental/tickets/cursor.json': {
        const tickets = [...options.tickets].sort(
          (a, b) => a.generated_timestamp - b.generated_timestamp,
        );
        const cursor = params.get('cursor');
        const startTime = params.get('start_time');
        if (!cursor && !startTime) {
          sendJson(res, 400, {
            error: 'InvalidValue',
            description: 'start_time is required',
          });
          return;
        }
        const from = cursor
          ? decodeCursor(cursor)
          : tickets.filter(t => t.generated_timestamp < Number(startTime))
              .length;
        const size = options.exportPageSize ?? 1000;
        const page = tickets.slice(from, from + size);
        const after = from + page.length;
        sendJson(res, 200, {
          tickets: page.map(ticketJson),
          ...(params.get('include') === 'metric_sets'
            ? { metric_sets: page.map(metricSetJson) }
            : {}),
          after_url: `https://acme.zendesk.com/api/v2/incremental/tickets/cursor.json?cursor=${encodeCursor(
            after,
          )}`,
          after_cursor: encodeCursor(after),
          before_url: null,
          before_cursor: null,
          end_of_stream: after >= tickets.length,
        });
        return;
      }
      case '/api/v2/satisfaction_ratings.json': {
        const score = params.get('score');
        const startTime = Number(params.get('start_time') ?? 0);
        const matching = options.ratings
          .filter(r =>
            score === 'received' ? ['good', 'bad'].includes(r.score) : true,
          )
          .filter(r => unix(r.created_at) >= startTime)
          .sort((a, b) => a.id - b.id);
        const size = Math.min(
          Number(params.get('page[size]') ?? 100),
          options.ratingsPageSize ?? 100,
        );
        const after = params.get('page[after]');
        const from = after ? decodeCursor(after) : 0;
        const page = matching.slice(from, from + size);
        const hasMore = from + page.length < matching.length;
        sendJson(res, 200, {
          satisfaction_ratings: page.map(r => ({
            ...r,
            url: `https://acme.zendesk.com/api/v2/satisfaction_ratings/${r.id}.json`,
            assignee_id: 7,
            requester_id: 8,
            updated_at: r.created_at,
            comment: null,
          })),
          meta: {
            has_more: hasMore,
            after_cursor: hasMore ? encodeCursor(from + page.length) : null,
            before_cursor: from > 0 ? encodeCursor(from) : null,
          },
          links: { next: null, prev: null },
        });
        return;
      }
      case '/api/v2/tickets/show_many.json': {
        const ids = (params.get('ids') ?? '').split(',').map(Number);
        sendJson(res, 200, {
          tickets: options.tickets
            .filter(t => ids.includes(t.id))
            .map(ticketJson),
        });
        return;
      }
      default:
        sendJson(res, 404, { error: 'InvalidEndpoint' });
    }
  });
  return {
    ...server,
    options,
    paths: () => server.requests.map(r => decodeURIComponent(r.url)),
  };
}
