// The payloads of the customer-kpis REST API, as zod schemas: the backend validates against them in its tests
// and the frontend reads their types, so both always agree on a shape.
import { z } from 'zod';
import { KPI_IDS } from '../kpis/ids';
import { kpiSummarySchema } from '../aggregates/summary';
import { dayRangeSchema } from './windows';

const kpiIdSchema = z.enum(KPI_IDS);
const statusSchema = z.enum([
  'good',
  'warning',
  'critical',
  'insufficient-data',
]);

/** Thresholds in force for one KPI of one entity, and the layer they came from. */
export const thresholdsResponseSchema = z.object({
  target: z.number(),
  warning: z.number(),
  source: z.enum(['default', 'config', 'annotation']),
  /** With source `config`: the domain, system or entity whose entry of `customerKpis.targets.entities` set them. */
  entity: z
    .string()
    .meta({
      description:
        'With source config: the ref of the domain, system or entity whose entry of customerKpis.targets.entities set them (absent: the global targets)',
    })
    .optional(),
});

/** How a KPI moved against the previous window of the same length. */
export const comparisonResponseSchema = z.object({
  previous: z.number().nullable(),
  delta: z.number().nullable(),
  significant: z.boolean(),
  change: z.enum([
    'better',
    'worse',
    'no-significant-change',
    'insufficient-data',
  ]),
  test: z.string(),
  pValue: z.number().optional(),
  reason: z.string().optional(),
});

/**
 * Whether a point covers only part of its period: the period is not over (it holds today, UTC, or a later day), or
 * the range cuts it. Its value rests on fewer days than the others' and may still change; a chart marks it.
 */
const partialSchema = z.boolean().meta({
  description:
    'Whether the point covers only part of its period: the period is not over (it holds today, UTC) or the range cuts it',
});

/** One point of a sparkline or a series: the KPI over [start, end]. */
export const sparklinePointSchema = z.object({
  start: z.string(),
  end: z.string(),
  value: z.number().nullable(),
  n: z.number().int().min(0),
  partial: partialSchema,
});

/** One KPI of one entity over a window. */
export const entityKpiSchema = z.object({
  kpi: kpiIdSchema,
  summary: kpiSummarySchema,
  thresholds: thresholdsResponseSchema,
  status: statusSchema,
  comparison: comparisonResponseSchema,
  sparkline: z.array(sparklinePointSchema),
  /** When data of this KPI last arrived for the entity (ISO time), null if never. */
  lastUpdated: z.string().nullable(),
  /** The data sources that fed this KPI for the entity. */
  sources: z.array(z.string()),
  /**
   * For a system or domain: the mean of its members' own values, each member counting once (as the overview's
   * `unweightedMean`), so that one large component cannot hide the others; `members` is how many had a value.
   */
  memberMean: z
    .object({
      value: z.number().nullable(),
      members: z.number().int().min(0),
    })
    .optional(),
});

/** The Customer-Centricity Index of an entity or a group. */
export const cciResponseSchema = z.object({
  value: z.number().nullable(),
  coverage: z.number(),
  components: z.array(
    z.object({
      kpi: kpiIdSchema,
      weight: z.number(),
      score: z.number().nullable(),
      status: statusSchema,
      included: z.boolean(),
    }),
  ),
});

/** `GET /entities/{kind}/{namespace}/{name}/kpis`. */
export const entityKpisResponseSchema = z.object({
  entityRef: z.string(),
  window: dayRangeSchema,
  previousWindow: dayRangeSchema,
  minimumSample: z.number().int(),
  kpis: z.array(entityKpiSchema),
  cci: cciResponseSchema,
  /** Whether the entity carries an annotation that binds it to a data source, or has data. */
  bound: z.boolean(),
  /**
   * For a system or domain: how many of its components (that the caller may see) are pooled with its own data.
   * Active users are then summed across them, assuming disjoint user bases.
   */
  members: z.number().int().min(0).optional(),
});

/** One point of `GET …/kpis/{kpi}/series`: the summary of the KPI over one day, week or month. */
export const seriesPointSchema = z.object({
  start: z.string(),
  end: z.string(),
  partial: partialSchema,
  summary: kpiSummarySchema,
});

/** `GET /entities/{kind}/{namespace}/{name}/kpis/{kpi}/series`. */
export const kpiSeriesResponseSchema = z.object({
  entityRef: z.string(),
  kpi: kpiIdSchema,
  granularity: z.enum(['day', 'week', 'month']),
  range: dayRangeSchema,
  thresholds: thresholdsResponseSchema,
  points: z.array(seriesPointSchema),
});

/** One KPI in an overview row. */
export const overviewCellSchema = z.object({
  /** The pooled value: numerators and denominators summed over the row's entities. */
  value: z.number().nullable(),
  n: z.number().int().min(0),
  /** The mean of the entities' own values (each entity counts once); equals value for a single entity. */
  unweightedMean: z.number().nullable(),
  status: statusSchema,
  delta: z.number().nullable(),
  significant: z.boolean(),
  change: comparisonResponseSchema.shape.change,
  /**
   * Why the change is 'insufficient-data': no data in the window ('no-data') or in the window before
   * ('no-previous-data', e.g. a 12-month window over a shorter history), fewer answers than the minimum sample in
   * either ('small-sample'), or too few values for the KPI's test ('no-test'). Absent otherwise.
   */
  changeReason: z
    .enum(['no-data', 'no-previous-data', 'small-sample', 'no-test'])
    .optional(),
  /** The 95% interval of the pooled value, on its scale; absent when the KPI gives none (no data, adoption). */
  interval: z.object({ low: z.number(), high: z.number() }).optional(),
  /** Customer effort: the answer scale of the value (7, or 5 when only five-point answers exist). */
  scale: z.union([z.literal(5), z.literal(7)]).optional(),
});

/** One row of the overview: an entity, or a group of entities (system, domain, owner). */
export const overviewRowSchema = z.object({
  /** The entity ref of the row (the component, system, domain or owner group). */
  ref: z.string(),
  title: z.string(),
  kind: z.string(),
  owner: z.string().nullable(),
  system: z.string().nullable(),
  domain: z.string().nullable(),
  /** The titles (else names) of the owner, system and domain; null when the caller may not read it or it is unknown. */
  ownerTitle: z.string().nullable().optional(),
  systemTitle: z.string().nullable().optional(),
  domainTitle: z.string().nullable().optional(),
  lifecycle: z.string().nullable(),
  /** How many catalog entities the row rolls up (1 for a component). */
  entityCount: z.number().int().min(0),
  kpis: z.record(kpiIdSchema, overviewCellSchema),
  cci: z.object({ value: z.number().nullable(), delta: z.number().nullable() }),
});

/**
 * How current an overview's values are: reads do not wait for the summary upkeep beyond a fraction of a second,
 * so the values of entities and groups counted here leave out their latest data until the scheduled upkeep
 * (every minute) takes it in. Both zero: every stored observation is in the values shown.
 */
export const overviewPendingSchema = z.object({
  /** Entities whose stored summaries are behind their data. */
  entities: z.number().int().min(0),
  /** Groups of the answer (systems, domains or owners) read as last stored, behind their members' data. */
  groups: z.number().int().min(0),
});

/** `GET /overview`. */
export const overviewResponseSchema = z.object({
  groupBy: z.enum(['component', 'system', 'domain', 'owner']),
  window: dayRangeSchema,
  previousWindow: dayRangeSchema,
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  rows: z.array(overviewRowSchema),
  /** What a reader must know about the rollups (e.g. active users are summed assuming disjoint user bases). */
  warnings: z.array(z.string()),
  /** The sample below which a value has no status and a change is not judged (its cells are greyed). */
  minimumSample: z.number().int().min(0),
  /** How current the values are (always sent by this backend; optional for older ones). */
  pending: overviewPendingSchema.optional(),
});

/** One owner, system or domain that the overview can be filtered by. */
export const overviewFacetSchema = z.object({
  ref: z.string(),
  /** Its title (else name); null when the caller may not read it or the catalog does not hold it. */
  title: z.string().nullable(),
  /** How many entities of the kind that the caller may read it has. */
  count: z.number().int().min(1),
});

/** `GET /overview/facets`: the owners, systems and domains of the entities of a kind, by title. */
export const overviewFacetsResponseSchema = z.object({
  kind: z.string(),
  owners: z.array(overviewFacetSchema),
  systems: z.array(overviewFacetSchema),
  domains: z.array(overviewFacetSchema),
});

/** The most rows `GET /overview/owned` answers: a card lists what a team owns, not a catalog. */
export const MAX_OWNED_ROWS = 200;

/**
 * `GET /overview/owned`: the components and systems that any of the owners owns and the caller may read, as the
 * overview's rows (a system rolled up over its components as the overview's system rows are); systems first, then
 * components, each by title.
 */
export const ownedOverviewResponseSchema = z.object({
  owners: z.array(z.string()),
  window: dayRangeSchema,
  previousWindow: dayRangeSchema,
  /** How many owned entities the caller may read; `rows` holds the first {@link MAX_OWNED_ROWS} of them. */
  total: z.number().int().min(0),
  rows: z.array(overviewRowSchema),
  /** What a reader must know about the rollups (e.g. active users are summed assuming disjoint user bases). */
  warnings: z.array(z.string()),
  /** The sample below which a value has no status and a change is not judged. */
  minimumSample: z.number().int().min(0),
  /** How current the values are (always sent by this backend; optional for older ones). */
  pending: overviewPendingSchema.optional(),
});

/**
 * `POST /observations` on success: what became of each distinct id of the batch. A retraction of an id that is not
 * stored (never sent, already retracted, or its raw row past retention) changes nothing and counts as `unchanged`,
 * so the four counts add up to the batch's observations and retractions.
 */
export const ingestResponseSchema = z.object({
  inserted: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  replaced: z.number().int().min(0),
  /** Stored observations the batch removed (un-merged from every aggregate, raw row deleted). */
  retracted: z.number().int().min(0),
});

/** One bad item of a rejected batch. */
export const ingestItemErrorSchema = z.object({
  index: z.number().int().min(0),
  path: z.string(),
  message: z.string(),
});

/** `GET /kpis`: the definitions with the thresholds and weights in force from config. */
export const kpiDefinitionsResponseSchema = z.object({
  minimumSample: z.number().int(),
  kpis: z.array(
    z.object({
      id: kpiIdSchema,
      title: z.string(),
      description: z.string(),
      formula: z.string(),
      unit: z.string(),
      direction: z.enum(['higher', 'lower']),
      defaultWindowDays: z.number().int(),
      thresholds: thresholdsResponseSchema,
      /**
       * The thresholds that config sets for one domain, system or entity, in the KPI's unit, as written: a value
       * left out comes from the less specific layers (a target alone keeps their distance to the warning).
       */
      entityThresholds: z.array(
        z.object({
          entity: z.string(),
          target: z.number().optional(),
          warning: z.number().optional(),
        }),
      ),
      weight: z.number(),
    }),
  ),
});

export type ThresholdsResponse = z.infer<typeof thresholdsResponseSchema>;
export type ComparisonResponse = z.infer<typeof comparisonResponseSchema>;
export type SparklinePoint = z.infer<typeof sparklinePointSchema>;
export type EntityKpi = z.infer<typeof entityKpiSchema>;
export type CciResponse = z.infer<typeof cciResponseSchema>;
export type EntityKpisResponse = z.infer<typeof entityKpisResponseSchema>;
export type SeriesPoint = z.infer<typeof seriesPointSchema>;
export type KpiSeriesResponse = z.infer<typeof kpiSeriesResponseSchema>;
export type OverviewCell = z.infer<typeof overviewCellSchema>;
export type OverviewRow = z.infer<typeof overviewRowSchema>;
export type OverviewResponse = z.infer<typeof overviewResponseSchema>;
export type OverviewFacet = z.infer<typeof overviewFacetSchema>;
export type OverviewFacetsResponse = z.infer<
  typeof overviewFacetsResponseSchema
>;
export type OwnedOverviewResponse = z.infer<typeof ownedOverviewResponseSchema>;
export type IngestResponse = z.infer<typeof ingestResponseSchema>;
export type IngestItemError = z.infer<typeof ingestItemErrorSchema>;
export type KpiDefinitionsResponse = z.infer<
  typeof kpiDefinitionsResponseSchema
>;
