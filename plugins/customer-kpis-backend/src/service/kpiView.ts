// Turns a KPI's window aggregates into what readers see: summaries, thresholds, status and the change.
import {
  EntityScope,
  KpiComparison,
  KpiId,
  KpiStatus,
  KpiSummary,
  KpiTargetsConfig,
  ResolvedThresholds,
  aggregatorFor,
  compareSummaries,
  kpiDefinitions,
  kpiStatus,
  resolveThresholds,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { EntityRecord } from '../database/EntityStore';

/** The reader's view of one KPI over a window. */
export interface KpiView {
  kpi: KpiId;
  summary: KpiSummary;
  previous: KpiSummary;
  thresholds: ResolvedThresholds;
  status: KpiStatus;
  comparison: KpiComparison;
}

/**
 * What decides an entity's settings (thresholds, weights): the config entries of its domain, its system and itself,
 * and its annotations.
 */
export interface SettingsScope extends EntityScope {
  annotations?: Readonly<Record<string, string>>;
}

/** The settings scope of a mirrored entity: a system is its own system and a domain its own domain there. */
export function scopeOfRecord(
  record: Pick<EntityRecord, 'entityRef' | 'system' | 'domain' | 'annotations'>,
): SettingsScope {
  return {
    domain: record.domain ?? undefined,
    system: record.system ?? undefined,
    component: record.entityRef,
    annotations: record.annotations,
  };
}

/** Inputs every view needs besides the aggregates. */
export interface ViewContext {
  targets: KpiTargetsConfig;
  minimumSample: number;
}

/** Summarise options of a KPI: duration KPIs count "within target" against the thresholds in force. */
export function summariseOptions(kpi: KpiId, thresholds: ResolvedThresholds) {
  return kpiDefinitions[kpi].unit === 'minutes'
    ? { targetMinutes: thresholds.target }
    : {};
}

/** Builds the view of one KPI from the aggregates of the window and of the window before it. */
export function kpiView(
  kpi: KpiId,
  current: unknown,
  previous: unknown,
  scope: SettingsScope,
  context: ViewContext,
): KpiView {
  const aggregator = aggregatorFor(kpi);
  const thresholds = resolveThresholds({
    kpi,
    config: context.targets,
    ...scope,
  });
  const options = summariseOptions(kpi, thresholds);
  return kpiViewOfSummaries(
    kpi,
    aggregator.summarise(current, options),
    aggregator.summarise(previous, options),
    thresholds,
    context,
  );
}

/** Builds the view of one KPI from the summaries of the window and of the window before it. */
export function kpiViewOfSummaries(
  kpi: KpiId,
  summary: KpiSummary,
  previousSummary: KpiSummary,
  thresholds: ResolvedThresholds,
  context: ViewContext,
): KpiView {
  return {
    kpi,
    summary,
    previous: previousSummary,
    thresholds,
    status: kpiStatus(summary, thresholds, {
      minimumSample: context.minimumSample,
    }),
    comparison: compareSummaries(previousSummary, summary, {
      minimumSample: context.minimumSample,
    }),
  };
}
