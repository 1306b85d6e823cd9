// Maps Jira issues and their CSAT feedback to observations of time to resolve and satisfaction, and to retractions.
import {
  Observation,
  safeParseObservation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { z } from 'zod';
import { JiraIssue } from './jiraApi';

/** The id of an issue's time-to-resolve observation for one entity: the issue's id never changes, its key may. */
export const resolvedId = (issueId: string, entityRef: string) =>
  `issue/${issueId}/${entityRef}`;

/** The id of an issue's CSAT observation for one entity. */
export const feedbackId = (issueId: string, entityRef: string) =>
  `feedback/${issueId}/${entityRef}`;

/**
 * Jira writes offsets without a colon (`2026-11-02T13:30:00.000+0000`); the ISO 8601 form with one parses everywhere.
 * Undefined when the value is missing or not a date-time.
 */
export function parseJiraTime(
  value: string | null | undefined,
): number | undefined {
  if (!value) {
    return undefined;
  }
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(ms) ? ms : undefined;
}

const durationSchema = z.object({ millis: z.number().nonnegative() });

/** The value of a JSM SLA field in an issue: completed cycles and, while the clock runs, an ongoing one. */
const slaSchema = z.object({
  completedCycles: z
    .array(z.object({ elapsedTime: durationSchema.nullish() }))
    .nullish(),
  ongoingCycle: z.unknown().optional(),
});

/**
 * The business minutes of an issue's "Time to resolution" SLA: the elapsed time of its completed cycles, summed (a
 * request reopened and resolved again may have several), measured on the SLA's calendar. Undefined when the field is
 * missing, has no completed cycle, a cycle without an elapsed time, or still runs (an ongoing cycle).
 */
export function slaBusinessMinutes(value: unknown): number | undefined {
  const parsed = slaSchema.safeParse(value);
  if (!parsed.success) {
    return undefined;
  }
  const { completedCycles, ongoingCycle } = parsed.data;
  if (!completedCycles?.length || ongoingCycle) {
    return undefined;
  }
  let millis = 0;
  for (const cycle of completedCycles) {
    if (!cycle.elapsedTime) {
      return undefined;
    }
    millis += cycle.elapsedTime.millis;
  }
  return millis / 60_000;
}

/**
 * The time-to-resolve observation of a resolved issue for one entity: opened at `created`, resolved at
 * `resolutiondate`, with the SLA's business minutes when `slaField` gives them (dropped, not the issue, when they
 * exceed the calendar time). Undefined when the issue cannot be mapped (no usable dates).
 */
export function resolvedObservation(
  issue: JiraIssue,
  entityRef: string,
  slaField: string | undefined,
): Observation | undefined {
  const opened = parseJiraTime(issue.fields.created);
  const resolved = parseJiraTime(issue.fields.resolutiondate);
  if (opened === undefined || resolved === undefined) {
    return undefined;
  }
  const business = slaField
    ? slaBusinessMinutes(issue.fields[slaField])
    : undefined;
  const input = {
    id: resolvedId(issue.id, entityRef),
    kpi: 'time-to-resolve',
    entityRef,
    openedAt: new Date(opened).toISOString(),
    resolvedAt: new Date(resolved).toISOString(),
  };
  const withBusiness =
    business === undefined
      ? undefined
      : safeParseObservation({ ...input, businessMinutes: business });
  if (withBusiness?.success) {
    return withBusiness.observation;
  }
  const calendarOnly = safeParseObservation(input);
  return calendarOnly.success ? calendarOnly.observation : undefined;
}

/**
 * The CSAT observation of a request's feedback for one entity: the 1–5 rating as the score, at the issue's resolution
 * time (the feedback API gives no date; Jira asks for feedback when a request is resolved). Undefined when the rating
 * is not an integer from 1 to 5 or the issue has no resolution date.
 */
export function feedbackObservation(
  issue: JiraIssue,
  entityRef: string,
  rating: number,
): Observation | undefined {
  const resolved = parseJiraTime(issue.fields.resolutiondate);
  if (resolved === undefined) {
    return undefined;
  }
  const result = safeParseObservation({
    id: feedbackId(issue.id, entityRef),
    kpi: 'satisfaction',
    entityRef,
    timestamp: new Date(resolved).toISOString(),
    score: rating,
  });
  return result.success ? result.observation : undefined;
}
