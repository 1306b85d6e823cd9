// The OpenAPI 3.1 document of the REST API, derived from the route table: the same zod schemas the router parses
// input with and the handlers' answers are typed by, converted to JSON Schema 2020-12 (OpenAPI 3.1's dialect).
import { z } from 'zod';
import {
  Route,
  RouteSpec,
  errorResponseSchema,
  errorStatuses,
} from './routes/defineRoute';

/** A JSON Schema object (the parts this module reads are typed). */
export type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  [keyword: string]: unknown;
};

/**
 * A zod schema as JSON Schema: what a caller sends is described as the schema reads it (`io: 'input'`: defaults
 * shown, fields with defaults optional), what the API answers as the handler produced it (`output`: every field the
 * handler must set is required, unknown fields are refused).
 */
export function jsonSchemaOf(
  schema: z.ZodType,
  io: 'input' | 'output',
): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    // A check zod cannot express in JSON Schema (a refine, a transform) is left out rather than failing.
    unrepresentable: 'any',
  }) as JsonSchema;
  return json;
}

/** The names of the `:params` of an express path. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map(m => m[1]);
}

function parameters(route: RouteSpec, where: 'path' | 'query') {
  const schema = where === 'path' ? route.params : route.query;
  if (!schema) return [];
  const json = jsonSchemaOf(schema, 'input');
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    const note = where === 'query' ? route.queryNotes?.[name] : undefined;
    const text = [description, note].filter(Boolean).join(' ');
    return {
      name,
      in: where,
      // A path parameter is always required in OpenAPI.
      required: where === 'path' || (json.required?.includes(name) ?? false),
      ...(text ? { description: text } : {}),
      schema: rest,
    };
  });
}

function accessText(route: RouteSpec): string | undefined {
  if (route.access === 'public') return 'No credentials needed.';
  if (route.access === 'authenticated') return undefined;
  const { permission, servicesExempt } = route.access;
  return servicesExempt
    ? `Needs the permission ${permission.name} (users; service tokens need none).`
    : `Needs the permission ${permission.name}.`;
}

function successResponse(route: RouteSpec) {
  const content: Record<string, unknown> = {};
  if (route.response)
    content['application/json'] = {
      schema: jsonSchemaOf(route.response, 'output'),
    };
  for (const format of route.formats ?? [])
    content[format] = { schema: { type: 'string' } };
  return {
    description: 'Success',
    ...(Object.keys(content).length > 0 ? { content } : {}),
  };
}

function errorResponse(route: RouteSpec, status: number | '5XX') {
  const body =
    (typeof status === 'number' ? route.errorBodies?.[status] : undefined) ??
    errorResponseSchema;
  return {
    description:
      status === '5XX'
        ? 'Server error: the answer names a log id and nothing else'
        : `Error ${status}`,
    content: {
      'application/json': { schema: jsonSchemaOf(body, 'output') },
    },
  };
}

/** The operation object of one route. */
function operation(route: RouteSpec) {
  const description = accessText(route);
  return {
    summary: route.summary,
    ...(description ? { description } : {}),
    ...(route.access === 'public' ? { security: [] } : {}),
    parameters: [...parameters(route, 'path'), ...parameters(route, 'query')],
    ...(route.rawBody
      ? {
          requestBody: {
            required: true,
            description: `${route.rawBody.description} (at most ${route.rawBody.limit})`,
            content: Object.fromEntries(
              [route.rawBody.mediaType]
                .flat()
                .map(type => [type, { schema: { type: 'string' } }]),
            ),
          },
        }
      : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: jsonSchemaOf(route.body, 'input'),
              },
            },
          },
        }
      : {}),
    responses: {
      [route.status ?? 200]: successResponse(route),
      ...Object.fromEntries(
        errorStatuses(route).map(status => [
          status,
          errorResponse(route, status),
        ]),
      ),
      '5XX': errorResponse(route, '5XX'),
    },
  };
}

/** The OpenAPI document of `routes`. */
export function openApiDocument(
  routes: readonly Route[],
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [route.method]: operation(route) };
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
