// The rows and the axis of a KPI's series chart: gaps for periods without data, the partial period apart, intervals
// clipped to the KPI's scale, and an axis bounded by that scale with evenly spaced ticks written in one unit.
import {
  EffortScale,
  KpiAxis,
  KpiId,
  KpiSeriesResponse,
  clampToRange,
  kpiAxis,
  kpiDefinitions,
  kpiValueRange,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { formatNps, formatNumber, formatPercent } from '../../format';
import { KpiFormat } from '../../hooks/useKpiFormat';
import { lineParts } from '../shared/chartLines';

type Band = [number, number];

/** One period of the chart. Every line's value is null where the line has no point (a gap). */
export interface SeriesChartRow {
  label: string;
  start: string;
  end: string;
  partial: boolean;
  n: number;
  /** The value, or null for a period without data. */
  value: number | null;
  solid: number | null;
  dashed: number | null;
  /** Whether only a dot can show the value (no neighbour with data). */
  alone: boolean;
  band: Band | null;
  bandDashed: Band | null;
  p90: number | null;
  p90Dashed: number | null;
  /** The interval as distances below and above the value, for error bars. */
  error: Band | null;
}

/** The answer scale the customer effort points are on: 7 if any is, else 5 if any has data on it. */
export function effortScaleOf(series: KpiSeriesResponse): EffortScale {
  const scales = series.points.flatMap(({ summary }) =>
    summary.kpi === 'customer-effort' && summary.n > 0
      ? [summary.secondary.scale]
      : [],
  );
  return scales.length > 0 && scales.every(scale => scale === 5) ? 5 : 7;
}

/** The rows of a series chart, labelled by `label` (a period's first day). */
export function seriesChartRows(
  series: KpiSeriesResponse,
  label: (day: string) => string,
): SeriesChartRow[] {
  const range = kpiValueRange(series.kpi, effortScaleOf(series));
  const of = <T>(
    pick: (summary: (typeof series.points)[number]['summary']) => T | null,
  ) =>
    lineParts(
      series.points.map(point => ({
        value: pick(point.summary),
        n: point.summary.n,
        partial: point.partial,
      })),
    );
  const values = of(summary => summary.value);
  const bands = of<Band>(summary =>
    summary.interval
      ? [
          clampToRange(summary.interval.low, range),
          clampToRange(summary.interval.high, range),
        ]
      : null,
  );
  const p90s = of(summary =>
    summary.kpi === 'time-to-value' || summary.kpi === 'time-to-resolve'
      ? summary.secondary.p90
      : null,
  );
  return series.points.map((point, i) => {
    const value = point.summary.n > 0 ? point.summary.value : null;
    const band = bands[i].solid ?? bands[i].dashed;
    return {
      label: label(point.start),
      start: point.start,
      end: point.end,
      partial: point.partial,
      n: point.summary.n,
      value,
      solid: values[i].solid,
      dashed: values[i].dashed,
      alone: values[i].alone,
      band: bands[i].solid,
      bandDashed: bands[i].dashed,
      p90: p90s[i].solid,
      p90Dashed: p90s[i].dashed,
      error: value !== null && band ? [value - band[0], band[1] - value] : null,
    };
  });
}

/** The axis of a chart's rows and its target; bars (`includeZero`) start at 0. */
export function seriesAxis(
  series: KpiSeriesResponse,
  rows: readonly SeriesChartRow[],
  target: number,
  options: { includeZero?: boolean } = {},
): KpiAxis {
  const values = rows.flatMap(row => [
    row.value,
    ...(row.band ?? row.bandDashed ?? []),
    row.p90 ?? row.p90Dashed,
  ]);
  return kpiAxis(
    series.kpi,
    [target, ...values.filter((v): v is number => v !== null)],
    { effortScale: effortScaleOf(series), includeZero: options.includeZero },
  );
}

const MINUTES_PER = { minutes: 1, hours: 60, days: 1440 } as const;

/** Decimals that write every tick of a step of 1, 2 or 5 × 10^k apart. */
function tickDecimals(ticks: readonly number[], per = 1): number {
  if (ticks.length < 2) return 0;
  const step = (ticks[1] - ticks[0]) / per;
  return Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
}

/**
 * Writes the ticks of `axis` alike: as many decimals as the step needs, durations all in the axis' one unit
 * ("0 h, 12 h, 24 h", not "0 min, 12 h, 1 d").
 */
export function axisTickFormatter(
  kpi: KpiId,
  axis: KpiAxis,
  format: Pick<KpiFormat, 'locale' | 't'>,
): (value: number) => string {
  const { locale, t } = format;
  const unit = axis.durationUnit;
  if (unit) {
    const per = MINUTES_PER[unit];
    const decimals = tickDecimals(axis.ticks, per);
    const symbol = t(`units.${unit}`);
    return value =>
      `${formatNumber(value / per, locale, {
        min: decimals,
        max: decimals,
      })}\u00a0${symbol}`;
  }
  const decimals = tickDecimals(axis.ticks);
  switch (kpiDefinitions[kpi].unit) {
    case 'nps':
      return value => formatNps(value, locale, decimals);
    case 'score':
      return value =>
        formatNumber(value, locale, { min: decimals, max: decimals });
    default:
      return value => formatPercent(value, locale, decimals);
  }
}
