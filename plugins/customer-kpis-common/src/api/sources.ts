// The payloads of the data-source admin API: a source definition, its runs, the source types and a dry run.
import { z } from 'zod';
import { KPI_IDS } from '../kpis/ids';
import { boundedText } from '../observations/text';
import { configValueIssues } from './sourceConfigLimits';

const duration = z
  .object({
    seconds: z.number().int().positive().optional(),
    minutes: z.number().int().positive().optional(),
    hours: z.number().int().positive().optional(),
    days: z.number().int().positive().optional(),
  })
  .strict()
  .refine(d => Object.keys(d).length > 0, {
    message: 'must set seconds, minutes, hours or days',
  });

/** How often a source runs: a duration between runs or a cron expression (UTC). */
export const sourceScheduleSchema = z.strictObject({
  frequency: z.union([
    duration,
    z.object({ cron: boundedText(200, { min: 9 }) }).strict(),
  ]),
  timeout: duration.optional(),
  initialDelay: duration.optional(),
});

// The limits are the sizes of the customer_kpis_sources columns: id and type varchar(100), title varchar(200).
// Unknown fields are refused, so that a misspelt `shedule` is an error rather than the default schedule.
/** A source instance as registered through `POST /sources` or `PUT /sources/{id}` (the id from the path). */
export const sourceDefinitionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, {
    message:
      'must be 1–100 lower-case letters, digits, dots, dashes or underscores',
  }),
  type: boundedText(100),
  title: boundedText(200).optional(),
  schedule: sourceScheduleSchema.default({ frequency: { minutes: 30 } }),
  config: z
    .record(z.string(), z.unknown())
    .superRefine((config, ctx) => {
      for (const issue of configValueIssues(config)) ctx.addIssue(issue);
    })
    .default({}),
});

/** `POST /sources/test` body: a dry run of a definition that need not be saved. */
export const sourceDryRunRequestSchema = sourceDefinitionSchema
  .omit({ id: true, schedule: true })
  .extend({
    id: sourceDefinitionSchema.shape.id.optional(),
  });

/** One run of a source. */
export const sourceRunSchema = z.object({
  id: z.number().int(),
  sourceId: z.string(),
  trigger: z.enum(['schedule', 'manual', 'webhook']),
  status: z.enum(['running', 'succeeded', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  pages: z.number().int(),
  inserted: z.number().int(),
  unchanged: z.number().int(),
  replaced: z.number().int(),
  /** Stored observations the run's pages retracted (retractions of ids not stored count as unchanged). */
  retracted: z.number().int(),
  entities: z.number().int(),
  error: z.string().nullable(),
});

/** A source in `GET /sources`. */
export const sourceSummarySchema = z.object({
  id: z.string(),
  type: z.string(),
  title: z.string().optional(),
  origin: z.enum(['config', 'api']),
  schedule: sourceScheduleSchema,
  /** The config as stored: credentials by name only. */
  config: z.record(z.string(), z.unknown()),
  /** Whether a module of this type is installed. */
  typeAvailable: z.boolean(),
  lastRun: sourceRunSchema.nullable(),
  lastSuccess: sourceRunSchema.nullable(),
  /** When the next scheduled run is due (estimated from the last run and the frequency), ISO time. */
  nextRunAt: z.string().nullable(),
});

/** `GET /sources/types`: the installed source types and the JSON Schema of their config. */
export const sourceTypeSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  kpis: z.array(z.enum(KPI_IDS)),
  annotation: z.string(),
  configSchema: z.record(z.string(), z.unknown()),
  /**
   * Sources of this type are defined in app-config only (e.g. `sql`, whose queries run with the portal's
   * credential): the API neither registers, changes nor dry-runs them, and lists them read-only.
   */
  configOnly: z.boolean().optional(),
});

/** `POST /sources/test` and `POST /sources/{id}/test`: what a first page would store (nothing is stored). */
export const sourceDryRunResponseSchema = z.object({
  entities: z.number().int(),
  observations: z.number().int(),
  sample: z.array(z.record(z.string(), z.unknown())),
  invalid: z.array(
    z.object({
      index: z.number().int(),
      path: z.string(),
      message: z.string(),
    }),
  ),
  error: z.string().nullable(),
});

/**
 * One item of `GET /credentials`: a credential's name and the origins or base URLs it may be sent to; never the
 * secret.
 */
export const credentialSummarySchema = z.object({
  name: z.string(),
  allowedUrls: z.array(z.string()),
});

export type SourceSchedule = z.infer<typeof sourceScheduleSchema>;
/** A source definition as a caller sends it (`POST /sources`; `PUT /sources/{id}` without the id). */
export type SourceDefinitionInput = z.input<typeof sourceDefinitionSchema>;
/** The body of `POST /sources/test` as a caller sends it. */
export type SourceDryRunRequestInput = z.input<
  typeof sourceDryRunRequestSchema
>;
export type SourceDefinitionPayload = z.infer<typeof sourceDefinitionSchema>;
export type SourceRunResponse = z.infer<typeof sourceRunSchema>;
export type SourceSummary = z.infer<typeof sourceSummarySchema>;
export type SourceTypeSummary = z.infer<typeof sourceTypeSummarySchema>;
export type SourceDryRunResponse = z.infer<typeof sourceDryRunResponseSchema>;
export type CredentialSummary = z.infer<typeof credentialSummarySchema>;
