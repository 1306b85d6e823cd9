// The route table of the HTTP API: every route, defined once in the file of its area. The router and the OpenAPI
// document are both built from it, so that adding a route is adding an entry here.
import { coverageRoutes } from './coverage';
import { credentialRoutes } from './credentials';
import { Route } from './defineRoute';
import { entityRoutes } from './entities';
import { healthRoutes } from './health';
import { importRoutes } from './imports';
import { kpiRoutes } from './kpis';
import { observationRoutes } from './observations';
import { openApiRoutes } from './openapi';
import { overviewRoutes } from './overview';
import { ownedRoutes } from './owned';
import { sourceRoutes } from './sources';
import { webhookRoutes } from './webhooks';

export const ROUTES: readonly Route[] = [
  ...healthRoutes,
  ...kpiRoutes,
  ...observationRoutes,
  ...importRoutes,
  ...entityRoutes,
  ...overviewRoutes,
  ...ownedRoutes,
  ...coverageRoutes,
  ...credentialRoutes,
  ...sourceRoutes,
  ...webhookRoutes,
  ...openApiRoutes,
];
