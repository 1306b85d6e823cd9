// The query parameters and request bodies of the customer-kpis REST API, as zod schemas shared by the
// backend (which validates them) and the frontend (which builds them).
import { z } from 'zod';
import { KPI_IDS } from '../kpis/ids';
import { isCalendarDay } from '../observations/fields';
import { windowParamSchema } from './windows';

/** The most observations one `POST /observations` may carry. */
export const MAX_INGEST_BATCH = 5000;

const day = z
  .string()
  .refine(isCalendarDay, { message: 'must be a day YYYY-MM-DD' });

/** `GET /entities/{kind}/{namespace}/{name}/kpis` query. */
export const entityKpisQuerySchema = z.object({
  window: windowParamSchema.default(90),
});

/** `GET /entities/{kind}/{namespace}/{name}/kpis/{kpi}/series` query. */
export const seriesQuerySchema = z
  .object({
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
export const overviewQuerySchema = z.object({
  groupBy: z
    .enum(['component', 'system', 'domain', 'owner'])
    .default('component'),
  window: windowParamSchema.default(90),
  kind: z.string().min(1).optional(),
  owner: z.string().min(1).optional(),
  system: z.string().min(1).optional(),
  domain: z.string().min(1).optional(),
  lifecycle: z.string().min(1).optional(),
  tag: z.string().min(1).optional(),
  q: z.string().min(1).max(200).optional(),
  sort: z.enum(OVERVIEW_SORTS).default('title'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/** `POST /observations` body: a batch from one source (`push` unless named). */
export const ingestRequestSchema = z.object({
  source: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, {
      message:
        'must be 1–100 lower-case letters, digits, dots, dashes or underscores',
    })
    .default('push'),
  observations: z
    .array(z.unknown())
    .min(1, { message: 'must hold at least one observation' }),
});

export type EntityKpisQuery = z.infer<typeof entityKpisQuerySchema>;
export type SeriesQuery = z.infer<typeof seriesQuerySchema>;
export type OverviewQuery = z.infer<typeof overviewQuerySchema>;
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];
export type IngestRequest = z.infer<typeof ingestRequestSchema>;
