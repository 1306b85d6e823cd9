// The Customer-Centricity Index: every KPI scored 0–100 against its thresholds, averaged with configurable weights.
import { KpiSummary } from '../aggregates/summary';
import { Thresholds, kpiDefinitions } from '../kpis/definitions';
import { KPI_IDS, KpiId } from '../kpis/ids';
import { KpiStatus, kpiStatus, thresholdsForSummary } from '../targets/status';
import { KpiWeights } from './weights';

/**
 * The score (0–100) of a value against its thresholds: 100 at or beyond the target, 50 at the warning threshold,
 * 0 one target-to-warning distance beyond the warning, linear in between. With target = warning, 100 when the
 * target is met, else 0. A score ≥ 50 means the status is not critical.
 */
export function kpiScore(
  value: number,
  thresholds: Thresholds,
  direction: 'higher' | 'lower',
): number {
  // Work in "higher is better" terms.
  const sign = direction === 'higher' ? 1 : -1;
  const v = sign * value;
  const target = sign * thresholds.target;
  const warning = sign * thresholds.warning;
  if (v >= target) return 100;
  const gap = target - warning;
  if (gap <= 0) return 0;
  return Math.max(0, Math.min(100, 50 + (50 * (v - warning)) / gap));
}

/** One KPI's part in the index. */
export interface CciComponent {
  kpi: KpiId;
  weight: number;
  /** 0–100; null when the KPI has no status-worthy value. */
  score: number | null;
  status: KpiStatus;
  /** Whether it entered the index (a score and a positive weight). */
  included: boolean;
}

/** The Customer-Centricity Index of an entity or a rollup. */
export interface CustomerCentricityIndex {
  /** 0–100; null when no KPI could be scored. */
  value: number | null;
  /** Share (0–1) of the total weight that had a score: how much of the index is known. */
  coverage: number;
  components: CciComponent[];
}

/**
 * Computes the Customer-Centricity Index: CCI = Σ wₖ · scoreₖ ÷ Σ wₖ over the KPIs with a score, where
 * scoreₖ = {@link kpiScore} of the KPI's value against its thresholds. KPIs without data or below the minimum sample
 * (status insufficient-data) are left out, and the weights of the others renormalised.
 */
export function customerCentricityIndex(
  summaries: Partial<Record<KpiId, KpiSummary | undefined>>,
  thresholds: Partial<Record<KpiId, Thresholds>>,
  weights: Partial<KpiWeights>,
  options: { minimumSample?: number } = {},
): CustomerCentricityIndex {
  let weighted = 0;
  let usedWeight = 0;
  let totalWeight = 0;
  const components = KPI_IDS.map((kpi): CciComponent => {
    const weight = weights[kpi] ?? 0;
    totalWeight += weight;
    const summary = summaries[kpi];
    const kpiThresholds = thresholds[kpi] ?? kpiDefinitions[kpi].defaultTarget;
    const status: KpiStatus = summary
      ? kpiStatus(summary, kpiThresholds, options)
      : 'insufficient-data';
    const score =
      summary && summary.value !== null && status !== 'insufficient-data'
        ? kpiScore(
            summary.value,
            thresholdsForSummary(summary, kpiThresholds),
            kpiDefinitions[kpi].direction,
          )
        : null;
    const included = score !== null && weight > 0;
    if (included) {
      weighted += weight * score;
      usedWeight += weight;
    }
    return { kpi, weight, score, status, included };
  });
  return {
    value: usedWeight > 0 ? weighted / usedWeight : null,
    coverage: totalWeight > 0 ? usedWeight / totalWeight : 0,
    components,
  };
}
