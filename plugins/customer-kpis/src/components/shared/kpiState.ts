// What state an entity's KPIs are in — unbound, waiting for data, stale, or fine — and how errors are classified.
import { EntityKpisResponse } from '@customer-kpis/backstage-plugin-customer-kpis-common';

/** Data older than this is called stale. */
export const STALE_AFTER_MS = 2 * 24 * 60 * 60 * 1000;

/** The state of an entity's KPIs that decides what the card shows instead of (or above) its tiles. */
export type EntityKpisState =
  | { kind: 'unbound' }
  | { kind: 'no-data' }
  | { kind: 'ready'; stale: false }
  | { kind: 'ready'; stale: true; lastUpdated: string };

/** The newest `lastUpdated` of the entity's KPIs, or undefined when no data ever arrived. */
export function newestUpdate(response: EntityKpisResponse): string | undefined {
  let newest: string | undefined;
  for (const kpi of response.kpis) {
    if (
      kpi.lastUpdated &&
      (!newest || Date.parse(kpi.lastUpdated) > Date.parse(newest))
    )
      newest = kpi.lastUpdated;
  }
  return newest;
}

/** Whether a `lastUpdated` time is older than {@link STALE_AFTER_MS} at `now`. */
export function isStale(lastUpdated: string | null, now: Date): boolean {
  if (!lastUpdated) return false;
  const time = Date.parse(lastUpdated);
  return Number.isFinite(time) && now.getTime() - time > STALE_AFTER_MS;
}

/**
 * Classifies a response: no binding and no values → unbound (setup hint); bound but no observations → no data yet;
 * otherwise ready, stale when even the newest data is older than two days.
 */
export function entityKpisState(
  response: EntityKpisResponse,
  now: Date,
): EntityKpisState {
  const hasValues = response.kpis.some(kpi => kpi.summary.value !== null);
  if (!response.bound && !hasValues) return { kind: 'unbound' };
  if (response.kpis.every(kpi => kpi.summary.n === 0) && !hasValues)
    return { kind: 'no-data' };
  const newest = newestUpdate(response);
  if (newest && isStale(newest, now))
    return { kind: 'ready', stale: true, lastUpdated: newest };
  return { kind: 'ready', stale: false };
}

/** Whether an error means that the user may not see the data (HTTP 403 or a NotAllowedError). */
export function isNotAllowed(error: Error): boolean {
  const statusCode = (error as { statusCode?: unknown }).statusCode;
  const body = (error as { body?: { error?: { name?: unknown } } }).body;
  return (
    statusCode === 403 ||
    error.name === 'NotAllowedError' ||
    body?.error?.name === 'NotAllowedError'
  );
}

/** The message to show for an error: a ResponseError's server-side message when it carries one. */
export function errorMessage(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  if (
    cause instanceof Error &&
    cause.message &&
    !error.message.includes(cause.message)
  ) {
    return `${error.message}: ${cause.message}`;
  }
  return error.message;
}
