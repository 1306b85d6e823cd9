// The HTTP API of the customer-kpis backend: ingest, entity reads, series, overview and definitions.
import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  IngestItemError,
  KPI_IDS,
  MAX_INGEST_BATCH,
  Observation,
  STANDARD_WINDOW_DAYS,
  customerKpisObservationCreatePermission,
  entityKpisQuerySchema,
  entityPathSchema,
  equalWeights,
  ingestRequestSchema,
  isKpiId,
  kpiDefinitions,
  overviewQuerySchema,
  resolveThresholds,
  resolveWeights,
  safeParseObservation,
  seriesQuerySchema,
  sourcePathSchema,
  utcDay,
  addDaysToDay,
  windowLength,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { jsonBody, parseInput, wellFormedQuery } from './parseInput';
import { CustomerKpisSettings } from '../config';
import { EntityStore } from '../database/EntityStore';
import { KpiStore } from '../database/KpiStore';
import { buildEntityKpis } from './entityKpis';
import { summariseOptions } from './kpiView';
import { overviewToCsv } from './csv';
import { GroupSummaryStore } from '../database/GroupSummaryStore';
import { OverviewStore } from '../database/OverviewStore';
import { buildOverview } from './overview';
import { openApiDocument } from './openapi';
import { serverErrorHandler } from './errorHandler';
import { alignStart, periodsOf, summarisePeriods } from './periods';
import { readableEntityRefs } from './visibility';

/** What the router needs. */
export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
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
  /** Extra routes (the data-source admin API) mounted on the same router. */
  extraRoutes?: (router: express.Router) => void;
  now?: () => Date;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, catalog, store, entities, settings } = options;
  const now = options.now ?? (() => new Date());
  const router = Router();
  router.use(jsonBody('25mb'));
  router.use(wellFormedQuery());
  // The admin routes mounted through `extraRoutes` share this router, so their `:id` is read here once for all.
  router.param('id', async (req, _res, next) => {
    parseInput(sourcePathSchema, { id: req.params.id }, 'path');
    next();
  });

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/kpis', async (req, res) => {
    parseInput(z.strictObject({}), req.query, 'query');
    const weights =
      resolveWeights({ config: settings.weights }) ?? equalWeights();
    res.json({
      minimumSample: settings.minimumSample,
      kpis: KPI_IDS.map(id => {
        const definition = kpiDefinitions[id];
        const thresholds = resolveThresholds({
          kpi: id,
          config: settings.targets,
        });
        return {
          id,
          title: definition.title,
          description: definition.description,
          formula: definition.formula,
          unit: definition.unit,
          direction: definition.direction,
          defaultWindowDays: definition.defaultWindowDays,
          thresholds: {
            target: thresholds.target,
            warning: thresholds.warning,
            source: thresholds.source,
          },
          weight: weights[id],
        };
      }),
    });
  });

  router.post('/observations', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (credentials.principal.type === 'user') {
      const [decision] = await permissions.authorize(
        [{ permission: customerKpisObservationCreatePermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          'Missing permission customer-kpis.observation.create',
        );
      }
    }
    const items = Array.isArray(req.body?.observations)
      ? req.body.observations
      : undefined;
    if (items && items.length > MAX_INGEST_BATCH) {
      res.status(413).json({
        error: {
          name: 'PayloadTooLargeError',
          message: `A batch holds at most ${MAX_INGEST_BATCH} observations, this one has ${items.length}; nothing was stored`,
        },
      });
      return;
    }
    const body = parseInput(ingestRequestSchema, req.body, 'request body');
    const observations: Observation[] = [];
    const errors: IngestItemError[] = [];
    // One instant for the whole batch: the range of event times must not move while it is read.
    const receivedAt = now();
    body.observations.forEach((item, index) => {
      const result = safeParseObservation(item, { now: receivedAt });
      if (result.success) observations.push(result.observation);
      else
        errors.push(
          ...result.issues.map(issue => ({
            index,
            path: issue.path,
            message: issue.message,
          })),
        );
    });
    if (errors.length > 0) {
      const bad = new Set(errors.map(e => e.index)).size;
      res.status(400).json({
        error: {
          name: 'InputError',
          message: `${bad} of ${body.observations.length} observations are invalid (first: item ${errors[0].index}, ${errors[0].path}: ${errors[0].message}); nothing was stored`,
        },
        items: errors,
      });
      return;
    }
    const counts = await store.ingest(body.source, observations);
    res.json(counts);
  });

  /** The entity ref of the route's path; a part no catalog entity can have is a 400, before the catalog is asked. */
  function entityRefOf(req: express.Request): string {
    const { kind, namespace, name } = req.params;
    return parseInput(entityPathSchema, { kind, namespace, name }, 'path');
  }

  /** The catalog entity behind the route, read with the caller's credentials: 404 when unknown or not visible. */
  async function visibleEntity(req: express.Request, entityRef: string) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
    return { entity, entityRef };
  }

  router.get('/entities/:kind/:namespace/:name/kpis', async (req, res) => {
    const pathRef = entityRefOf(req);
    const query = parseInput(entityKpisQuerySchema, req.query, 'query');
    const { entity, entityRef } = await visibleEntity(req, pathRef);
    const annotations = entity.metadata.annotations ?? {};
    const bindings = options.bindingAnnotations();
    const record = await entities.get(entityRef);
    // A system or domain is a product (line): its KPIs pool its components' data with its own.
    const kind = entity.kind.toLocaleLowerCase('en-US');
    let members: string[] | undefined;
    if (kind === 'system' || kind === 'domain') {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const visible = await readableEntityRefs(
        { catalog, permissions, entities },
        credentials,
        ['component'],
      );
      members = (
        await entities.list({ kinds: ['component'], [kind]: entityRef })
      )
        .map(m => m.entityRef)
        .filter(ref => visible.has(ref));
    }
    res.json(
      await buildEntityKpis(
        store,
        settings,
        {
          entityRef,
          annotations,
          system: record?.system ?? undefined,
          domain: record?.domain ?? undefined,
          bound: Object.keys(annotations).some(key => bindings.includes(key)),
          members,
        },
        query.window,
        now(),
      ),
    );
  });

  router.get(
    '/entities/:kind/:namespace/:name/kpis/:kpi/series',
    async (req, res) => {
      const pathRef = entityRefOf(req);
      const { kpi } = req.params;
      if (!isKpiId(kpi))
        throw new NotFoundError(
          `No KPI ${JSON.stringify(
            kpi.slice(0, 40),
          )}; the KPIs are ${KPI_IDS.join(', ')}`,
        );
      const query = parseInput(seriesQuerySchema, req.query, 'query');
      const { entity, entityRef } = await visibleEntity(req, pathRef);
      const to = query.to ?? utcDay(now());
      const from = query.from ?? addDaysToDay(to, -89);
      if (addDaysToDay(from, 731) <= to) {
        throw new InputError(
          'Invalid query: from: the range covers at most 731 days',
        );
      }
      const thresholds = resolveThresholds({
        kpi,
        config: settings.targets,
        annotations: entity.metadata.annotations,
      });
      const start = alignStart(from, query.granularity);
      const days = await store.readDays(entityRef, kpi, start, to);
      const points = summarisePeriods(
        kpi,
        days,
        periodsOf(start, to, query.granularity),
        summariseOptions(kpi, thresholds),
      );
      res.json({
        entityRef,
        kpi,
        granularity: query.granularity,
        range: { from: start, to, days: windowLength({ from: start, to }) },
        thresholds: {
          target: thresholds.target,
          warning: thresholds.warning,
          source: thresholds.source,
        },
        points: points.map(p => ({
          start: p.start,
          end: p.end,
          summary: p.summary,
        })),
      });
    },
  );

  router.get('/overview', async (req, res) => {
    const query = parseInput(overviewQuerySchema, req.query, 'query');
    if (!(STANDARD_WINDOW_DAYS as readonly number[]).includes(query.window)) {
      throw new InputError(
        `Invalid query: window: the overview covers ${STANDARD_WINDOW_DAYS.map(
          d => `${d}d`,
        ).join(', ')} (12m = 365d)`,
      );
    }
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const visible = await readableEntityRefs(
      { catalog, permissions, entities },
      credentials,
      [query.kind ?? 'component', 'system', 'domain', 'group'],
    );
    const overview = await buildOverview(
      {
        store,
        entities,
        groups: options.groups,
        overviews: options.overviews,
        settings,
        now,
      },
      query,
      visible,
    );
    if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
      res
        .type('text/csv')
        .attachment(`customer-kpis-${query.groupBy}.csv`)
        .send(overviewToCsv(overview));
      return;
    }
    res.json(overview);
  });

  options.extraRoutes?.(router);

  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  router.use(serverErrorHandler(options.logger));
  return router;
}
