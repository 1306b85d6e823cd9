// One route of the HTTP API as data: method, path, schemas, access, statuses and a handler typed by those schemas.
// The express router (../router.ts) and the OpenAPI document (../openapi.ts) are both built from these definitions.
import {
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { BasicPermission } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CredentialDefinition,
  CustomerKpisSourceType,
  SecretRedactor,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import express from 'express';
import { z } from 'zod';
import { CustomerKpisSettings } from '../../config';
import { EntityStore } from '../../database/EntityStore';
import { GroupSummaryStore } from '../../database/GroupSummaryStore';
import { KpiStore } from '../../database/KpiStore';
import { OverviewStore } from '../../database/OverviewStore';
import { SourceRegistry } from '../../sources/SourceRegistry';
import { SourceRunner } from '../../sources/SourceRunner';
import { SourceStore } from '../../sources/SourceStore';

/** What the data-source admin routes need. */
export interface SourceRouteDeps {
  registry: SourceRegistry;
  runner: SourceRunner;
  store: SourceStore;
  sourceTypes: ReadonlyMap<string, CustomerKpisSourceType>;
  /** `customerKpis.credentials`: only names and allowed URLs are ever answered. */
  credentials: Readonly<Record<string, CredentialDefinition>>;
  /** Every JSON answer of a route marked `redact`, errors included, passes through it. */
  redactor: SecretRedactor;
}

/** What the router needs: every service and store a route reads, in one object. */
export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  store: KpiStore;
  entities: EntityStore;
  /** The group rollups the grouped overview reads. */
  groups: GroupSummaryStore;
  /** The overview's page of components (the catalog mirror joined with the stored summaries). */
  overviews: OverviewStore;
  settings: CustomerKpisSettings;
  /** Annotations that bind an entity to a data source (from the registered source types). */
  bindingAnnotations: () => readonly string[];
  sources: SourceRouteDeps;
  now?: () => Date;
  /** Routes served and documented beside the table's own (tests add one this way). */
  extraRoutes?: readonly Route[];
}

/** The router's options as handlers see them: with a clock. */
export type RouteDeps = Omit<RouterOptions, 'now' | 'extraRoutes'> & {
  now: () => Date;
};

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

export type SuccessStatus = 200 | 201 | 202 | 204;

/**
 * Who may call a route: anyone (the plugin opens the path with an auth policy), any user or service, or a caller
 * with a permission (`servicesExempt`: service principals, such as a pipeline's static token, skip the check).
 */
export type RouteAccess =
  | 'public'
  | 'authenticated'
  | { permission: BasicPermission; servicesExempt?: boolean };

/**
 * The body of an error answer: Backstage's error handler's, or this plugin's 5xx handler's. Loose, because
 * Backstage serialises the error's own fields beside its name and message.
 */
export const errorResponseSchema = z.looseObject({
  error: z.looseObject({ name: z.string(), message: z.string() }),
  request: z.object({ method: z.string(), url: z.string() }).optional(),
  response: z.object({ statusCode: z.number().int() }),
});

/** The declarative part of a route: everything but the handler. */
export interface RouteSpec {
  method: HttpMethod;
  /** Express-style, e.g. `/sources/:id`; every `:param` must be a key of `params`. */
  path: string;
  summary: string;
  access: RouteAccess;
  /** Path parameters, parsed before anything else (a 400 "Invalid path: …"). */
  params?: z.ZodType;
  /** The query, parsed after the access check (a 400 "Invalid query: …"); without it the query is not read. */
  query?: z.ZodType;
  /** What a default applied by the handler (not by the schema) is, per query parameter, for the document. */
  queryNotes?: Readonly<Record<string, string>>;
  /** The JSON body, parsed after the query (a 400 "Invalid request body: …"). */
  body?: z.ZodType;
  /**
   * A body read as bytes instead of JSON (a CSV file, a signed webhook's exact bytes): the route is served before
   * the JSON parser, with a parser of its own that refuses another media type (415) and a body over `limit` (413,
   * e.g. `'50mb'`); the handler reads `req.body` as a Buffer (empty when nothing was sent). `mediaType` is one type
   * or several, each as `req.is` reads it (`application/*+json`: any JSON vendor type); the document lists each.
   */
  rawBody?: {
    mediaType: string | readonly string[];
    limit: string;
    description: string;
  };
  /** The success status; 200 unless given. */
  status?: SuccessStatus;
  /** The success answer's JSON; without it the answer has no body. */
  response?: z.ZodType;
  /** Other media types of the success answer, chosen by the caller's `Accept` (JSON stays the default). */
  formats?: readonly string[];
  /** Statuses the route answers besides those every route of its kind can (see `errorStatuses`). */
  errors?: readonly number[];
  /** Error answers with their own body (the default is {@link errorResponseSchema}). */
  errorBodies?: Readonly<Record<number, z.ZodType>>;
  /** Every JSON answer under this path passes through the secret redactor. */
  redact?: boolean;
  /** A check of the raw request after the access check and before the input is parsed (the batch size: 413). */
  beforeInput?: (req: express.Request) => void;
}

/** A non-JSON success answer, in one of the route's `formats`. */
export class TextAnswer {
  constructor(
    readonly contentType: string,
    readonly text: string,
    /** Sent as an attachment of this name. */
    readonly filename?: string,
  ) {}
}

/** An error answer with a body of the route's `errorBodies` (a thrown error gets the standard body). */
export class ErrorAnswer<Status extends number, Body> {
  constructor(readonly status: Status, readonly body: Body) {}
}

type Parsed<S, K extends 'params' | 'query' | 'body'> = S extends {
  [P in K]: infer T extends z.ZodType;
}
  ? z.output<T>
  : undefined;

/** What a handler returns for a success: the response schema's output, which the builder sends as JSON. */
export type SuccessBody<S> = S extends { response: infer R extends z.ZodType }
  ? z.output<R>
  : void;

type ErrorAnswers<S> = S extends { errorBodies: infer X }
  ? {
      [K in keyof X]: X[K] extends z.ZodType
        ? ErrorAnswer<K & number, z.input<X[K]>>
        : never;
    }[keyof X]
  : never;

type Format<S> = S extends { formats: readonly (infer F extends string)[] }
  ? F
  : never;

/** What a handler gets: the parsed input, the caller, the negotiated media type and the router's options. */
export interface RouteContext<S> {
  params: Parsed<S, 'params'>;
  query: Parsed<S, 'query'>;
  body: Parsed<S, 'body'>;
  credentials: S extends { access: 'public' }
    ? undefined
    : BackstageCredentials;
  /** The media type of the answer: JSON, or one of the route's `formats` when the caller prefers it. */
  format: 'application/json' | Format<S>;
  req: express.Request;
  deps: RouteDeps;
  /** Every route the router serves (the OpenAPI route describes them). */
  routes: readonly Route[];
}

export type RouteHandler<S> = (
  ctx: RouteContext<S>,
) => Promise<
  | SuccessBody<S>
  | ErrorAnswers<S>
  | ([Format<S>] extends [never] ? never : TextAnswer)
>;

/** The context as the builder makes it, for any route. */
export interface AnyRouteContext {
  params: unknown;
  query: unknown;
  body: unknown;
  credentials: BackstageCredentials | undefined;
  format: string;
  req: express.Request;
  deps: RouteDeps;
  routes: readonly Route[];
}

/** A route as the table holds it. */
export interface Route extends RouteSpec {
  // A method, so that every typed handler fits this untyped view (method parameters are bivariant).
  handler(ctx: AnyRouteContext): Promise<unknown>;
}

/**
 * A route of the table, its handler typed by its schemas: the parsed params, query and body come in, and what it
 * returns must be the response schema's output (or a declared error answer, or text in a declared format).
 */
export function defineRoute<const S extends RouteSpec>(
  spec: S,
  handler: RouteHandler<S>,
): Route {
  return { ...spec, handler };
}

/** Every status a route can answer with besides its success: the ones its kind implies and its own `errors`. */
export function errorStatuses(route: RouteSpec): number[] {
  const statuses = new Set<number>([
    // Every route refuses a query value with NUL or lone surrogates (wellFormedQuery), and bad input.
    400,
    ...(route.access === 'public' ? [] : [401]),
    ...(typeof route.access === 'object' ? [403] : []),
    // A body is read on every POST and PUT: too large is a 413, not JSON a 415.
    ...(route.method === 'post' || route.method === 'put' ? [413, 415] : []),
    ...(route.errors ?? []),
  ]);
  return [...statuses].sort((a, b) => a - b);
}
