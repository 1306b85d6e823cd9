// Builders of valid observations for backend tests, one line each.
import {
  Observation,
  addDaysToDay,
  parseObservation,
  utcDay,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';

export const CHECKOUT = 'component:default/checkout-service';
export const SEARCH = 'component:default/product-search';

/** Today (UTC) when the test file loads. */
export const today = utcDay(new Date());

/** The day `n` days before {@link today}. */
export const daysAgo = (n: number) => addDaysToDay(today, -n);

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

/**
 * One observation of every KPI for an entity on a day, as a pipeline sends them (JSON, not parsed), ids
 * `${prefix}-<kpi>`; `seed` varies the values, so that days and entities differ.
 */
export function oneOfEveryKpi(
  prefix: string,
  day: string,
  entityRef = CHECKOUT,
  seed = 0,
): Record<string, unknown>[] {
  const at = (time: string) => `${day}T${time}Z`;
  return [
    {
      kpi: 'adoption',
      date: day,
      dau: 10 + seed,
      wau: 40 + seed,
      mau: 90 + seed,
      eligible: 200,
    },
    {
      kpi: 'time-to-value',
      startedAt: at('08:00:00'),
      valueAt: seed % 3 === 2 ? null : at(`1${seed % 10}:00:00`),
    },
    {
      kpi: 'time-to-resolve',
      openedAt: at('07:00:00'),
      resolvedAt: at(`1${seed % 10}:30:00`),
    },
    {
      kpi: 'customer-effort',
      timestamp: at('09:00:00'),
      score: 1 + (seed % 7),
      scale: 7,
    },
    { kpi: 'satisfaction', timestamp: at('09:30:00'), score: 1 + (seed % 5) },
    {
      kpi: 'retention',
      periodStart: day,
      periodEnd: day,
      start: 100,
      end: 95 + (seed % 5),
      new: 5,
    },
    { kpi: 'recommend', timestamp: at('10:00:00'), score: seed % 11 },
  ].map(fields => ({
    id: `${prefix}-${fields.kpi}`,
    entityRef,
    ...fields,
  }));
}
