// The payload of `GET /coverage`: which entity has data for which KPI, and why not where it has none.
import { z } from 'zod';
import { KPI_IDS } from '../kpis/ids';

/** Why a KPI of an entity has no data. */
export const coverageReasonSchema = z.enum([
  /** No configured source of a type that feeds this KPI. */
  'no-source',
  /** Such sources exist, but the entity carries none of their binding annotations. */
  'no-annotation',
  /** The entity is bound, and the last run of a source that would feed it failed. */
  'source-failing',
  /** The entity is bound and its sources run, but they sent nothing for it yet. */
  'no-data-yet',
]);

/** One KPI of one entity in the coverage matrix. */
export const coverageCellSchema = z.object({
  state: z.enum(['data', 'stale', 'missing']),
  reason: coverageReasonSchema.optional(),
  lastDataAt: z.string().nullable(),
  sources: z.array(z.string()),
  /** `no-source`: the installed source types that feed this KPI; configuring one of them fills the gap. */
  sourceTypes: z.array(z.string()).optional(),
  /** `no-annotation`: the binding annotations of the configured sources that feed this KPI; any one binds. */
  missingAnnotations: z.array(z.string()).optional(),
  /** `source-failing`: the bound sources feeding this KPI whose last run failed. */
  failingSources: z.array(z.string()).optional(),
  /** `no-data-yet`: the bound sources that would feed this KPI and have sent nothing for it yet. */
  pendingSources: z.array(z.string()).optional(),
});

/**
 * `GET /coverage?kind=component`. A system or domain pools its own data with its components' (those the caller may
 * read), as its KPIs do: a KPI has data when any of them has, and it is bound when any of them carries a binding.
 */
export const coverageResponseSchema = z.object({
  /** Data older than this many days is stale. */
  staleAfterDays: z.number().int(),
  rows: z.array(
    z.object({
      entityRef: z.string(),
      title: z.string(),
      kind: z.string(),
      owner: z.string().nullable(),
      system: z.string().nullable(),
      /** The binding annotations the entity carries. */
      bindings: z.array(z.string()),
      /** A system or domain: how many components it pools. */
      members: z.number().int().optional(),
      cells: z.record(z.enum(KPI_IDS), coverageCellSchema),
    }),
  ),
  /** Data naming entities that are not in the catalog (any more). */
  orphans: z.array(
    z.object({
      entityRef: z.string(),
      kpis: z.array(z.enum(KPI_IDS)),
      lastDataAt: z.string().nullable(),
    }),
  ),
});

export type CoverageReason = z.infer<typeof coverageReasonSchema>;
export type CoverageCell = z.infer<typeof coverageCellSchema>;
export type CoverageResponse = z.infer<typeof coverageResponseSchema>;
