// Maps Zendesk tickets and satisfaction ratings to observations of time to resolve and CSAT.
import {
  Observation,
  safeParseObservation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { ZendeskMetricSet, ZendeskRating, ZendeskTicket } from './zendeskApi';

/** Statuses of a ticket whose request is resolved. */
const RESOLVED_STATUSES = new Set(['solved', 'closed']);

/**
 * A legacy CSAT rating is binary: `good` or `bad`. On the 1–5 CSAT scale it becomes 5 or 1, so "% satisfied"
 * (answers 4–5) is exactly the share of good ratings, while the mean and the distribution of a Zendesk-fed KPI show
 * only the two ends of the scale. The docs say so.
 */
export const RATING_SCORES: Record<string, 1 | 5 | undefined> = {
  good: 5,
  bad: 1,
};

/** Observations and the number of records that could not be mapped (logged, not fatal). */
export interface Mapped {
  observations: Observation[];
  skipped: number;
}

/**
 * Time-to-resolve observations of solved or closed tickets, one per bound entity: opened at the ticket's
 * `created_at`, resolved at its metric set's `solved_at`, with `full_resolution_time_in_minutes.business` as the
 * business time when Zendesk has one. Tickets that are not resolved or not bound are ignored.
 */
export function ticketObservations(
  tickets: ZendeskTicket[],
  metricSets: ZendeskMetricSet[],
  entityRefsFor: (ticket: ZendeskTicket) => string[],
): Mapped {
  const metricsByTicket = new Map(metricSets.map(m => [m.ticket_id, m]));
  const observations: Observation[] = [];
  let skipped = 0;
  for (const ticket of tickets) {
    const entityRefs = entityRefsFor(ticket);
    if (!RESOLVED_STATUSES.has(ticket.status) || entityRefs.length === 0) {
      continue;
    }
    const metrics = metricsByTicket.get(ticket.id);
    if (!metrics?.solved_at) {
      skipped += entityRefs.length;
      continue;
    }
    const business = metrics.full_resolution_time_in_minutes?.business;
    for (const entityRef of entityRefs) {
      const input = {
        id: `ticket/${ticket.id}/${entityRef}`,
        kpi: 'time-to-resolve',
        entityRef,
        openedAt: ticket.created_at,
        resolvedAt: metrics.solved_at,
        ...(typeof business === 'number' ? { businessMinutes: business } : {}),
      };
      let result = safeParseObservation(input);
      if (!result.success && 'businessMinutes' in input) {
        // A business time longer than the calendar time (a reopened ticket's clock) is dropped, not the ticket.
        const { businessMinutes: _dropped, ...calendarOnly } = input;
        result = safeParseObservation(calendarOnly);
      }
      if (result.success) {
        observations.push(result.observation);
      } else {
        skipped++;
      }
    }
  }
  return { observations, skipped };
}

/** Satisfaction observations of good (5) and bad (1) ratings, one per bound entity, at the rating's `created_at`. */
export function ratingObservations(
  ratings: ZendeskRating[],
  entityRefsFor: (rating: ZendeskRating) => string[],
): Mapped {
  const observations: Observation[] = [];
  let skipped = 0;
  for (const rating of ratings) {
    const score = RATING_SCORES[rating.score];
    const entityRefs = entityRefsFor(rating);
    if (score === undefined || entityRefs.length === 0) {
      continue;
    }
    for (const entityRef of entityRefs) {
      const result = safeParseObservation({
        id: `rating/${rating.id}/${entityRef}`,
        kpi: 'satisfaction',
        entityRef,
        timestamp: rating.created_at,
        score,
      });
      if (result.success) {
        observations.push(result.observation);
      } else {
        skipped++;
      }
    }
  }
  return { observations, skipped };
}
