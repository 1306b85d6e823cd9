// The query parameters and request bodies of the customer-kpis REST API, as zod schemas shared by the
// backend (which validates them) and the frontend (which builds them).
// Every query is a strict object: a misspelt parameter (`?windw=30d`) is a 400 naming it, not a silent default.
// A default of a parameter that the schema transforms is a `prefault`, written as a caller would send it ('90d'), so
// that the OpenAPI document states it (a `default` of the transformed value, 90, is not shown in JSON Schema).
import { z } from 'zod';
import { KPI_IDS } from '../kpis/ids';
import {
  EntityRefPart,
  entityRefPartProblem,
  parseEntityRefText,
} from '../observations/entityRefs';
import { isCalendarDay } from '../observations/fields';
import {
  observedAndRetracted,
  retractionsSchema,
} from '../observations/retractions';
import { boundedText } from '../observations/text';
import { sourceDefinitionSchema } from './sources';
import { windowParamSchema } from './windows';

/** The most observations one `POST /observations` may carry. */
export const MAX_INGEST_BATCH = 5000;

/** The longest free-text search of the overview. */
export const MAX_SEARCH_LENGTH = 200;

const day = boundedText(10).refine(isCalendarDay, {
  message: 'must be a day YYYY-MM-DD',
});

/** One part of an entity ref (in a path or a filter), lower-cased and held to the catalog's rule for it. */
function entityRefPart(part: EntityRefPart) {
  return z.string().transform((text, ctx) => {
    const value = text.toLocaleLowerCase('en-US');
    const problem = entityRefPartProblem(part, value);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return value;
  });
}

/** An entity ref in a query (`owner=group:default/team-a`), normalised as observations are. */
const entityRefParam = z.string().transform((text, ctx) => {
  const result = parseEntityRefText(text);
  if (result.problem !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `must be an entity ref "kind:namespace/name", but ${result.problem}`,
    });
    return z.NEVER;
  }
  return result.ref;
});

/**
 * The path parameters `{kind}/{namespace}/{name}` of the entity routes, read as the entity ref they name; a part
 * that no catalog entity can have (`..%2F`, 64 characters, NUL) is a 400 before the catalog is asked.
 */
export const entityPathSchema = z
  .object({
    kind: entityRefPart('kind'),
    namespace: entityRefPart('namespace'),
    name: entityRefPart('name'),
  })
  .transform(({ kind, namespace, name }) => `${kind}:${namespace}/${name}`);

/** The `{id}` path parameter of the source routes: a source id as sources are registered with. */
export const sourcePathSchema = z.object({
  id: sourceDefinitionSchema.shape.id,
});

/** `GET /sources/{id}/runs` query. */
export const sourceRunsQuerySchema = z.strictObject({
  limit: z.coerce.number<number>().int().min(1).max(500).default(50),
});

/** `GET /coverage` query. */
export const coverageQuerySchema = z.strictObject({
  kind: entityRefPart('kind').prefault('component'),
});

/** `GET /entities/{kind}/{namespace}/{name}/kpis` query. */
export const entityKpisQuerySchema = z.strictObject({
  window: windowParamSchema.prefault('90d'),
});

/** `GET /entities/{kind}/{namespace}/{name}/kpis/{kpi}/series` query. */
export const seriesQuerySchema = z
  .strictObject({
    from: day.optional(),
    to: day.optional(),
    granularity: z.enum(['day', 'week', 'month']).default('week'),
  })
  .refine(q => !q.from || !q.to || q.from <= q.to, {
    message: 'must not be after to',
    path: ['from'],
  });

/** The columns the overview can be sorted by: the title, any KPI, or the Customer-Centricity Index. */
export const OVERVIEW_SORTS = ['title', 'cci', ...KPI_IDS] as const;

/** `GET /overview` query. */
export const overviewQuerySchema = z.strictObject({
  groupBy: z
    .enum(['component', 'system', 'domain', 'owner'])
    .default('component'),
  window: windowParamSchema.prefault('90d'),
  kind: entityRefPart('kind').optional(),
  owner: entityRefParam.optional(),
  system: entityRefParam.optional(),
  domain: entityRefParam.optional(),
  // The sizes of the mirror's columns: lifecycle varchar(100); a tag is held to the catalog's 63 characters.
  lifecycle: boundedText(100).optional(),
  tag: boundedText(63).optional(),
  q: boundedText(MAX_SEARCH_LENGTH).optional(),
  sort: z.enum(OVERVIEW_SORTS).default('title'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number<number>().int().min(1).default(1),
  pageSize: z.coerce.number<number>().int().min(1).max(500).default(50),
});

/** `GET /overview/facets` query: the kind of the entities counted, as the overview's. */
export const overviewFacetsQuerySchema = overviewQuerySchema.pick({
  kind: true,
});

/** The most owners one `GET /overview/owned` may name (a user's ownership refs: the user and the user's groups). */
export const MAX_OWNED_OWNERS = 50;

/**
 * `GET /overview/owned` query: the owners, one `owner` parameter each (`?owner=group:default/a&owner=user:default/b`),
 * and the window. A single owner arrives as text, several as a list; both are read as a list.
 */
export const ownedOverviewQuerySchema = z.strictObject({
  owner: z
    .union([z.string(), z.array(z.string())])
    .transform(owner => (typeof owner === 'string' ? [owner] : owner))
    .pipe(
      z.array(entityRefParam).max(MAX_OWNED_OWNERS, {
        message: `must name at most ${MAX_OWNED_OWNERS} owners`,
      }),
    ),
  window: windowParamSchema.prefault('90d'),
});

/**
 * `POST /observations` body: a batch from one source (`push` unless named) of observations to add or replace and
 * ids of that source's observations to retract. Either list may be absent or empty, not both; together they hold at
 * most {@link MAX_INGEST_BATCH} items.
 */
export const ingestRequestSchema = z
  .strictObject({
    source: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, {
        message:
          'must be 1–100 lower-case letters, digits, dots, dashes or underscores',
      })
      .default('push'),
    observations: z
      .array(z.unknown())
      .max(MAX_INGEST_BATCH, {
        message: `must hold at most ${MAX_INGEST_BATCH} observations`,
      })
      .default([]),
    retractions: retractionsSchema
      .max(MAX_INGEST_BATCH, {
        message: `must hold at most ${MAX_INGEST_BATCH} ids`,
      })
      .default([]),
  })
  .superRefine(({ observations, retractions }, ctx) => {
    if (observations.length === 0 && retractions.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['observations'],
        message:
          'must hold at least one observation, unless retractions holds at least one id',
      });
      return;
    }
    if (observations.length + retractions.length > MAX_INGEST_BATCH) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `a batch holds at most ${MAX_INGEST_BATCH} observations and retractions together (got ${observations.length} + ${retractions.length})`,
      });
    }
    // One id twice in a batch is refused rather than resolved by order: it is almost always a bug in the sender
    // (a paging overlap, a join that fans out), and which of the two "wins" should not depend on array order.
    const firstIndex = new Map<string, number>();
    observations.forEach((item, index) => {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id !== 'string') return;
      const key = id.trim();
      const first = firstIndex.get(key);
      if (first === undefined) firstIndex.set(key, index);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['observations', index, 'id'],
          message: `repeats the id of item ${first}; each id may appear once per batch`,
        });
    });
    const firstRetraction = new Map<string, number>();
    retractions.forEach((id, index) => {
      const first = firstRetraction.get(id);
      if (first === undefined) firstRetraction.set(id, index);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['retractions', index],
          message: `repeats retraction ${first} (${JSON.stringify(
            id,
          )}); each id may be retracted once per batch`,
        });
    });
    for (const clash of observedAndRetracted(observations, retractions)) {
      ctx.addIssue({
        code: 'custom',
        path: ['retractions', clash.retractionIndex],
        message: `${JSON.stringify(clash.id)} is also the id of observation ${
          clash.observationIndex
        }; a batch may add or retract an id, not both`,
      });
    }
  });

// What a caller sends (`z.input`: before defaults and coercion) and what the backend reads (`z.infer`). The coerced
// numbers are typed as the numbers a caller passes; in a query string they arrive as text, which `parse` accepts.
/** The query of `GET /entities/{kind}/{namespace}/{name}/kpis` as a caller sends it. */
export type EntityKpisQueryInput = z.input<typeof entityKpisQuerySchema>;
/** The query of `GET …/kpis/{kpi}/series` as a caller sends it. */
export type SeriesQueryInput = z.input<typeof seriesQuerySchema>;
/** The query of `GET /overview` as a caller sends it. */
export type OverviewQueryInput = z.input<typeof overviewQuerySchema>;
/** The query of `GET /overview/facets` as a caller sends it. */
export type OverviewFacetsQueryInput = z.input<
  typeof overviewFacetsQuerySchema
>;
/** The query of `GET /overview/owned` as a caller sends it. */
export type OwnedOverviewQueryInput = z.input<typeof ownedOverviewQuerySchema>;
/** The query of `GET /coverage` as a caller sends it. */
export type CoverageQueryInput = z.input<typeof coverageQuerySchema>;
/** The query of `GET /sources/{id}/runs` as a caller sends it. */
export type SourceRunsQueryInput = z.input<typeof sourceRunsQuerySchema>;
export type EntityKpisQuery = z.infer<typeof entityKpisQuerySchema>;
export type SeriesQuery = z.infer<typeof seriesQuerySchema>;
export type OverviewQuery = z.infer<typeof overviewQuerySchema>;
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];
export type OverviewFacetsQuery = z.infer<typeof overviewFacetsQuerySchema>;
export type OwnedOverviewQuery = z.infer<typeof ownedOverviewQuerySchema>;
export type IngestRequest = z.infer<typeof ingestRequestSchema>;
export type CoverageQuery = z.infer<typeof coverageQuerySchema>;
export type SourceRunsQuery = z.infer<typeof sourceRunsQuerySchema>;
