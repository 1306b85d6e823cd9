// The data-source admin API, every route guarded by the permission customer-kpis.source.manage.
import {
  AuthService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  coverageQuerySchema,
  customerKpisSourceManagePermission,
  sourceDefinitionSchema,
  sourceDryRunRequestSchema,
  sourceRunsQuerySchema,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  CredentialDefinition,
  CustomerKpisSourceType,
  SecretRedactor,
  describeConfigSchema,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import express from 'express';
import { parseInput } from '../service/parseInput';
import { SourceRegistry } from './SourceRegistry';
import { SourceRunError, SourceRunner } from './SourceRunner';
import { SourceStore } from './SourceStore';
import { KpiStore } from '../database/KpiStore';
import { buildCoverage } from '../service/coverage';
import { visibleEntityRefs } from '../service/visibility';
import { MIRRORED_KINDS, toEntityRecords } from '../catalog/entityRecords';

/** Mounts the admin routes on the plugin's router. */
export function addSourceRoutes(
  router: express.Router,
  deps: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    registry: SourceRegistry;
    runner: SourceRunner;
    store: SourceStore;
    sourceTypes: ReadonlyMap<string, CustomerKpisSourceType<any>>;
    /** `customerKpis.credentials`: only names and allowed URLs are ever answered. */
    credentials: Readonly<Record<string, CredentialDefinition>>;
    /** Every answer of these routes, errors included, passes through it. */
    redactor: SecretRedactor;
    catalog: CatalogService;
    auth: AuthService;
    bindingAnnotations: () => string[];
    kpiStore: KpiStore;
    now?: () => Date;
  },
) {
  const { httpAuth, permissions, registry, runner } = deps;

  // Defence in depth: whatever a source route answers (run errors, dry-run samples, configs, the error handler's
  // body for a failed request) is redacted once more on its way out. Set per request, so that mounting the routes
  // needs no dependency (the OpenAPI test mounts them without any).
  router.use(['/sources', '/credentials'], (_req, res, next) => {
    const json = res.json.bind(res);
    res.json = body => json(deps.redactor.redactValue(body));
    next();
  });

  async function requireManage(req: express.Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: customerKpisSourceManagePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'Missing permission customer-kpis.source.manage',
      );
    }
    return credentials;
  }

  /**
   * A dry run; a definition the runner cannot prepare (bad config, unknown type, unknown credential, or a credential
   * not allowed for the source's URL) is a 400 naming the fields.
   */
  async function dryRun(definition: Parameters<SourceRunner['dryRun']>[0]) {
    try {
      return await runner.dryRun(definition);
    } catch (error) {
      if (error instanceof SourceRunError)
        throw new InputError(`Invalid source: ${error.message}`);
      throw error;
    }
  }

  router.get('/sources/types', async (req, res) => {
    await requireManage(req);
    res.json({
      items: [...deps.sourceTypes.values()].map(type => ({
        id: type.id,
        title: type.title,
        description: type.description,
        kpis: [...type.kpis],
        annotation: type.annotation,
        configSchema: describeConfigSchema(type.configSchema),
      })),
    });
  });

  router.get('/coverage', async (req, res) => {
    const credentials = await requireManage(req);
    const { kind } = parseInput(coverageQuerySchema, req.query, 'query');
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
      deps.kpiStore.listDataPresence(),
      registry.summaries(),
    ]);
    const entities = toEntityRecords(items, deps.bindingAnnotations()).sort(
      (a, b) => (a.entityRef < b.entityRef ? -1 : 1),
    );
    res.json(
      buildCoverage(
        entities,
        refs,
        presence,
        {
          types: [...deps.sourceTypes.values()].map(t => ({
            id: t.id,
            kpis: t.kpis,
            annotation: t.annotation,
          })),
          sources: summaries.map(s => ({
            id: s.id,
            type: s.type,
            lastRunFailed: s.lastRun?.status === 'failed',
          })),
        },
        deps.now?.() ?? new Date(),
      ),
    );
  });

  router.get('/credentials', async (req, res) => {
    await requireManage(req);
    res.json({
      items: Object.entries(deps.credentials).map(
        ([name, { allowedUrls }]) => ({ name, allowedUrls: [...allowedUrls] }),
      ),
    });
  });

  router.get('/sources', async (req, res) => {
    await requireManage(req);
    res.json({ items: await registry.summaries() });
  });

  router.post('/sources/test', async (req, res) => {
    await requireManage(req);
    const body = parseInput(
      sourceDryRunRequestSchema,
      req.body,
      'request body',
    );
    res.json(await dryRun(body));
  });

  router.post('/sources', async (req, res) => {
    await requireManage(req);
    const body = parseInput(sourceDefinitionSchema, req.body, 'request body');
    const saved = await registry.save(body, 'create');
    res
      .status(201)
      .json((await registry.summaries()).find(s => s.id === saved.id));
  });

  router.get('/sources/:id', async (req, res) => {
    await requireManage(req);
    await registry.require(req.params.id);
    res.json((await registry.summaries()).find(s => s.id === req.params.id));
  });

  router.put('/sources/:id', async (req, res) => {
    await requireManage(req);
    const body = parseInput(
      sourceDefinitionSchema,
      { ...req.body, id: req.params.id },
      'request body',
    );
    await registry.save(body, 'update');
    res.json((await registry.summaries()).find(s => s.id === body.id));
  });

  router.delete('/sources/:id', async (req, res) => {
    await requireManage(req);
    await registry.delete(req.params.id);
    res.status(204).end();
  });

  router.post('/sources/:id/run', async (req, res) => {
    await requireManage(req);
    await registry.trigger(req.params.id);
    res.status(202).json({ status: 'triggered' });
  });

  router.post('/sources/:id/test', async (req, res) => {
    await requireManage(req);
    res.json(await dryRun(await registry.require(req.params.id)));
  });

  router.get('/sources/:id/runs', async (req, res) => {
    await requireManage(req);
    await registry.require(req.params.id);
    const { limit } = parseInput(sourceRunsQuerySchema, req.query, 'query');
    res.json({ items: await deps.store.listRuns(req.params.id, limit) });
  });
}
