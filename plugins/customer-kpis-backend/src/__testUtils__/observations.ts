// Builders of valid observations for backend tests, one line each.
import {
  Observation,
  parseObservation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';

export const CHECKOUT = 'component:default/checkout-service';
export const SEARCH = 'component:default/product-search';

/** An NPS answer on a day (YYYY-MM-DD). */
export function npsAnswer(
  id: string,
  score: number,
  day: string,
  entityRef = CHECKOUT,
): Observation {
  return parseObservation({
    id,
    kpi: 'recommend',
    entityRef,
    timestamp: `${day}T12:00:00Z`,
    score,
  });
}

/** A CSAT answer on a day. */
export function csatAnswer(
  id: string,
  score: number,
  day: string,
  entityRef = CHECKOUT,
): Observation {
  return parseObservation({
    id,
    kpi: 'satisfaction',
    entityRef,
    timestamp: `${day}T09:30:00Z`,
    score,
  });
}

/** A ticket resolved on `day` after `minutes`. */
export function ticket(
  id: string,
  minutes: number,
  day: string,
  entityRef = CHECKOUT,
): Observation {
  const resolvedAt = new Date(`${day}T18:00:00Z`);
  const openedAt = new Date(resolvedAt.getTime() - minutes * 60_000);
  return parseObservation({
    id,
    kpi: 'time-to-resolve',
    entityRef,
    openedAt: openedAt.toISOString(),
    resolvedAt: resolvedAt.toISOString(),
  });
}

/** NPS answers with the given scores, ids `${prefix}-${i}`, all on one day. */
export function npsAnswers(
  prefix: string,
  scores: number[],
  day: string,
  entityRef = CHECKOUT,
): Observation[] {
  return scores.map((score, i) =>
    npsAnswer(`${prefix}-${i}`, score, day, entityRef),
  );
}
