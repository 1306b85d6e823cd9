// `GET /coverage`: entities × KPIs of one kind, whether each has data, is stale or is missing, and why.
import {
  coverageQuerySchema,
  coverageResponseSchema,
  customerKpisSourceManagePermission,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { MIRRORED_KINDS, toEntityRecords } from '../../catalog/entityRecords';
import { buildCoverage } from '../coverage';
import { visibleEntityRefs } from '../visibility';
import { defineRoute } from './defineRoute';
import { bindingAnnotationsOf } from '@customer-kpis/backstage-plugin-customer-kpis-node';

export const coverageRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/coverage',
      summary: 'Entities × KPIs: data, stale or missing and why',
      access: { permission: customerKpisSourceManagePermission },
      query: coverageQuerySchema,
      response: coverageResponseSchema,
    },
    async ({ query: { kind }, credentials, deps }) => {
      // The catalog as it is now, not the mirror the overview uses: a platform engineer checks coverage right
      // after registering entities or sources, before the next mirror sync (which may have run while the catalog
      // was still processing its locations).
      const [{ items }, refs, presence, summaries] = await Promise.all([
        deps.catalog.getEntities(
          {
            filter: { kind: kind.toLocaleLowerCase('en-US') },
            fields: ['kind', 'metadata', 'spec'],
          },
          { credentials },
        ),
        // Data is "outside the catalog" only if the catalog has no such entity at all, whoever may read it.
        deps.auth
          .getOwnServiceCredentials()
          .then(own => visibleEntityRefs(deps.catalog, own, MIRRORED_KINDS)),
        deps.store.listDataPresence(),
        deps.sources.registry.summaries(),
      ]);
      const entities = toEntityRecords(items, deps.bindingAnnotations()).sort(
        (a, b) => (a.entityRef < b.entityRef ? -1 : 1),
      );
      const sourceTypes = [...deps.sources.sourceTypes.values()];
      return buildCoverage(
        entities,
        refs,
        presence,
        {
          types: sourceTypes.map(t => ({
            id: t.id,
            kpis: t.kpis,
            annotations: bindingAnnotationsOf(t),
          })),
          sources: summaries.map(s => ({
            id: s.id,
            type: s.type,
            lastRunFailed: s.lastRun?.status === 'failed',
          })),
        },
        deps.now(),
      );
    },
  ),
];
