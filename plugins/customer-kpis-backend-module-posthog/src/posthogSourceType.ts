// The `posthog` source type: adoption, retention and time to value from HogQL queries of the PostHog query API.
import {
  POSTHOG_PRODUCT_ANNOTATION,
  POSTHOG_PROJECT_ANNOTATION,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  CustomerKpisSourceType,
  JsonValue,
  SourcePage,
  SourcePullContext,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { PostHogBindings, isBoundToPostHog } from './bindings';
import {
  PostHogConfig,
  posthogConfigSchema,
  posthogCredentialTargets,
  posthogProjectBase,
} from './config';
import {
  PagedQuery,
  addDays,
  adoptionQuery,
  eligibleUsersQuery,
  pageRequest,
  retentionQuery,
  timeToValueQuery,
} from './hogql';
import {
  Mapped,
  adoptionObservations,
  retentionObservations,
  timeToValueObservations,
} from './observations';
import { PostHogClient } from './posthogApi';

const PHASES = ['adoption', 'retention', 'time-to-value'] as const;
type Phase = (typeof PHASES)[number];

/** A paged query in progress: its window and the keys of the last row stored, so a failed run resumes after it. */
interface Paging {
  phase: Phase;
  from: string;
  until: string;
  readFrom?: string;
  after: string[];
  /** Time to value: the earliest start day of a journey seen without value in this pass. */
  pendingSince?: string;
  /** Adoption: the eligible cohort's size read at the start of this pass. */
  cohortSize?: number;
}

/**
 * Where the next pull starts. Adoption: the first day to read (the last run's today, read again because it was
 * partial). Retention: the first period not read yet (only complete periods are read). Time to value: the last run's
 * today and the earliest start day of a journey still without value, both read again.
 */
interface PostHogCursor {
  version: 1;
  adoptionFrom?: string;
  retentionFrom?: string;
  journeysFrom?: string;
  pendingSince?: string;
  paging?: Paging;
}

const isDay = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

function readCursor(cursor: JsonValue | undefined): PostHogCursor {
  const result: PostHogCursor = { version: 1 };
  if (typeof cursor !== 'object' || cursor === null || Array.isArray(cursor)) {
    return result;
  }
  for (const key of [
    'adoptionFrom',
    'retentionFrom',
    'journeysFrom',
    'pendingSince',
  ] as const) {
    if (isDay(cursor[key])) result[key] = cursor[key] as string;
  }
  const paging = cursor.paging;
  if (
    typeof paging === 'object' &&
    paging !== null &&
    !Array.isArray(paging) &&
    PHASES.includes(paging.phase as Phase) &&
    typeof paging.from === 'string' &&
    typeof paging.until === 'string' &&
    Array.isArray(paging.after) &&
    paging.after.every(key => typeof key === 'string')
  ) {
    result.paging = {
      phase: paging.phase as Phase,
      from: paging.from,
      until: paging.until,
      after: paging.after as string[],
      ...(typeof paging.readFrom === 'string'
        ? { readFrom: paging.readFrom }
        : {}),
      ...(isDay(paging.pendingSince)
        ? { pendingSince: paging.pendingSince }
        : {}),
      ...(typeof paging.cohortSize === 'number'
        ? { cohortSize: paging.cohortSize }
        : {}),
    };
  }
  return result;
}

/** The first day of the retention period containing `day`. */
function periodStartOf(
  day: string,
  period: PostHogConfig['retentionPeriod'],
): string {
  if (period === 'month') {
    return `${day.slice(0, 7)}-01`;
  }
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

function previousPeriodStart(
  start: string,
  period: PostHogConfig['retentionPeriod'],
): string {
  return period === 'week'
    ? addDays(start, -7)
    : periodStartOf(addDays(start, -1), 'month');
}

const minDay = (a: string, b: string | undefined) =>
  b !== undefined && b < a ? b : a;

async function* pullPostHog(
  context: SourcePullContext<PostHogConfig>,
): AsyncIterable<SourcePage> {
  const { config, logger, signal, credentials } = context;
  // Fails before any request when the credential is missing or not allowed for this PostHog; each request asks again
  // with its own URL.
  try {
    credentials.get(config.credential, posthogProjectBase(config));
  } catch (error) {
    throw new Error(`PostHog source: ${(error as Error).message}`);
  }
  const bindings = new PostHogBindings(
    context.entities.filter(isBoundToPostHog),
    config.projectId,
  );
  if (bindings.badEligible.length > 0) {
    logger.warn(
      `PostHog source: posthog.com/eligible-users must be a whole number; ignored on ${bindings.badEligible.join(
        ', ',
      )}`,
    );
  }
  const buckets = bindings.buckets;
  if (buckets.length === 0) {
    return;
  }
  const client = new PostHogClient(
    config,
    url => credentials.get(config.credential, url),
    logger,
    context.redactor,
    signal,
  );

  const now = context.now();
  const today = now.toISOString().slice(0, 10);
  const firstDay = addDays(today, -(config.historyDays - 1));
  const cursor = readCursor(context.cursor);
  const resumed = cursor.paging;
  const phases = PHASES.filter(
    phase => phase !== 'time-to-value' || config.timeToValue,
  ).filter(
    phase => !resumed || PHASES.indexOf(phase) >= PHASES.indexOf(resumed.phase),
  );

  const warnSkipped = (mapped: Mapped) => {
    if (mapped.skipped.length > 0) {
      logger.warn(
        `PostHog source: ${
          mapped.skipped.length
        } row(s) left out: ${mapped.skipped.slice(0, 3).join('; ')}${
          mapped.skipped.length > 3 ? '; …' : ''
        }`,
      );
    }
  };

  for (const phase of phases) {
    signal?.throwIfAborted();
    const resume = resumed?.phase === phase ? resumed : undefined;
    let paging: Paging;
    let paged: PagedQuery;
    if (phase === 'adoption') {
      let cohortSize = resume?.cohortSize;
      if (
        !resume &&
        config.eligibleCohortId !== undefined &&
        bindings.needsEligibleCohort
      ) {
        const request = eligibleUsersQuery(config.eligibleCohortId);
        const { rows } = await client.query(request, ['eligible']);
        const size = Number(rows[0]?.eligible);
        if (!Number.isInteger(size) || size < 0) {
          throw new Error(
            `PostHog source: the size of cohort ${config.eligibleCohortId} (eligibleCohortId) is not a count`,
          );
        }
        cohortSize = size;
      }
      paging = resume ?? {
        phase,
        from: cursor.adoptionFrom ?? firstDay,
        until: addDays(today, 1),
        after: [],
        ...(cohortSize !== undefined ? { cohortSize } : {}),
      };
      paged = adoptionQuery(config, buckets, paging);
    } else if (phase === 'retention') {
      const from =
        cursor.retentionFrom ?? periodStartOf(firstDay, config.retentionPeriod);
      const until = periodStartOf(today, config.retentionPeriod);
      if (!resume && from >= until) {
        continue;
      }
      paging = resume ?? {
        phase,
        from,
        until,
        readFrom: previousPeriodStart(from, config.retentionPeriod),
        after: [],
      };
      paged = retentionQuery(config, buckets, {
        ...paging,
        readFrom: paging.readFrom ?? paging.from,
      });
    } else {
      const pendingDays = config.timeToValue!.pendingDays;
      const pendingSince =
        cursor.pendingSince &&
        cursor.pendingSince >= addDays(today, -pendingDays)
          ? cursor.pendingSince
          : undefined;
      paging = resume ?? {
        phase,
        from: minDay(cursor.journeysFrom ?? firstDay, pendingSince),
        until: now.toISOString(),
        after: [],
      };
      paged = timeToValueQuery(config, buckets, paging);
    }

    let after: string[] | undefined =
      paging.after.length > 0 ? paging.after : undefined;
    for (;;) {
      const answer = await client.query(
        pageRequest(paged, after, config.pageSize),
        paged.columns,
      );
      const rows = answer.rows;
      const more =
        rows.length > 0 && (answer.hasMore || rows.length >= config.pageSize);
      if (rows.length > 0) {
        after = paged.keys.map(key => String(rows[rows.length - 1][key]));
      }
      let mapped: Mapped;
      if (phase === 'adoption') {
        mapped = adoptionObservations(rows, bindings, paging.cohortSize);
      } else if (phase === 'retention') {
        mapped = retentionObservations(rows, bindings, config.retentionPeriod);
      } else {
        mapped = timeToValueObservations(rows, bindings);
        const oldestPending = addDays(today, -config.timeToValue!.pendingDays);
        for (const o of mapped.observations) {
          if (o.kpi === 'time-to-value' && !o.valueAt) {
            const started = o.startedAt.slice(0, 10);
            if (started >= oldestPending) {
              paging.pendingSince = minDay(started, paging.pendingSince);
            }
          }
        }
      }
      warnSkipped(mapped);

      if (more) {
        paging.after = after!;
        cursor.paging = structuredClone(paging);
      } else {
        delete cursor.paging;
        if (phase === 'adoption') {
          // today is partial: the next run reads it again, and its observations replace these
          cursor.adoptionFrom = today;
        } else if (phase === 'retention') {
          cursor.retentionFrom = paging.until;
        } else {
          cursor.journeysFrom = today;
          if (paging.pendingSince) {
            cursor.pendingSince = paging.pendingSince;
          } else {
            delete cursor.pendingSince;
          }
        }
      }
      yield {
        observations: mapped.observations,
        cursor: structuredClone(cursor) as unknown as JsonValue,
      };
      if (!more) {
        break;
      }
    }
  }
}

/**
 * The `posthog` source type. Entities are bound by `posthog.com/product` (the value of the configured event property,
 * `productProperty`) or `posthog.com/project-id` (every event of the project). For every bound product, HogQL queries
 * of the query API give:
 *
 * - adoption: per UTC day, distinct persons active that day, in the 7 and in the 30 days ending with it; eligible users
 *   from `posthog.com/eligible-users` or the size of the cohort `eligibleCohortId`; id `adoption/<day>/<ref>`;
 * - retention: per complete month (or week), S, E and N of active persons; id `retention/<period start>/<ref>`;
 * - time to value (when configured): per person, first start event → first value event after it, null while not
 *   reached (censored); id `journey/<person id>/<ref>`, sent again when value is reached.
 *
 * Incremental by day: today is read again on the next run (stable ids replace it); a paged query that fails resumes
 * after the last page stored.
 */
export const posthogSourceType: CustomerKpisSourceType<PostHogConfig> = {
  id: 'posthog',
  title: 'PostHog',
  description:
    'Active users per day, week and month (adoption), retention per month or week, and time from a start event to the first value event, from HogQL queries of a PostHog project, bound by posthog.com/product or posthog.com/project-id.',
  configSchema: posthogConfigSchema,
  kpis: ['adoption', 'retention', 'time-to-value'],
  annotation: POSTHOG_PRODUCT_ANNOTATION,
  bindingAnnotations: [POSTHOG_PRODUCT_ANNOTATION, POSTHOG_PROJECT_ANNOTATION],
  credentialTargets: posthogCredentialTargets,
  isAvailable: isBoundToPostHog,
  pull: pullPostHog,
};
