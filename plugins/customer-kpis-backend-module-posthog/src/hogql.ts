// The HogQL queries of the source. Their text is fixed: every value from config, annotations or the cursor goes in as
// a `{placeholder}` of the query's `values`, which PostHog parses as a constant, never into the text itself.
import { PROJECT_BUCKET } from './bindings';
import { PostHogConfig } from './config';

/** The queries the source runs, by the name it gives them (`name` of the query request). */
export type QueryName =
  | 'customer-kpis adoption'
  | 'customer-kpis retention'
  | 'customer-kpis time-to-value'
  | 'customer-kpis eligible-users';

/** A query ready to send: its name, its text and the values of its placeholders. */
export interface HogQLRequest {
  name: QueryName;
  query: string;
  values: Record<string, string | number | string[]>;
}

/**
 * A paged query: its rows come ordered by `keys`, and the next page starts after the last row read, compared as a
 * tuple (PostHog advises against OFFSET for large results).
 */
export interface PagedQuery {
  name: QueryName;
  /** The inner select, without ordering, keyset or limit. */
  select: string;
  /** The result columns, in order. */
  columns: readonly string[];
  /** The ordering columns, a unique key of a row; `keyTypes` casts the placeholders of the keyset to their types. */
  keys: readonly string[];
  keyTypes: readonly ('Date' | 'DateTime' | 'String')[];
  values: Record<string, string | number | string[]>;
}

// Each event goes to the bucket of its product ('p:' + the product property) and to the project's bucket ('*'); only
// the buckets of bound entities are kept.
const BUCKET_JOIN = `ARRAY JOIN arrayFilter(b -> has({buckets}, b), [concat('p:', JSONExtractString(properties, {product_property})), {project_bucket}]) AS bucket`;
const UTC_DAY = `toDate(toTimeZone(timestamp, 'UTC'))`;

function activeEventFilter(config: PostHogConfig): string {
  return config.activeEvents.length > 0 ? ' AND event IN {active_events}' : '';
}

function commonValues(config: PostHogConfig, buckets: string[]) {
  return {
    buckets,
    product_property: config.productProperty,
    project_bucket: PROJECT_BUCKET,
    ...(config.activeEvents.length > 0
      ? { active_events: config.activeEvents }
      : {}),
  };
}

/**
 * Daily, weekly and monthly active persons per bucket and UTC day in [from, until): distinct persons with an active
 * event on the day, in the 7 and in the 30 days ending with it. Each person's active days are spread over the 30 days
 * they count for.
 */
export function adoptionQuery(
  config: PostHogConfig,
  buckets: string[],
  range: { from: string; until: string },
): PagedQuery {
  return {
    name: 'customer-kpis adoption',
    select: `SELECT toDate(active_day + offset) AS day, bucket,
  uniqExactIf(person_id, offset = 0) AS dau,
  uniqExactIf(person_id, offset < 7) AS wau,
  uniqExact(person_id) AS mau
FROM (
  SELECT DISTINCT toString(person_id) AS person_id, bucket, ${UTC_DAY} AS active_day
  FROM events
  ${BUCKET_JOIN}
  WHERE timestamp >= parseDateTime64BestEffort({read_from}, 6, 'UTC') AND timestamp < parseDateTime64BestEffort({until}, 6, 'UTC')${activeEventFilter(
    config,
  )}
)
ARRAY JOIN range(30) AS offset
WHERE day >= toDate({from}) AND day < toDate({until})
GROUP BY day, bucket`,
    columns: ['day', 'bucket', 'dau', 'wau', 'mau'],
    keys: ['day', 'bucket'],
    keyTypes: ['Date', 'String'],
    values: {
      ...commonValues(config, buckets),
      read_from: addDays(range.from, -29),
      from: range.from,
      until: range.until,
    },
  };
}

const PERIOD_START: Record<PostHogConfig['retentionPeriod'], string> = {
  month: `toStartOfMonth(${UTC_DAY})`,
  week: `toMonday(${UTC_DAY})`,
};
const NEXT_PERIOD: Record<PostHogConfig['retentionPeriod'], string> = {
  month: 'addMonths(active_period, 1)',
  week: 'addWeeks(active_period, 1)',
};

/**
 * Per bucket and complete period starting in [from, until): S = persons active in the period before, E = persons
 * active in the period, N = persons active in the period but not in the one before (new or returning). So E − N are
 * the persons kept, and E − N ≤ S.
 */
export function retentionQuery(
  config: PostHogConfig,
  buckets: string[],
  range: { from: string; until: string; readFrom: string },
): PagedQuery {
  return {
    name: 'customer-kpis retention',
    select: `SELECT period_start, bucket,
  countIf(in_previous = 1) AS start_customers,
  countIf(in_current = 1) AS end_customers,
  countIf(in_current = 1 AND in_previous = 0) AS new_customers
FROM (
  SELECT person_id, bucket, period_start,
    max(active_period = period_start) AS in_current,
    max(active_period < period_start) AS in_previous
  FROM (
    SELECT DISTINCT toString(person_id) AS person_id, bucket, ${
      PERIOD_START[config.retentionPeriod]
    } AS active_period
    FROM events
    ${BUCKET_JOIN}
    WHERE timestamp >= parseDateTime64BestEffort({read_from}, 6, 'UTC') AND timestamp < parseDateTime64BestEffort({until}, 6, 'UTC')${activeEventFilter(
      config,
    )}
  )
  ARRAY JOIN [active_period, ${
    NEXT_PERIOD[config.retentionPeriod]
  }] AS period_start
  GROUP BY person_id, bucket, period_start
)
WHERE period_start >= toDate({from}) AND period_start < toDate({until})
GROUP BY period_start, bucket`,
    columns: [
      'period_start',
      'bucket',
      'start_customers',
      'end_customers',
      'new_customers',
    ],
    keys: ['period_start', 'bucket'],
    keyTypes: ['Date', 'String'],
    values: {
      ...commonValues(config, buckets),
      read_from: range.readFrom,
      from: range.from,
      until: range.until,
    },
  };
}

/**
 * One journey per person and bucket whose FIRST start event falls in [from, until): its time, and the time of the
 * first value event at or after it before `until`, or null (not reached yet: censored).
 */
export function timeToValueQuery(
  config: PostHogConfig,
  buckets: string[],
  range: { from: string; until: string },
): PagedQuery {
  const timeToValue = config.timeToValue!;
  return {
    name: 'customer-kpis time-to-value',
    select: `SELECT s.person_id AS person_id, s.bucket AS bucket, s.started_at AS started_at,
  if(countIf(v.value_time >= s.started_at) > 0, minIf(v.value_time, v.value_time >= s.started_at), NULL) AS value_at
FROM (
  SELECT toString(person_id) AS person_id, bucket, min(timestamp) AS started_at
  FROM events
  ${BUCKET_JOIN}
  WHERE event = {start_event} AND timestamp < parseDateTime64BestEffort({until}, 6, 'UTC')
  GROUP BY person_id, bucket
  HAVING started_at >= parseDateTime64BestEffort({from}, 6, 'UTC')
) AS s
LEFT JOIN (
  SELECT toString(person_id) AS person_id, bucket, timestamp AS value_time
  FROM events
  ${BUCKET_JOIN}
  WHERE event = {value_event} AND timestamp >= parseDateTime64BestEffort({from}, 6, 'UTC') AND timestamp < parseDateTime64BestEffort({until}, 6, 'UTC')
) AS v ON v.person_id = s.person_id AND v.bucket = s.bucket
GROUP BY person_id, bucket, started_at`,
    columns: ['person_id', 'bucket', 'started_at', 'value_at'],
    keys: ['started_at', 'person_id', 'bucket'],
    keyTypes: ['DateTime', 'String', 'String'],
    values: {
      buckets,
      product_property: config.productProperty,
      project_bucket: PROJECT_BUCKET,
      start_event: timeToValue.startEvent,
      value_event: timeToValue.valueEvent,
      from: range.from,
      until: range.until,
    },
  };
}

/** The number of persons in the eligible-users cohort now. */
export function eligibleUsersQuery(cohortId: number): HogQLRequest {
  return {
    name: 'customer-kpis eligible-users',
    query:
      'SELECT count() AS eligible FROM persons WHERE id IN COHORT {cohort_id}',
    values: { cohort_id: cohortId },
  };
}

const KEY_CAST = {
  Date: (name: string) => `toDate({${name}})`,
  DateTime: (name: string) => `parseDateTime64BestEffort({${name}}, 6, 'UTC')`,
  String: (name: string) => `{${name}}`,
};

/**
 * The request for one page of a paged query: rows after the keyset `after` (the keys of the last row read), ordered
 * by the keys, at most `limit`. The placeholders `after_0`, `after_1`, … carry the keys.
 */
export function pageRequest(
  paged: PagedQuery,
  after: readonly string[] | undefined,
  limit: number,
): HogQLRequest {
  const keyList = paged.keys.join(', ');
  const keyset = after
    ? `\nWHERE (${keyList}) > (${paged.keyTypes
        .map((type, i) => KEY_CAST[type](`after_${i}`))
        .join(', ')})`
    : '';
  return {
    name: paged.name,
    query: `SELECT ${paged.columns.join(', ')}\nFROM (\n${
      paged.select
    }\n)${keyset}\nORDER BY ${keyList}\nLIMIT {limit}`,
    values: {
      ...paged.values,
      ...Object.fromEntries((after ?? []).map((key, i) => [`after_${i}`, key])),
      limit,
    },
  };
}

/** `day` plus `days` (UTC calendar days, `YYYY-MM-DD`). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000)
    .toISOString()
    .slice(0, 10);
}
