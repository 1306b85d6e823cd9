// The range of times an observation may carry: nothing before 2000, nothing more than a day ahead of now, so that a
// typo (year 0205, 2205) or a sentinel date (9999-12-31) is refused with its reason instead of stored.
import { addDaysToDay, utcDay } from '../time/windows';
import type { Observation } from './schemas';

/** The earliest event time accepted, as an ISO date-time, and the earliest day. */
export const EARLIEST_EVENT_TIME = '2000-01-01T00:00:00.000Z';
export const EARLIEST_EVENT_DAY = '2000-01-01';
/** How far ahead of now an event time or day may be: clocks drift, and a source's "today" may be ahead of ours. */
export const EVENT_CLOCK_SKEW_DAYS = 1;
/** How far ahead of today a retention period may end: a period in progress is reported with its planned end. */
export const PERIOD_END_AHEAD_DAYS = 366;

const DAY_MS = 86_400_000;

/** One out-of-range time: the field and a message naming it, the range and the value. */
export interface EventTimeIssue {
  path: string;
  message: string;
}

/**
 * The time rules of one observation at `now`:
 * - event times (`timestamp`, `openedAt`, `resolvedAt`, `startedAt`, `valueAt`): 2000-01-01T00:00:00Z to now + 1 day;
 * - an adoption `date` and a retention `periodStart`: 2000-01-01 to today + 1 day (UTC);
 * - a retention `periodEnd`: up to today + 366 days, since a period in progress may be sent with its planned end
 *   (its start must still have begun, so it is at most one period ahead).
 */
export function eventTimeIssues(
  observation: Observation,
  now: Date,
): EventTimeIssue[] {
  const issues: EventTimeIssue[] = [];
  const latest = new Date(now.getTime() + EVENT_CLOCK_SKEW_DAYS * DAY_MS);
  const latestTime = latest.toISOString();
  const latestDay = utcDay(latest);

  const time = (field: string, value: string | null | undefined) => {
    if (!value) return;
    if (value < EARLIEST_EVENT_TIME || value > latestTime) {
      issues.push({
        path: field,
        message: `${field} must be between 2000-01-01T00:00:00Z and now + ${EVENT_CLOCK_SKEW_DAYS} day (${latestTime}) (got ${value})`,
      });
    }
  };
  const day = (field: string, value: string, last: string, upTo: string) => {
    if (value < EARLIEST_EVENT_DAY || value > last) {
      issues.push({
        path: field,
        message: `${field} must be a day between ${EARLIEST_EVENT_DAY} and ${upTo} (${last}) (got ${value})`,
      });
    }
  };

  time('timestamp', observation.timestamp);
  switch (observation.kpi) {
    case 'time-to-resolve':
      time('openedAt', observation.openedAt);
      time('resolvedAt', observation.resolvedAt);
      break;
    case 'time-to-value':
      time('startedAt', observation.startedAt);
      time('valueAt', observation.valueAt);
      break;
    case 'adoption':
      day('date', observation.date, latestDay, 'today + 1 day');
      break;
    case 'retention':
      day('periodStart', observation.periodStart, latestDay, 'today + 1 day');
      day(
        'periodEnd',
        observation.periodEnd,
        addDaysToDay(utcDay(now), PERIOD_END_AHEAD_DAYS),
        `today + ${PERIOD_END_AHEAD_DAYS} days`,
      );
      break;
    default:
      break;
  }
  return issues;
}
