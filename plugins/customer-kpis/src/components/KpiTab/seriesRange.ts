// The windows of the KPI tab and the day range and default granularity of the series each one asks for.
import { KpiWindow, SeriesGranularity } from '../../api';

/** The windows the tab offers, shortest first. */
export const TAB_WINDOWS: readonly KpiWindow[] = ['30d', '90d', '12m'];

const WINDOW_DAYS: Record<KpiWindow, number> = {
  '30d': 30,
  '90d': 90,
  '12m': 365,
};

/** Days, weeks, months: about 30, 13 and 12 points per window. */
const DEFAULT_GRANULARITY: Record<KpiWindow, SeriesGranularity> = {
  '30d': 'day',
  '90d': 'week',
  '12m': 'month',
};

/** The granularity a window starts with. */
export function defaultGranularity(window: KpiWindow): SeriesGranularity {
  return DEFAULT_GRANULARITY[window];
}

function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The inclusive UTC day range of a window ending today: 30d at 2025-06-30 is 2025-06-01 … 2025-06-30. */
export function seriesRange(
  window: KpiWindow,
  now: Date,
): { from: string; to: string } {
  const to = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()),
  );
  const from = new Date(to.getTime() - (WINDOW_DAYS[window] - 1) * 86_400_000);
  return { from: utcDay(from), to: utcDay(to) };
}
