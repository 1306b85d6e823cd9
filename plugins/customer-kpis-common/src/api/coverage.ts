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
});

/** `GET /coverage?kind=component`. */
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
