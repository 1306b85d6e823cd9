// Builds the express router of the HTTP API from the route table (routes/index.ts): the edge checks every route
// shares, then per route the access check, the parsing of its input with its schemas, its handler and its answer.
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { sourcePathSchema } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { SecretRedactor } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import express from 'express';
import Router from 'express-promise-router';
import { serverErrorHandler } from './errorHandler';
import { jsonSchemaOf, pathParamNames } from './openapi';
import { jsonBody, parseInput, rawBody, wellFormedQuery } from './parseInput';
import {
  ErrorAnswer,
  Route,
  RouteDeps,
  RouterOptions,
  TextAnswer,
} from './routes/defineRoute';
import { ROUTES } from './routes';

export type { RouterOptions } from './routes/defineRoute';

/** The static start of a path, up to its first parameter: `/sources/:id/runs` → `/sources`. */
function staticPrefix(path: string): string {
  const at = path.indexOf('/:');
  return at === -1 ? path : path.slice(0, at);
}

/** The fewest path prefixes that cover the paths of `routes` (`/sources` covers `/sources/types`). */
function coveringPrefixes(routes: readonly Route[]): string[] {
  const prefixes = [...new Set(routes.map(r => staticPrefix(r.path)))];
  return prefixes.filter(
    p => !prefixes.some(other => other !== p && p.startsWith(`${other}/`)),
  );
}

/**
 * The routes in the order express must try them: at the first segment where two paths differ, a fixed segment
 * before a parameter (`/sources/types` before `/sources/:id`), so that a route can be added anywhere in the table.
 */
function byPrecedence(routes: readonly Route[]): Route[] {
  const rank = (route: Route) =>
    route.path.split('/').map(s => (s.startsWith(':') ? 1 : 0));
  return [...routes].sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
      if (ra[i] !== rb[i]) return ra[i] - rb[i];
    }
    return 0;
  });
}

/** Refuses a table the router could not serve as documented: a route twice, or path params without a schema. */
function checkTable(routes: readonly Route[]): void {
  const seen = new Set<string>();
  for (const route of routes) {
    const key = `${route.method.toUpperCase()} ${route.path}`;
    if (seen.has(key)) throw new Error(`The route ${key} is defined twice`);
    seen.add(key);
    const inPath = pathParamNames(route.path).sort();
    const inSchema = route.params
      ? Object.keys(jsonSchemaOf(route.params, 'input').properties ?? {}).sort()
      : [];
    if (inPath.join() !== inSchema.join()) {
      throw new Error(
        `The route ${key} has the path parameters [${inPath}] but its params schema reads [${inSchema}]`,
      );
    }
  }
}

/** Passes every JSON answer (errors included, whoever writes them later) through the redactor. */
function redactAnswers(redactor: SecretRedactor): express.RequestHandler {
  return (_req, res, next) => {
    const json = res.json.bind(res);
    res.json = body => json(redactor.redactValue(body));
    next();
  };
}

/** The caller of a route that needs one, after the route's permission check. */
async function callerOf(
  route: Route,
  req: express.Request,
  deps: RouteDeps,
): Promise<BackstageCredentials | undefined> {
  if (route.access === 'public') return undefined;
  const credentials = await deps.httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  if (typeof route.access !== 'object') return credentials;
  const { permission, servicesExempt } = route.access;
  if (servicesExempt && credentials.principal.type === 'service')
    return credentials;
  const [decision] = await deps.permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(`Missing permission ${permission.name}`);
  }
  return credentials;
}

/** The express handler of one route. */
function serve(
  route: Route,
  deps: RouteDeps,
  routes: readonly Route[],
): express.RequestHandler {
  return async (req, res) => {
    const params = route.params
      ? parseInput(route.params, { ...req.params }, 'path')
      : undefined;
    const credentials = await callerOf(route, req, deps);
    route.beforeInput?.(req);
    const query = route.query
      ? parseInput(route.query, req.query, 'query')
      : undefined;
    const body = route.body
      ? parseInput(route.body, req.body, 'request body')
      : undefined;
    const format = route.formats
      ? req.accepts(['application/json', ...route.formats]) ||
        'application/json'
      : 'application/json';
    const result = await route.handler({
      params,
      query,
      body,
      credentials,
      format,
      req,
      deps,
      routes,
    });
    if (result instanceof TextAnswer) {
      res.type(result.contentType);
      if (result.filename) res.attachment(result.filename);
      res.send(result.text);
    } else if (result instanceof ErrorAnswer) {
      res.status(result.status).json(result.body);
    } else if (route.response) {
      res.status(route.status ?? 200).json(result);
    } else {
      res.status(route.status ?? 200).end();
    }
  };
}

/** The router of the API: the table's routes and `options.extraRoutes`, each served as its definition says. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { extraRoutes = [], ...rest } = options;
  const deps: RouteDeps = { ...rest, now: options.now ?? (() => new Date()) };
  const routes = [...ROUTES, ...extraRoutes];
  checkTable(routes);

  const router = Router();
  // Read before the route's access check, so that an id no source can have is a 400 whoever asks.
  router.param('id', async (req, _res, next) => {
    parseInput(sourcePathSchema, { id: req.params.id }, 'path');
    next();
  });
  // Defence in depth: whatever these routes answer (run errors, dry-run samples, configs, the error handler's body
  // for a failed request) is redacted once more on its way out.
  const redacted = coveringPrefixes(routes.filter(r => r.redact));
  if (redacted.length > 0)
    router.use(redacted, redactAnswers(deps.sources.redactor));
  // Routes that read their body as bytes come before the JSON parser, each with its own media type and limit.
  for (const route of byPrecedence(routes.filter(r => r.rawBody))) {
    const { mediaType, limit } = route.rawBody!;
    router[route.method](
      route.path,
      wellFormedQuery(),
      ...rawBody(mediaType, limit),
      serve(route, deps, routes),
    );
  }
  router.use(jsonBody('25mb'));
  router.use(wellFormedQuery());
  for (const route of byPrecedence(routes.filter(r => !r.rawBody))) {
    router[route.method](route.path, serve(route, deps, routes));
  }
  router.use(serverErrorHandler(options.logger));
  return router;
}

/** The paths the plugin opens to unauthenticated callers (its auth policy), from the table. */
export function publicPaths(routes: readonly Route[] = ROUTES): string[] {
  return routes.filter(r => r.access === 'public').map(r => r.path);
}
