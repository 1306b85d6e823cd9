// The data-source admin routes: source types, registration, runs and dry runs; every one needs
// customer-kpis.source.manage, and every JSON answer passes through the secret redactor.
import { InputError, NotFoundError } from '@backstage/errors';
import {
  customerKpisSourceManagePermission,
  sourceDefinitionSchema,
  sourceDryRunRequestSchema,
  sourceDryRunResponseSchema,
  sourcePathSchema,
  sourceRunSchema,
  sourceRunsQuerySchema,
  sourceSummarySchema,
  sourceTypeSummarySchema,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { describeConfigSchema } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { z } from 'zod';
import { SourceRunError, SourceRunner } from '../../sources/SourceRunner';
import { RouteDeps, defineRoute } from './defineRoute';

/** What every admin route shares: the permission, and redaction of its answers. */
export const adminRoute = {
  access: { permission: customerKpisSourceManagePermission },
  redact: true,
} as const;

const list = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item) });

/** `PUT /sources/{id}` body: a definition whose id is the path's (an `id` in the body is ignored). */
const sourceUpdateSchema = sourceDefinitionSchema.omit({ id: true }).extend({
  id: z.unknown().optional().meta({ description: "Ignored: the path's id" }),
});

/**
 * A dry run; a definition the runner cannot prepare (bad config, unknown type, unknown credential, or a credential
 * not allowed for the source's URL) is a 400 naming the fields.
 */
async function dryRun(
  runner: SourceRunner,
  definition: Parameters<SourceRunner['dryRun']>[0],
) {
  try {
    return await runner.dryRun(definition);
  } catch (error) {
    if (error instanceof SourceRunError)
      throw new InputError(`Invalid source: ${error.message}`);
    throw error;
  }
}

/**
 * Refuses a definition sent through the API whose type takes its config from app-config only
 * (`configOnly`, e.g. `sql`: its queries run on a warehouse with the portal's credential).
 */
function refuseConfigOnly(deps: RouteDeps, type: string) {
  if (deps.sources.sourceTypes.get(type)?.configOnly) {
    throw new InputError(
      `Sources of type '${type}' are defined in app-config only (customerKpis.sources); the API does not create, change or dry-run them`,
    );
  }
}

/** The summary of a source that exists. */
async function summaryOf(deps: RouteDeps, id: string) {
  const summary = (await deps.sources.registry.summaries()).find(
    s => s.id === id,
  );
  if (!summary) throw new NotFoundError(`No data source '${id}'`);
  return summary;
}

export const sourceRoutes = [
  defineRoute(
    {
      ...adminRoute,
      method: 'get',
      path: '/sources/types',
      summary: 'Installed source types with the JSON Schema of their config',
      response: list(sourceTypeSummarySchema),
    },
    async ({ deps }) => ({
      items: [...deps.sources.sourceTypes.values()].map(type => ({
        id: type.id,
        title: type.title,
        description: type.description,
        kpis: [...type.kpis],
        annotation: type.annotation,
        configSchema: describeConfigSchema(type.configSchema),
        configOnly: type.configOnly === true,
      })),
    }),
  ),

  defineRoute(
    {
      ...adminRoute,
      method: 'get',
      path: '/sources',
      summary: 'Every data source with its last run and next due time',
      response: list(sourceSummarySchema),
    },
    async ({ deps }) => ({ items: await deps.sources.registry.summaries() }),
  ),

  defineRoute(
    {
      ...adminRoute,
      method: 'post',
      path: '/sources/test',
      summary:
        'Dry run of an unsaved definition: the first page, nothing stored',
      body: sourceDryRunRequestSchema,
      response: sourceDryRunResponseSchema,
    },
    async ({ body, deps }) => {
      refuseConfigOnly(deps, body.type);
      return dryRun(deps.sources.runner, body);
    },
  ),

  defineRoute(
    {
      ...adminRoute,
      method: 'post',
      path: '/sources',
      summary: 'Register a source',
      body: sourceDefinitionSchema,
      status: 201,
      response: sourceSummarySchema,
      errors: [409],
    },
    async ({ body, deps }) => {
      refuseConfigOnly(deps, body.type);
      const saved = await deps.sources.registry.save(body, 'create');
      return summaryOf(deps, saved.id);
    },
  ),

  defineRoute(
    {
      ...adminRoute,
      method: 'get',
      path: '/sources/:id',
      summary: 'One source',
      params: sourcePathSchema,
      response: sourceSummarySchema,
      errors: [404],
    },
    async ({ params, deps }) => {
      await deps.sources.registry.require(params.id);
      return summaryOf(deps, params.id);
    },
  ),

  defineRoute(
    {
      ...adminRoute,
      method: 'put',
      path: '/sources/:id',
      summary: 'Replace a registered source (not one from app-config)',
      params: sourcePathSchema,
      body: sourceUpdateSchema,
      response: sourceSummarySchema,
      errors: [404, 409],
    },
    async ({ params, body, deps }) => {
      refuseConfigOnly(deps, body.type);
      await deps.sources.registry.save({ ...body, id: params.id }, 'update');
      return summaryOf(deps, params.id);
    },
  ),

  defineRoute(
    {
      ...adminRoute,
      method: 'delete',
      path: '/sources/:id',
      summary: 'Delete a registered source; its data stays',
      params: sourcePathSchema,
      status: 204,
      errors: [404, 409],
    },
    async ({ params, deps }) => {
      await deps.sources.registry.delete(params.id);
    },
  ),

  defineRoute(
    {
      ...adminRoute,
      method: 'post',
      path: '/sources/:id/run',
      summary: 'Run a source now (asynchronously)',
      params: sourcePathSchema,
      status: 202,
      response: z.object({ status: z.literal('triggered') }),
      errors: [404, 409],
    },
    async ({ params, deps }) => {
      await deps.sources.registry.trigger(params.id);
      return { status: 'triggered' as const };
    },
  ),

  defineRoute(
    {
      ...adminRoute,
      method: 'post',
      path: '/sources/:id/test',
      summary: 'Dry run of a saved source: the first page, nothing stored',
      params: sourcePathSchema,
      response: sourceDryRunResponseSchema,
      errors: [404],
    },
    async ({ params, deps }) =>
      dryRun(
        deps.sources.runner,
        await deps.sources.registry.require(params.id),
      ),
  ),

  defineRoute(
    {
      ...adminRoute,
      method: 'get',
      path: '/sources/:id/runs',
      summary:
        'The runs of a source, newest first (also of a source that only CSV imports wrote to)',
      params: sourcePathSchema,
      query: sourceRunsQuerySchema,
      response: list(sourceRunSchema),
      errors: [404],
    },
    async ({ params, query, deps }) => {
      const items = await deps.sources.store.listRuns(params.id, query.limit);
      // A source that only CSV imports write to is not registered, yet its imports are runs to list.
      if (items.length === 0) await deps.sources.registry.require(params.id);
      return { items };
    },
  ),
];
