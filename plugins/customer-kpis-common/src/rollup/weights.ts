// KPI weights for the Customer-Centricity Index, configured per domain, system or component; the most specific wins.
import { z } from 'zod';
import { KPI_IDS, KpiId } from '../kpis/ids';
import { EntityScope, entriesInScope } from '../settings/entityScope';

/** A weight per KPI (≥ 0; 0 leaves a KPI out of the index). */
export type KpiWeights = Record<KpiId, number>;

const weightsSchema = z.partialRecord(
  z.enum(KPI_IDS),
  z.number().min(0).finite(),
);

/**
 * The zod schema of the app-config `customerKpis.weights` block:
 * `{ default?: { <kpi>: weight }, entities?: [{ entity: 'system:default/shop', weights: { <kpi>: weight } }] }`.
 * Entities are listed, not keyed, because Backstage config keys cannot contain `:` or `/`.
 */
export const kpiWeightsConfigSchema = z.object({
  default: weightsSchema.optional(),
  entities: z
    .array(z.object({ entity: z.string(), weights: weightsSchema }))
    .optional(),
});

/** The app-config `customerKpis.weights` block. */
export type KpiWeightsConfig = z.infer<typeof kpiWeightsConfigSchema>;

/** Equal weights: 1 per KPI. */
export function equalWeights(): KpiWeights {
  return Object.fromEntries(KPI_IDS.map(kpi => [kpi, 1])) as KpiWeights;
}

/** Input of {@link resolveWeights}: the config and where the entity sits (its domain, system and itself). */
export interface ResolveWeightsInput extends EntityScope {
  config?: KpiWeightsConfig;
}

/**
 * The KPI weights of an entity: equal weights, overlaid by `default`, then by the entry of its domain, then of its
 * system, then of the entity itself. Each layer overrides only the KPIs it names.
 */
export function resolveWeights({
  config,
  ...scope
}: ResolveWeightsInput = {}): KpiWeights {
  const weights = equalWeights();
  const layers = [
    config?.default,
    ...entriesInScope(config?.entities, scope).map(e => e.weights),
  ];
  for (const layer of layers) {
    for (const kpi of KPI_IDS) {
      const weight = layer?.[kpi];
      if (weight !== undefined) weights[kpi] = weight;
    }
  }
  return weights;
}
