// The status of a KPI value against its thresholds: good, warning, critical, or insufficient data.
import { z } from 'zod';
import {
  DEFAULT_MINIMUM_SAMPLE,
  Thresholds,
  kpiDefinitions,
} from '../kpis/definitions';
import { KpiSummary } from '../aggregates/summary';

/** The zod schema of a {@link KpiStatus}. */
export const kpiStatusSchema = z.enum([
  'good',
  'warning',
  'critical',
  'insufficient-data',
]);

/** The status band of a KPI value. */
export type KpiStatus = z.infer<typeof kpiStatusSchema>;

/** Options of {@link kpiStatus}. */
export interface StatusOptions {
  /** Minimum n for KPIs that sample (see `minimumSampleApplies`). Default 30. */
  minimumSample?: number;
}

/**
 * The thresholds that apply to a summary. Customer effort thresholds are written on the 7-point scale; when the
 * summary's headline is on the 5-point scale they are mapped linearly (1 ↦ 1, 7 ↦ 5): t₅ = 1 + (t₇ − 1) · 4 / 6.
 */
export function thresholdsForSummary(
  summary: KpiSummary,
  thresholds: Thresholds,
): Thresholds {
  if (summary.kpi === 'customer-effort' && summary.secondary.scale === 5) {
    const map = (value: number) => 1 + ((value - 1) * 4) / 6;
    return { target: map(thresholds.target), warning: map(thresholds.warning) };
  }
  return thresholds;
}

/** The status band of `value` against thresholds, for a KPI where higher (or lower) is better. */
export function statusBand(
  value: number,
  thresholds: Thresholds,
  direction: 'higher' | 'lower',
): 'good' | 'warning' | 'critical' {
  const meets = (limit: number) =>
    direction === 'higher' ? value >= limit : value <= limit;
  if (meets(thresholds.target)) return 'good';
  return meets(thresholds.warning) ? 'warning' : 'critical';
}

/**
 * The status of a summary: `insufficient-data` when there is no value, or when the KPI samples and n is below the
 * minimum sample; otherwise the band of the value against the thresholds.
 */
export function kpiStatus(
  summary: KpiSummary,
  thresholds: Thresholds,
  options: StatusOptions = {},
): KpiStatus {
  const definition = kpiDefinitions[summary.kpi];
  const minimumSample = options.minimumSample ?? DEFAULT_MINIMUM_SAMPLE;
  if (summary.value === null || summary.n === 0) return 'insufficient-data';
  if (definition.minimumSampleApplies && summary.n < minimumSample)
    return 'insufficient-data';
  return statusBand(
    summary.value,
    thresholdsForSummary(summary, thresholds),
    definition.direction,
  );
}
