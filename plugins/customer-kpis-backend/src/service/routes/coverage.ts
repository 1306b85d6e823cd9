// `GET /coverage`: entities × KPIs of one kind, whether each has data, is stale or is missing, and why; a system or
// domain with the components it pools.
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

/** The kinds whose rows pool members, and the kinds read besides to find them. */
const POOLED_KINDS: Record<string, string[]> = {
  system: ['component'],
  domain: ['system', 'component'],
};

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
    async ({ query, credentials, deps }) => {
      const kind = query.kind.toLocaleLowerCase('en-US');
      // A system pools its components, a domain those of its systems (a component's domain is its system's).
      const pooling = POOLED_KINDS[kind] ?? [];
      // The catalog as it is now, not the mirror the overview uses: a platform engineer checks coverage right
      // after registering entities or sources, before the next mirror sync (which may have run while the catalog
      // was still processing its locations).
      const [{ items }, refs, presence, summaries] = await Promise.all([
        deps.catalog.getEntities(
          {
            filter: { kind: [kind, ...pooling] },
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
      const records = toEntityRecords(items, deps.bindingAnnotations());
      const entities = records
        .filter(r => r.kind === kind)
        .sort((a, b) => (a.entityRef < b.entityRef ? -1 : 1));
      const members = new Map(
        pooling.length === 0
          ? []
          : entities.map(entity => [
              entity.entityRef,
              records.filter(
                r =>
                  r.kind === 'component' &&
                  r[kind as 'system' | 'domain'] === entity.entityRef,
              ),
            ]),
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
        members,
      );
    },
  ),
];
