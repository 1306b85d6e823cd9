// The summary of an aggregate — value, n, interval and KPI-specific figures — as a zod schema, since it travels over HTTP.
import { z } from 'zod';
import { KpiId } from '../kpis/ids';

const count = z.number().int().min(0);
const nullableNumber = z.number().nullable();
const bounds = z.object({ low: z.number(), high: z.number() });

/** A 95% interval of the headline value, on the value's scale, and how it was computed. */
export const kpiIntervalSchema = z.object({
  low: z.number(),
  high: z.number(),
  level: z.literal(0.95),
  method: z.enum(['wilson', 'adjusted-wald', 't', 'order-statistic']),
});

/** Median, p90 and mean (minutes) of one set of durations. */
export const durationFiguresSchema = z.object({
  n: count,
  p50: nullableNumber,
  p90: nullableNumber,
  mean: nullableNumber,
});

// Durations are compared on ln(1 + minutes); these two travel with the summary so that comparisons need no aggregate.
const durationCommon = {
  p50: nullableNumber,
  p90: nullableNumber,
  mean: nullableNumber,
  targetMinutes: z.number().min(0),
  withinTarget: count,
  withinTargetPercent: nullableNumber,
  withinTargetInterval: bounds.nullable(),
  logMean: nullableNumber,
  logSd: nullableNumber,
};

function summaryOf<K extends KpiId, S extends z.ZodRawShape>(
  kpi: K,
  secondary: S,
) {
  return z.object({
    kpi: z.literal(kpi),
    /** The number of answers, durations or users behind the value (see docs/kpis.md per KPI). */
    n: count,
    /** The headline value; null means "no data", never 0. */
    value: nullableNumber,
    unit: z.enum(['percent', 'nps', 'score', 'minutes']),
    interval: kpiIntervalSchema.optional(),
    secondary: z.object(secondary),
    /** The relative error of histogram quantiles (duration KPIs). */
    relativeError: z.number().optional(),
    /** Calendar or business time (time to resolve). */
    basis: z.enum(['calendar', 'business']).optional(),
  });
}

/** Summary of NPS answers. */
export const recommendSummarySchema = summaryOf('recommend', {
  promoters: count,
  passives: count,
  detractors: count,
  promoterPercent: nullableNumber,
  passivePercent: nullableNumber,
  detractorPercent: nullableNumber,
  /** Answers per score, index = score 0–10. */
  distribution: z.array(count).length(11),
  /** Variance of one answer scored +1/0/−1. */
  variance: nullableNumber,
  /** Half-width of the Wald 95% interval, in points. */
  marginOfError: nullableNumber,
  /** The plain Wald 95% interval, clamped. */
  wald: bounds.nullable(),
});

/** Summary of CSAT answers. */
export const satisfactionSummarySchema = summaryOf('satisfaction', {
  satisfied: count,
  mean: nullableNumber,
  /** Answers per score, index 0 = score 1. */
  distribution: z.array(count).length(5),
});

/** Summary of customer effort answers, on one scale. */
export const customerEffortSummarySchema = summaryOf('customer-effort', {
  scale: z.union([z.literal(5), z.literal(7)]),
  mean: nullableNumber,
  sd: nullableNumber,
  /** Answers in the easy top of the scale: 5–7 of 7, 4–5 of 5. */
  easy: count,
  easyPercent: nullableNumber,
  easyInterval: bounds.nullable(),
  /** Answers per score on the headline scale, index 0 = score 1 (very difficult). */
  distribution: z.array(count),
  /** The answers on the other scale, never mixed into the headline. */
  otherScale: z
    .object({
      scale: z.union([z.literal(5), z.literal(7)]),
      n: count,
      mean: nullableNumber,
      easyPercent: nullableNumber,
    })
    .nullable(),
});

/** Summary of resolution times. */
export const timeToResolveSummarySchema = summaryOf('time-to-resolve', {
  ...durationCommon,
  calendar: durationFiguresSchema,
  /** Figures of the tickets whose source gave business minutes. */
  business: durationFiguresSchema,
});

/** Summary of times to value. */
export const timeToValueSummarySchema = summaryOf('time-to-value', {
  ...durationCommon,
  /** Journeys started in the window: reached + pending. */
  started: count,
  reached: count,
  /** Journeys that have not reached value yet (censored). */
  pending: count,
  reachedPercent: nullableNumber,
});

/** Summary of active-user gauges: the latest day. */
export const adoptionSummarySchema = summaryOf('adoption', {
  /** The day read (the latest with data); null when there is none. */
  date: z.string().nullable(),
  dau: count,
  wau: count,
  mau: count,
  eligible: count,
  /** DAU ÷ MAU × 100. */
  stickiness: nullableNumber,
  /** How many gauges (entities or sources) were summed on that day. */
  gauges: count,
});

/** Summary of retention periods. */
export const retentionSummarySchema = summaryOf('retention', {
  start: count,
  end: count,
  new: count,
  /** E − N: customers kept. */
  kept: count,
  /** S − (E − N). */
  churned: count,
  periods: count,
});

/** Any KPI summary, discriminated by `kpi`. */
export const kpiSummarySchema = z.discriminatedUnion('kpi', [
  adoptionSummarySchema,
  timeToValueSummarySchema,
  timeToResolveSummarySchema,
  customerEffortSummarySchema,
  satisfactionSummarySchema,
  retentionSummarySchema,
  recommendSummarySchema,
]);

/** A summary of any KPI. */
export type KpiSummary = z.infer<typeof kpiSummarySchema>;
/** The summary of KPI `K`. */
export type KpiSummaryOf<K extends KpiId> = Extract<KpiSummary, { kpi: K }>;
/** A 95% interval with its method. */
export type KpiInterval = z.infer<typeof kpiIntervalSchema>;
/** Median, p90 and mean of a set of durations. */
export type DurationFigures = z.infer<typeof durationFiguresSchema>;
