// The windows of the KPI tab and the day range and default granularity of the series each one asks for.
import {
  STANDARD_WINDOW_PARAMS,
  parseWindowDays,
  utcDay,
  windowEnding,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiWindow, SeriesGranularity } from '../../api';

/** The windows the tab offers, shortest first. */
export const TAB_WINDOWS: readonly KpiWindow[] = STANDARD_WINDOW_PARAMS;

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

/** The inclusive UTC day range of a window ending today: 30d at 2025-06-30 is 2025-06-01 … 2025-06-30. */
export function seriesRange(
  window: KpiWindow,
  now: Date,
): { from: string; to: string } {
  // Every KpiWindow is a standard window, which parseWindowDays reads.
  return windowEnding(utcDay(now), parseWindowDays(window)!);
}
