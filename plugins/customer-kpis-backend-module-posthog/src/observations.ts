// Maps the rows of the PostHog queries to observations of adoption, retention and time to value.
import {
  Observation,
  safeParseObservation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { PostHogBindings } from './bindings';
import { PostHogConfig } from './config';
import { addDays } from './hogql';

/** Observations, and the rows left out with why (logged, not fatal). */
export interface Mapped {
  observations: Observation[];
  skipped: string[];
}

const count = (value: unknown): number | undefined => {
  const n =
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
};

const day = (value: unknown): string | undefined =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)
    ? value.slice(0, 10)
    : undefined;

/** A timestamp of a result as ISO UTC; PostHog gives ISO strings with an offset. */
export function timestamp(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(
    /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`,
  );
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

function pushParsed(
  mapped: Mapped,
  input: Record<string, unknown>,
  what: string,
) {
  const result = safeParseObservation(input);
  if (result.success) {
    mapped.observations.push(result.observation);
  } else {
    mapped.skipped.push(
      `${what}: ${result.issues.map(issue => issue.message).join('; ')}`,
    );
  }
}

/**
 * Adoption observations, one per row and bound entity: the row's DAU, WAU and MAU with the entity's eligible users
 * (its annotation, else the cohort's size). Id `adoption/<day>/<entity ref>`, so today's partial day, read again on
 * the next run, replaces itself.
 */
export function adoptionObservations(
  rows: Record<string, unknown>[],
  bindings: PostHogBindings,
  cohortSize: number | undefined,
): Mapped {
  const mapped: Mapped = { observations: [], skipped: [] };
  for (const row of rows) {
    const date = day(row.day);
    const [dau, wau, mau] = [row.dau, row.wau, row.mau].map(count);
    for (const entity of bindings.entitiesOf(String(row.bucket))) {
      const what = `adoption of ${entity.entityRef} on ${String(row.day)}`;
      const eligible = entity.eligibleUsers ?? cohortSize;
      if (eligible === undefined) {
        mapped.skipped.push(
          `${what}: no eligible users (set posthog.com/eligible-users or eligibleCohortId)`,
        );
        continue;
      }
      pushParsed(
        mapped,
        {
          id: `adoption/${date}/${entity.entityRef}`,
          kpi: 'adoption',
          entityRef: entity.entityRef,
          date,
          dau,
          wau,
          mau,
          eligible,
        },
        what,
      );
    }
  }
  return mapped;
}

/** The last day of the period starting on `start`. */
export function periodEnd(
  start: string,
  period: PostHogConfig['retentionPeriod'],
): string {
  if (period === 'week') {
    return addDays(start, 6);
  }
  const date = new Date(`${start}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1, 1);
  return addDays(date.toISOString().slice(0, 10), -1);
}

/** Retention observations, one per row (a complete period) and bound entity, id `retention/<period start>/<ref>`. */
export function retentionObservations(
  rows: Record<string, unknown>[],
  bindings: PostHogBindings,
  period: PostHogConfig['retentionPeriod'],
): Mapped {
  const mapped: Mapped = { observations: [], skipped: [] };
  for (const row of rows) {
    const start = day(row.period_start);
    for (const entity of bindings.entitiesOf(String(row.bucket))) {
      pushParsed(
        mapped,
        {
          id: `retention/${start}/${entity.entityRef}`,
          kpi: 'retention',
          entityRef: entity.entityRef,
          periodStart: start,
          periodEnd: start && periodEnd(start, period),
          start: count(row.start_customers),
          end: count(row.end_customers),
          new: count(row.new_customers),
        },
        `retention of ${entity.entityRef} from ${String(row.period_start)}`,
      );
    }
  }
  return mapped;
}

/**
 * Time-to-value observations, one per journey (person and bucket) and bound entity, id
 * `journey/<person id>/<entity ref>`: a journey without value yet has `valueAt: null` and is sent again, with the
 * same id, once it reaches value.
 */
export function timeToValueObservations(
  rows: Record<string, unknown>[],
  bindings: PostHogBindings,
): Mapped {
  const mapped: Mapped = { observations: [], skipped: [] };
  for (const row of rows) {
    for (const entity of bindings.entitiesOf(String(row.bucket))) {
      pushParsed(
        mapped,
        {
          id: `journey/${String(row.person_id)}/${entity.entityRef}`,
          kpi: 'time-to-value',
          entityRef: entity.entityRef,
          startedAt: timestamp(row.started_at),
          valueAt: row.value_at === null ? null : timestamp(row.value_at),
        },
        `time to value of person ${String(row.person_id)} for ${
          entity.entityRef
        }`,
      );
    }
  }
  return mapped;
}
