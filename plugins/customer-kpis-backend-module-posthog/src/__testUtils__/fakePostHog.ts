// A local stand-in for PostHog's query API that answers the source's HogQL queries in the documented shapes
// (HogQLQueryResponse: results, columns, types, hasMore, limit; async query_status polling), computing each answer
// from a seeded event list by its own reading of what the query asks.
import http from 'node:http';
import {
  TestServer,
  sendJson,
  startTestServer,
} from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';

/** One captured event. */
export interface FakeEvent {
  person: string;
  event: string;
  /** ISO UTC time. */
  timestamp: string;
  properties: Record<string, string>;
}

export interface FakePostHogOptions {
  projectId: string;
  /** The personal API key; any other bearer gets a 401. */
  apiKey: string;
  events: FakeEvent[];
  /** Persons per cohort id. */
  cohorts?: Record<number, string[]>;
  /** At most this many rows per answer, whatever the LIMIT (as PostHog caps results), with `hasMore`. */
  maxRows?: number;
  /** Async queries: how many polls answer "not complete" before the result. */
  pollsBeforeComplete?: number;
  /** Answers a request itself when it returns true: for 429s, 5xx and the like. `index` counts every request. */
  intercept?: (
    req: http.IncomingMessage & { body?: any },
    res: http.ServerResponse,
    index: number,
  ) => boolean;
}

/** A query as received, with the rows answered. */
export interface ReceivedQuery {
  name: string;
  query: string;
  values: Record<string, unknown>;
  refresh?: string;
  rows: unknown[][];
}

export interface FakePostHog extends TestServer {
  options: FakePostHogOptions;
  /** Every HogQL query received, in order, with the rows it was answered with. */
  queries: ReceivedQuery[];
}

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => iso.slice(0, 10);
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS)
    .toISOString()
    .slice(0, 10);
/** As PostHog serialises a DateTime64(6, 'UTC') result: ISO 8601 with microseconds and Z. */
const dateTime = (iso: string) =>
  new Date(iso).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

function bucketsOf(event: FakeEvent, values: Record<string, any>): string[] {
  const product = event.properties[values.product_property] ?? '';
  return [`p:${product}`, '*'].filter(b =>
    (values.buckets as string[]).includes(b),
  );
}

const isActive = (event: FakeEvent, values: Record<string, any>) =>
  !values.active_events ||
  (values.active_events as string[]).includes(event.event);

const within = (iso: string, from: string, until: string) =>
  Date.parse(iso) >= Date.parse(from) && Date.parse(iso) < Date.parse(until);

/** Persons' active days per bucket in [from, until). */
function activeDays(
  events: FakeEvent[],
  values: Record<string, any>,
  from: string,
  until: string,
): Map<string, Map<string, Set<string>>> {
  const result = new Map<string, Map<string, Set<string>>>();
  for (const event of events) {
    if (!isActive(event, values) || !within(event.timestamp, from, until)) {
      continue;
    }
    for (const bucket of bucketsOf(event, values)) {
      const persons = result.get(bucket) ?? new Map<string, Set<string>>();
      result.set(bucket, persons);
      const days = persons.get(event.person) ?? new Set<string>();
      persons.set(event.person, days);
      days.add(dayOf(event.timestamp));
    }
  }
  return result;
}

function adoptionRows(events: FakeEvent[], values: Record<string, any>) {
  const rows: unknown[][] = [];
  const active = activeDays(events, values, values.read_from, values.until);
  for (let day = values.from; day < values.until; day = addDays(day, 1)) {
    for (const [bucket, persons] of active) {
      const window = Array.from({ length: 30 }, (_, k) => addDays(day, -k));
      const inWindow = (days: number) =>
        [...persons.values()].filter(set =>
          window.slice(0, days).some(d => set.has(d)),
        ).length;
      const mau = inWindow(30);
      if (mau > 0) rows.push([day, bucket, inWindow(1), inWindow(7), mau]);
    }
  }
  return rows;
}

function retentionRows(
  events: FakeEvent[],
  values: Record<string, any>,
  period: 'month' | 'week',
) {
  const periodOf = (day: string) => {
    if (period === 'month') return `${day.slice(0, 7)}-01`;
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    return addDays(day, -((weekday + 6) % 7));
  };
  const next = (start: string) =>
    period === 'week' ? addDays(start, 7) : periodOf(addDays(start, 31));
  const previous = (start: string) =>
    period === 'week' ? addDays(start, -7) : periodOf(addDays(start, -1));
  const rows: unknown[][] = [];
  const active = activeDays(events, values, values.read_from, values.until);
  for (let start = values.from; start < values.until; start = next(start)) {
    for (const [bucket, persons] of active) {
      const periods = [...persons.values()].map(
        days => new Set([...days].map(periodOf)),
      );
      const S = periods.filter(p => p.has(previous(start))).length;
      const E = periods.filter(p => p.has(start)).length;
      const N = periods.filter(
        p => p.has(start) && !p.has(previous(start)),
      ).length;
      if (S + E > 0) rows.push([start, bucket, S, E, N]);
    }
  }
  return rows;
}

function timeToValueRows(events: FakeEvent[], values: Record<string, any>) {
  const starts = new Map<string, string>();
  for (const event of events) {
    if (
      event.event !== values.start_event ||
      Date.parse(event.timestamp) >= Date.parse(values.until)
    ) {
      continue;
    }
    for (const bucket of bucketsOf(event, values)) {
      const key = `${event.person}\u0000${bucket}`;
      const first = starts.get(key);
      if (!first || event.timestamp < first) starts.set(key, event.timestamp);
    }
  }
  const rows: unknown[][] = [];
  for (const [key, startedAt] of starts) {
    if (Date.parse(startedAt) < Date.parse(values.from)) continue;
    const [person, bucket] = key.split('\u0000');
    const valueTimes = events
      .filter(
        e =>
          e.person === person &&
          e.event === values.value_event &&
          bucketsOf(e, values).includes(bucket) &&
          within(e.timestamp, values.from, values.until) &&
          e.timestamp >= startedAt,
      )
      .map(e => e.timestamp)
      .sort();
    rows.push([
      person,
      bucket,
      dateTime(startedAt),
      valueTimes[0] ? dateTime(valueTimes[0]) : null,
    ]);
  }
  return rows;
}

const COLUMNS: Record<string, { names: string[]; types: string[] }> = {
  'customer-kpis adoption': {
    names: ['day', 'bucket', 'dau', 'wau', 'mau'],
    types: ['Date', 'String', 'UInt64', 'UInt64', 'UInt64'],
  },
  'customer-kpis retention': {
    names: [
      'period_start',
      'bucket',
      'start_customers',
      'end_customers',
      'new_customers',
    ],
    types: ['Date', 'String', 'UInt64', 'UInt64', 'UInt64'],
  },
  'customer-kpis time-to-value': {
    names: ['person_id', 'bucket', 'started_at', 'value_at'],
    types: [
      'String',
      'String',
      "DateTime64(6, 'UTC')",
      "Nullable(DateTime64(6, 'UTC'))",
    ],
  },
};

/** Why a request's HogQL is refused: a placeholder without a value, or a value spliced into the text. */
function placeholderProblem(
  query: string,
  values: Record<string, unknown>,
): string | undefined {
  for (const [, name] of query.matchAll(/\{(\w+)\}/g)) {
    if (!(name in values)) return `Placeholder {${name}} is not defined`;
  }
  for (const value of Object.values(values).flat()) {
    const spliced =
      typeof value === 'string' &&
      (query.includes(`'${value}'`) ||
        query.includes(`"${value}"`) ||
        (/[^\w]/.test(value) && value.length > 2 && query.includes(value)));
    if (spliced) {
      return `value ${JSON.stringify(value)} appears in the query text`;
    }
  }
  return undefined;
}

export async function startFakePostHog(
  options: FakePostHogOptions,
): Promise<FakePostHog> {
  const queries: ReceivedQuery[] = [];
  const pending = new Map<string, { response: unknown; polls: number }>();

  const answer = (body: any): { status: number; body: unknown } => {
    const hogql = body?.query;
    if (hogql?.kind !== 'HogQLQuery' || typeof hogql.query !== 'string') {
      return {
        status: 400,
        body: {
          type: 'validation_error',
          code: 'parse_error',
          detail: 'query.kind must be HogQLQuery',
          attr: 'query',
        },
      };
    }
    const values = (hogql.values ?? {}) as Record<string, any>;
    const problem = placeholderProblem(hogql.query, values);
    if (problem) {
      return {
        status: 400,
        body: {
          type: 'validation_error',
          code: 'query_error',
          detail: problem,
        },
      };
    }
    const name = String(body.name);
    if (name === 'customer-kpis eligible-users') {
      const size = options.cohorts?.[values.cohort_id]?.length;
      if (size === undefined) {
        return {
          status: 400,
          body: {
            type: 'validation_error',
            code: 'query_error',
            detail: `Could not find cohort with ID ${values.cohort_id}`,
          },
        };
      }
      queries.push({ name, query: hogql.query, values, rows: [[size]] });
      return {
        status: 200,
        body: {
          results: [[size]],
          columns: ['eligible'],
          types: [['eligible', 'UInt64']],
          hasMore: false,
          is_cached: false,
        },
      };
    }
    let all: unknown[][];
    if (name === 'customer-kpis adoption') {
      all = adoptionRows(options.events, values);
    } else if (name === 'customer-kpis retention') {
      const period = hogql.query.includes('toMonday') ? 'week' : 'month';
      all = retentionRows(options.events, values, period);
    } else if (name === 'customer-kpis time-to-value') {
      all = timeToValueRows(options.events, values);
    } else {
      return {
        status: 400,
        body: {
          type: 'validation_error',
          code: 'query_error',
          detail: 'unknown query',
        },
      };
    }
    // ORDER BY the keys, the keyset after the last row read, LIMIT
    const keyIndexes =
      name === 'customer-kpis time-to-value' ? [2, 0, 1] : [0, 1];
    const keyOf = (row: unknown[]) => keyIndexes.map(i => String(row[i]));
    const compare = (a: string[], b: string[]) => {
      for (let i = 0; i < a.length; i++) {
        if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
      }
      return 0;
    };
    all.sort((a, b) => compare(keyOf(a), keyOf(b)));
    const after = keyIndexes
      .map((_, i) => values[`after_${i}`])
      .filter(v => v !== undefined)
      .map(String);
    const afterRows =
      after.length > 0
        ? all.filter(row => compare(keyOf(row), after) > 0)
        : all;
    const limit = Math.min(
      Number(values.limit ?? 100),
      options.maxRows ?? Infinity,
    );
    const rows = afterRows.slice(0, limit);
    queries.push({
      name,
      query: hogql.query,
      values,
      refresh: body.refresh,
      rows,
    });
    const columns = COLUMNS[name];
    return {
      status: 200,
      body: {
        results: rows,
        columns: columns.names,
        types: columns.names.map((n, i) => [n, columns.types[i]]),
        hasMore: afterRows.length > rows.length,
        limit,
        offset: 0,
        is_cached: false,
        hogql: hogql.query,
        timings: [{ k: './query', t: 0.01 }],
      },
    };
  };

  const server = await startTestServer((req, res, index) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: any;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        sendJson(res, 400, {
          type: 'validation_error',
          detail: 'Malformed JSON',
        });
        return;
      }
      if (options.intercept?.(Object.assign(req, { body }), res, index)) {
        return;
      }
      if (req.headers.authorization !== `Bearer ${options.apiKey}`) {
        sendJson(res, 401, {
          type: 'authentication_error',
          code: 'authentication_failed',
          detail: 'Invalid personal API key.',
          attr: null,
        });
        return;
      }
      const url = new URL(req.url ?? '/', 'http://posthog.test');
      const base = `/api/projects/${options.projectId}/query/`;
      if (req.method === 'POST' && url.pathname === base) {
        const { status, body: answered } = answer(body);
        if (status === 200 && body.refresh === 'force_async') {
          const id = `q${pending.size + 1}`;
          pending.set(id, { response: answered, polls: 0 });
          sendJson(res, 202, {
            query_status: {
              id,
              team_id: Number(options.projectId),
              query_async: true,
              complete: false,
              error: false,
              error_message: null,
              results: null,
              start_time: new Date().toISOString(),
            },
          });
          return;
        }
        sendJson(res, status, answered);
        return;
      }
      if (req.method === 'GET' && url.pathname.startsWith(base)) {
        const id = url.pathname.slice(base.length).replace(/\/$/, '');
        const query = pending.get(id);
        if (!query) {
          sendJson(res, 404, {
            type: 'invalid_request',
            code: 'not_found',
            detail: 'Not found.',
          });
          return;
        }
        query.polls++;
        const complete = query.polls > (options.pollsBeforeComplete ?? 1);
        sendJson(res, 200, {
          query_status: {
            id,
            team_id: Number(options.projectId),
            query_async: true,
            complete,
            error: false,
            error_message: null,
            results: complete ? query.response : null,
            end_time: complete ? new Date().toISOString() : null,
          },
        });
        return;
      }
      sendJson(res, 404, {
        type: 'invalid_request',
        code: 'not_found',
        detail: 'Not found.',
      });
    });
  });
  return { ...server, options, queries };
}
