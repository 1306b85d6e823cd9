// The OpenAPI 3.1 document of the REST API, built from the same zod schemas the router validates with, so that the
// description and the code cannot drift apart (a test also checks that every route is described).
import {
  coverageQuerySchema,
  coverageResponseSchema,
  credentialSummarySchema,
  entityKpisQuerySchema,
  entityKpisResponseSchema,
  ingestItemErrorSchema,
  ingestRequestSchema,
  ingestResponseSchema,
  kpiDefinitionsResponseSchema,
  kpiSeriesResponseSchema,
  overviewQuerySchema,
  overviewResponseSchema,
  seriesQuerySchema,
  sourceDefinitionSchema,
  sourceDryRunRequestSchema,
  sourceDryRunResponseSchema,
  sourceRunSchema,
  sourceRunsQuerySchema,
  sourceSummarySchema,
  sourceTypeSummarySchema,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { z } from 'zod';

type Schema = z.ZodType;

/** One operation of the API. */
export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Express-style path, e.g. `/sources/:id`. */
  path: string;
  summary: string;
  query?: z.ZodObject<any> | z.ZodType;
  body?: Schema;
  /** The success status and its JSON body (undefined for no body). */
  success: { status: number; body?: Schema; csv?: boolean };
  /** Other statuses the operation answers with. */
  errors: number[];
  /** Needs the permission customer-kpis.source.manage. */
  admin?: boolean;
}

const list = (item: Schema) => z.object({ items: z.array(item) });

/** Every route of the router. */
export const API_OPERATIONS: ApiOperation[] = [
  {
    method: 'get',
    path: '/health',
    summary: 'Liveness; no credentials needed',
    success: { status: 200, body: z.object({ status: z.literal('ok') }) },
    errors: [],
  },
  {
    method: 'get',
    path: '/kpis',
    summary: 'The KPI definitions with the thresholds and weights in force',
    success: { status: 200, body: kpiDefinitionsResponseSchema },
    errors: [401],
  },
  {
    method: 'post',
    path: '/observations',
    summary:
      'Ingest a batch of observations (all or nothing); needs customer-kpis.observation.create or a service token',
    body: ingestRequestSchema,
    success: { status: 200, body: ingestResponseSchema },
    errors: [400, 401, 403, 413],
  },
  {
    method: 'get',
    path: '/entities/:kind/:namespace/:name/kpis',
    summary:
      'The seven KPIs of an entity over a window, with the previous window, status and sparkline',
    query: entityKpisQuerySchema,
    success: { status: 200, body: entityKpisResponseSchema },
    errors: [400, 401, 404],
  },
  {
    method: 'get',
    path: '/entities/:kind/:namespace/:name/kpis/:kpi/series',
    summary: 'A KPI of an entity per day, ISO week or month',
    query: seriesQuerySchema,
    success: { status: 200, body: kpiSeriesResponseSchema },
    errors: [400, 401, 404],
  },
  {
    method: 'get',
    path: '/overview',
    summary:
      'Components, or systems, domains or owners rolled up, with the seven KPIs and the index; CSV with Accept: text/csv',
    query: overviewQuerySchema,
    success: { status: 200, body: overviewResponseSchema, csv: true },
    errors: [400, 401],
  },
  {
    method: 'get',
    path: '/coverage',
    summary: 'Entities × KPIs: data, stale or missing and why',
    query: coverageQuerySchema,
    success: { status: 200, body: coverageResponseSchema },
    errors: [400, 401, 403],
    admin: true,
  },
  {
    method: 'get',
    path: '/credentials',
    summary:
      'The configured credentials: names and allowed URLs (never the secrets)',
    success: { status: 200, body: list(credentialSummarySchema) },
    errors: [401, 403],
    admin: true,
  },
  {
    method: 'get',
    path: '/sources/types',
    summary: 'Installed source types with the JSON Schema of their config',
    success: { status: 200, body: list(sourceTypeSummarySchema) },
    errors: [401, 403],
    admin: true,
  },
  {
    method: 'get',
    path: '/sources',
    summary: 'Every data source with its last run and next due time',
    success: { status: 200, body: list(sourceSummarySchema) },
    errors: [401, 403],
    admin: true,
  },
  {
    method: 'post',
    path: '/sources/test',
    summary: 'Dry run of an unsaved definition: the first page, nothing stored',
    body: sourceDryRunRequestSchema,
    success: { status: 200, body: sourceDryRunResponseSchema },
    errors: [400, 401, 403],
    admin: true,
  },
  {
    method: 'post',
    path: '/sources',
    summary: 'Register a source',
    body: sourceDefinitionSchema,
    success: { status: 201, body: sourceSummarySchema },
    errors: [400, 401, 403, 409],
    admin: true,
  },
  {
    method: 'get',
    path: '/sources/:id',
    summary: 'One source',
    success: { status: 200, body: sourceSummarySchema },
    errors: [401, 403, 404],
    admin: true,
  },
  {
    method: 'put',
    path: '/sources/:id',
    summary: 'Replace a registered source (not one from app-config)',
    body: sourceDefinitionSchema,
    success: { status: 200, body: sourceSummarySchema },
    errors: [400, 401, 403, 404, 409],
    admin: true,
  },
  {
    method: 'delete',
    path: '/sources/:id',
    summary: 'Delete a registered source; its data stays',
    success: { status: 204 },
    errors: [401, 403, 404, 409],
    admin: true,
  },
  {
    method: 'post',
    path: '/sources/:id/run',
    summary: 'Run a source now (asynchronously)',
    success: {
      status: 202,
      body: z.object({ status: z.literal('triggered') }),
    },
    errors: [401, 403, 404, 409],
    admin: true,
  },
  {
    method: 'post',
    path: '/sources/:id/test',
    summary: 'Dry run of a saved source: the first page, nothing stored',
    success: { status: 200, body: sourceDryRunResponseSchema },
    errors: [400, 401, 403, 404],
    admin: true,
  },
  {
    method: 'get',
    path: '/sources/:id/runs',
    summary: 'The runs of a source, newest first',
    query: sourceRunsQuerySchema,
    success: { status: 200, body: list(sourceRunSchema) },
    errors: [400, 401, 403, 404],
    admin: true,
  },
  {
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    success: { status: 200 },
    errors: [],
  },
];

const errorBody = z.object({
  error: z.object({ name: z.string(), message: z.string() }),
  items: z.array(ingestItemErrorSchema).optional(),
});

const jsonSchema = (schema: Schema) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

function parameters(op: ApiOperation) {
  const pathParams = [...op.path.matchAll(/:(\w+)/g)].map(m => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = op.query
    ? (jsonSchema(op.query) as {
        properties?: Record<string, unknown>;
        required?: string[];
      })
    : undefined;
  const queryParams = Object.entries(query?.properties ?? {}).map(
    ([name, schema]) => ({
      name,
      in: 'query',
      required: query?.required?.includes(name) ?? false,
      schema,
    }),
  );
  return [...pathParams, ...queryParams];
}

/** The OpenAPI document. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_OPERATIONS) {
    const path = op.path.replace(/:(\w+)/g, '{$1}');
    const content: Record<string, unknown> = {};
    if (op.success.body)
      content['application/json'] = { schema: jsonSchema(op.success.body) };
    if (op.success.csv) content['text/csv'] = { schema: { type: 'string' } };
    paths[path] = {
      ...paths[path],
      [op.method]: {
        summary: op.summary,
        ...(op.admin
          ? { description: 'Needs the permission customer-kpis.source.manage.' }
          : {}),
        parameters: parameters(op),
        ...(op.body
          ? {
              requestBody: {
                required: true,
                content: {
                  'application/json': { schema: jsonSchema(op.body) },
                },
              },
            }
          : {}),
        responses: {
          [op.success.status]: {
            description: 'Success',
            ...(Object.keys(content).length ? { content } : {}),
          },
          ...Object.fromEntries(
            // A route that takes a body refuses other content types than JSON.
            [...op.errors, ...(op.body ? [415] : [])].sort().map(status => [
              status,
              {
                description: `Error ${status}`,
                content: {
                  'application/json': { schema: jsonSchema(errorBody) },
                },
              },
            ]),
          ),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'customer-kpis',
      version: '1',
      description:
        'Customer KPIs for Backstage: ingest observations, read KPIs per entity and across the catalog, manage data sources.',
    },
    servers: [{ url: '/api/customer-kpis' }],
    paths,
  };
}
