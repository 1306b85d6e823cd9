// `GET /kpis`: the KPI definitions with the thresholds and weights in force from config, and the targets per entity.
import {
  KPI_IDS,
  KpiId,
  KpiTargetsConfig,
  equalWeights,
  kpiDefinitions,
  kpiDefinitionsResponseSchema,
  normaliseEntityRef,
  parseThresholdValue,
  resolveThresholds,
  resolveWeights,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { z } from 'zod';
import { defineRoute } from './defineRoute';

/**
 * The thresholds config sets for one domain, system or entity, per KPI, as written (start-up checked that they
 * read): what each entity's own status then lays over the layers below it.
 */
function entityThresholdsOf(kpi: KpiId, targets: KpiTargetsConfig) {
  return (targets.entities ?? []).flatMap(entry => {
    const written = entry.targets[kpi];
    if (!written) return [];
    const read = (value: string | number | undefined) =>
      value === undefined ? undefined : parseThresholdValue(kpi, value);
    const target = read(written.target);
    const warning = read(written.warning);
    return [
      {
        entity: normaliseEntityRef(entry.entity) ?? entry.entity,
        ...(target !== undefined && { target }),
        ...(warning !== undefined && { warning }),
      },
    ];
  });
}

export const kpiRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/kpis',
      summary: 'The KPI definitions with the thresholds and weights in force',
      access: 'authenticated',
      // No parameters: an unknown one is a 400 rather than silently ignored.
      query: z.strictObject({}),
      response: kpiDefinitionsResponseSchema,
    },
    async ({ deps: { settings } }) => {
      const weights =
        resolveWeights({ config: settings.weights }) ?? equalWeights();
      return {
        minimumSample: settings.minimumSample,
        kpis: KPI_IDS.map(id => {
          const definition = kpiDefinitions[id];
          const thresholds = resolveThresholds({
            kpi: id,
            config: settings.targets,
          });
          return {
            id,
            title: definition.title,
            description: definition.description,
            formula: definition.formula,
            unit: definition.unit,
            direction: definition.direction,
            defaultWindowDays: definition.defaultWindowDays,
            thresholds: {
              target: thresholds.target,
              warning: thresholds.warning,
              source: thresholds.source,
            },
            entityThresholds: entityThresholdsOf(id, settings.targets),
            weight: weights[id],
          };
        }),
      };
    },
  ),
];
