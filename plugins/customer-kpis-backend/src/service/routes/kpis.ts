// `GET /kpis`: the KPI definitions with the thresholds and weights in force from config.
import {
  KPI_IDS,
  equalWeights,
  kpiDefinitions,
  kpiDefinitionsResponseSchema,
  resolveThresholds,
  resolveWeights,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { z } from 'zod';
import { defineRoute } from './defineRoute';

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
            weight: weights[id],
          };
        }),
      };
    },
  ),
];
