// The entity routes: the seven KPIs of one catalog entity over a window, and one KPI of it as a series; a system
// or domain pools the components under it that the caller may read into both.
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  KPI_IDS,
  addDaysToDay,
  entityKpisQuerySchema,
  entityKpisResponseSchema,
  entityPathSchema,
  isKpiId,
  kpiSeriesResponseSchema,
  seriesQuerySchema,
  utcDay,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { z } from 'zod';
import {
  buildEntityKpis,
  buildKpiSeries,
  readableMembers,
} from '../entityKpis';
import { RouteDeps, defineRoute } from './defineRoute';

/** `{kind}/{namespace}/{name}/kpis/{kpi}`: the entity ref, and the KPI as written (an unknown one is a 404). */
const seriesPathSchema = z
  .object({
    ...entityPathSchema.in.shape,
    kpi: z.string().meta({
      description: `One of ${KPI_IDS.join(', ')}; another answers 404`,
    }),
  })
  .transform(({ kpi, ...entity }) => ({
    entityRef: entityPathSchema.parse(entity),
    kpi,
  }));

/** The catalog entity behind the route, read with the caller's credentials: 404 when unknown or not visible. */
async function visibleEntity(
  deps: RouteDeps,
  credentials: BackstageCredentials,
  entityRef: string,
) {
  const entity = await deps.catalog.getEntityByRef(entityRef, { credentials });
  if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
  return entity;
}

export const entityRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/entities/:kind/:namespace/:name/kpis',
      summary:
        'The seven KPIs of an entity over a window, with the previous window, status and sparkline',
      access: 'authenticated',
      params: entityPathSchema,
      query: entityKpisQuerySchema,
      response: entityKpisResponseSchema,
      errors: [404],
    },
    async ({ params: entityRef, query, credentials, deps }) => {
      const entity = await visibleEntity(deps, credentials, entityRef);
      const annotations = entity.metadata.annotations ?? {};
      const bindings = deps.bindingAnnotations();
      // A system or domain is a product (line): its KPIs pool its readable components' data with its own.
      const [record, members] = await Promise.all([
        deps.entities.get(entityRef),
        readableMembers(deps, credentials, entityRef, entity.kind),
      ]);
      return buildEntityKpis(
        deps.store,
        deps.settings,
        {
          entityRef,
          annotations,
          system: record?.system ?? undefined,
          domain: record?.domain ?? undefined,
          bound: Object.keys(annotations).some(key => bindings.includes(key)),
          members,
        },
        query.window,
        deps.now(),
      );
    },
  ),

  defineRoute(
    {
      method: 'get',
      path: '/entities/:kind/:namespace/:name/kpis/:kpi/series',
      summary:
        'A KPI of an entity per day, ISO week or month; a system or domain pools the components the caller may read',
      access: 'authenticated',
      params: seriesPathSchema,
      query: seriesQuerySchema,
      queryNotes: {
        from: 'Defaults to 89 days before `to`; the range covers at most 731 days.',
        to: 'Defaults to today (UTC).',
      },
      response: kpiSeriesResponseSchema,
      errors: [404],
    },
    async ({ params, query, credentials, deps }) => {
      const { entityRef, kpi } = params;
      if (!isKpiId(kpi))
        throw new NotFoundError(
          `No KPI ${JSON.stringify(
            kpi.slice(0, 40),
          )}; the KPIs are ${KPI_IDS.join(', ')}`,
        );
      const entity = await visibleEntity(deps, credentials, entityRef);
      const to = query.to ?? utcDay(deps.now());
      const from = query.from ?? addDaysToDay(to, -89);
      if (addDaysToDay(from, 731) <= to) {
        throw new InputError(
          'Invalid query: from: the range covers at most 731 days',
        );
      }
      // The series pools the same members as the entity's KPIs, so that its points add up to the headline, and
      // is judged against the same thresholds (its system's and domain's entries from the mirror).
      const [record, members] = await Promise.all([
        deps.entities.get(entityRef),
        readableMembers(deps, credentials, entityRef, entity.kind),
      ]);
      return buildKpiSeries(
        deps.store,
        deps.settings,
        {
          entityRef,
          annotations: entity.metadata.annotations ?? {},
          system: record?.system ?? undefined,
          domain: record?.domain ?? undefined,
          members,
        },
        kpi,
        { from, to, granularity: query.granularity },
        deps.now(),
      );
    },
  ),
];
