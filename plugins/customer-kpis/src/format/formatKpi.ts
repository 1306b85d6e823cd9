// The headline value, interval and change of each KPI in its own unit and rounding (NPS "+51", CSAT "60.0 %",
// durations "3 h", effort "5.4 / 7", adoption "42 %"), so that the card, the tab and the charts agree.
import {
  KpiId,
  KpiSummary,
  kpiDeltaDisplay,
  kpiValueDisplay,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  DurationLabels,
  formatDuration,
  formatNps,
  formatNumber,
  formatPercent,
  formatPercentPoints,
  formatScore,
} from './numbers';

/** The locale and the translated unit symbols that KPI formatting needs. */
export interface KpiFormatOptions {
  locale: string;
  durationLabels?: DurationLabels;
}

/**
 * A value of `kpi` in the KPI's unit. `scale` is the customer effort scale (7 unless the summary says 5);
 * `bare` drops the scale suffix for chart axes.
 */
export function formatKpiNumber(
  kpi: KpiId,
  value: number,
  options: KpiFormatOptions,
  extra: { scale?: number; bare?: boolean } = {},
): string {
  const { locale } = options;
  // The unit and decimals are the common rule, which the CSV export rounds by too.
  const shown = kpiValueDisplay(kpi, value);
  switch (shown.unit) {
    case 'nps':
      return formatNps(value, locale, shown.maxDecimals);
    case 'percent':
      return formatPercent(value, locale, shown.maxDecimals);
    case 'score':
      return extra.bare
        ? formatNumber(value, locale, {
            min: shown.minDecimals,
            max: shown.maxDecimals,
          })
        : formatScore(value, extra.scale ?? 7, locale, shown.maxDecimals);
    default:
      return formatDuration(value, locale, options.durationLabels);
  }
}

function effortScale(summary: KpiSummary): number | undefined {
  return summary.kpi === 'customer-effort'
    ? summary.secondary.scale
    : undefined;
}

/** The headline value of a summary, or undefined when there is no data (never "0"). */
export function formatKpiValue(
  summary: KpiSummary,
  options: KpiFormatOptions,
): string | undefined {
  if (summary.value === null) return undefined;
  return formatKpiNumber(summary.kpi, summary.value, options, {
    scale: effortScale(summary),
  });
}

/** The bounds of the summary's 95% interval in the KPI's unit, or undefined when it has none. */
export function formatKpiInterval(
  summary: KpiSummary,
  options: KpiFormatOptions,
): { low: string; high: string } | undefined {
  if (!summary.interval) return undefined;
  const extra = { scale: effortScale(summary) };
  return {
    low: formatKpiNumber(summary.kpi, summary.interval.low, options, extra),
    high: formatKpiNumber(summary.kpi, summary.interval.high, options, extra),
  };
}

/** A change of a KPI against the previous window: NPS points "+5", percentage points "+4.2 pp", "−30 min". */
export function formatKpiDelta(
  kpi: KpiId,
  delta: number,
  options: KpiFormatOptions,
): string {
  const { locale } = options;
  const shown = kpiDeltaDisplay(kpi, delta);
  switch (shown.unit) {
    case 'nps':
      return formatNps(delta, locale, shown.maxDecimals);
    case 'percent-points':
      return formatPercentPoints(delta, locale, shown.maxDecimals);
    case 'score': {
      const text = formatNumber(Math.abs(delta), locale, {
        min: shown.minDecimals,
        max: shown.maxDecimals,
      });
      if (delta === 0) return text;
      return `${delta > 0 ? '+' : '\u2212'}${text}`;
    }
    default: {
      const text = formatDuration(
        Math.abs(delta),
        locale,
        options.durationLabels,
      );
      if (delta === 0) return text;
      return `${delta > 0 ? '+' : '\u2212'}${text}`;
    }
  }
}
